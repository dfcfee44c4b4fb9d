import { InMemoryLogger, InMemoryMetrics } from '@contact-sync/adapters-memory';
import type { Context } from 'aws-lambda';
import { FunctionLogger } from '../invocation';

/** A function logger over the in-memory log that keeps the correlation ids it was given, and counts its resets. */
export class RecordingLogger extends InMemoryLogger implements FunctionLogger {
  readonly correlations: string[] = [];
  resets = 0;

  correlate(correlationId: string): void {
    this.correlations.push(correlationId);
  }

  resetKeys(): void {
    this.resets += 1;
  }
}

/** Metrics that count their flushes. */
export class FlushCountingMetrics extends InMemoryMetrics {
  flushes = 0;

  override async flush(): Promise<void> {
    this.flushes += 1;
  }
}

/** A Lambda context with this request id and a fixed time left. */
export const testContext = (awsRequestId: string, remainingMs = 60_000): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'contact-sync-test-fn',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:contact-sync-test-fn',
  memoryLimitInMB: '512',
  awsRequestId,
  logGroupName: '/aws/lambda/contact-sync-test-fn',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => remainingMs,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
