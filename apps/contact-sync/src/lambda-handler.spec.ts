import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PowertoolsLogger, PowertoolsMetrics } from '@contact-sync/adapters-aws';
import { captureOutput } from '@contact-sync/adapters-aws/testing';
import { defineFunction } from '@contact-sync/functions';
import type { Context } from 'aws-lambda';
import { Container } from 'inversify';
import { LambdaRoot } from './composition';
import { lambdaHandler } from './lambda-handler';

afterEach(() => jest.restoreAllMocks());

/** A use case that counts each call in the metrics, then fails when it is asked to. */
class CountCalls {
  constructor(private readonly metrics: PowertoolsMetrics) {}

  async execute(request: TestEvent): Promise<string> {
    this.metrics.add('Updated');
    if (request.fail) throw new Error('the use case failed');
    return 'counted';
  }
}

interface TestEvent {
  readonly fail?: boolean;
  readonly correlationId?: string;
}

/** A composition root with the real Powertools adapters and the use case above. */
function testRoot(): LambdaRoot {
  const logger = new PowertoolsLogger(new Logger({ serviceName: 'contact-sync' }));
  const metrics = new PowertoolsMetrics(new Metrics({ namespace: 'ContactSync', serviceName: 'contact-sync' }));
  const container = new Container();
  container.bind(CountCalls).toConstantValue(new CountCalls(metrics));
  return { container, logger, metrics };
}

/** A thin handler, as the functions' are: it correlates when the event says so, calls its use case and logs. */
function testHandler(root: LambdaRoot) {
  return lambdaHandler(
    defineFunction({ count: CountCalls }, async (event: TestEvent, { count, logger }) => {
      if (event.correlationId) logger.correlate(event.correlationId);
      const result = await count.execute(event);
      logger.info('use case called', { result });
      return result;
    }),
    async () => root,
  );
}

const context = (requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'contact-sync-dev-contactChange',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:contact-sync-dev-contactChange',
  memoryLimitInMB: '256',
  awsRequestId: requestId,
  logGroupName: '/aws/lambda/contact-sync-dev-contactChange',
  logStreamName: '2026/11/22/[$LATEST]abcdef',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const entries = (lines: readonly string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const logEntry = (lines: readonly string[]) => entries(lines).find((entry) => entry['message'] === 'use case called');
const metricsEntry = (lines: readonly string[]) => entries(lines).find((entry) => '_aws' in entry);

describe('lambdaHandler', () => {
  it('gives every log entry of an invocation the Lambda context', async () => {
    const handler = testHandler(testRoot());
    const { result, lines } = await captureOutput(() => handler({}, context('req-1')));
    expect(result).toBe('counted');
    expect(logEntry(lines)).toMatchObject({
      level: 'INFO',
      service: 'contact-sync',
      function_name: 'contact-sync-dev-contactChange',
      function_arn: 'arn:aws:lambda:us-east-1:111111111111:function:contact-sync-dev-contactChange',
      function_memory_size: '256',
      function_request_id: 'req-1',
      result: 'counted',
    });
  });

  it('flushes the metrics after an invocation that returned', async () => {
    const handler = testHandler(testRoot());
    const { lines } = await captureOutput(() => handler({}, context('req-2')));
    expect(metricsEntry(lines)).toMatchObject({ Updated: 1, service: 'contact-sync' });
  });

  it('flushes the metrics after an invocation whose use case threw, and throws its error', async () => {
    const handler = testHandler(testRoot());
    const { result, lines } = await captureOutput(() => handler({ fail: true }, context('req-3')).catch((error: unknown) => error));
    expect(result).toEqual(new Error('the use case failed'));
    expect(metricsEntry(lines)).toMatchObject({ Updated: 1 });
  });

  it('forgets the correlation id an invocation set: the next invocation of a warm environment starts without it', async () => {
    const handler = testHandler(testRoot());
    const first = await captureOutput(() => handler({ correlationId: 'evt-1' }, context('req-4')));
    const second = await captureOutput(() => handler({}, context('req-5')));
    expect(logEntry(first.lines)).toMatchObject({ correlation_id: 'evt-1', function_request_id: 'req-4' });
    expect(logEntry(second.lines)).toMatchObject({ function_request_id: 'req-5' });
    expect(logEntry(second.lines)).not.toHaveProperty('correlation_id');
  });

  it('runs without a context (a local invocation), with nothing of one in the logs', async () => {
    const handler = testHandler(testRoot());
    const { lines } = await captureOutput(() => handler({}));
    expect(logEntry(lines)).not.toHaveProperty('function_request_id');
    expect(metricsEntry(lines)).toMatchObject({ Updated: 1 });
  });
});
