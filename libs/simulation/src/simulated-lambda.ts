import { ClockPort, LoggerPort } from '@contact-sync/domain';
import { FunctionLogger, FunctionName } from '@contact-sync/functions';
import { ReceivedMessage } from '@contact-sync/simulated-aws';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';

/** The Region and account the simulated stack runs in, as its ARNs name them. */
const REGION = 'us-east-1';
const STACK_ACCOUNT = '000000000000';

/**
 * The Lambda context of one simulated invocation: its request id (which names the worker's holds),
 * and the time left measured on the simulation's clock, as Lambda's is on the wall clock.
 */
export function lambdaContext(name: FunctionName, requestId: string, endsAtMs: number, clock: ClockPort): Context {
  const functionName = `contact-sync-sim-${name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${STACK_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: requestId,
    getRemainingTimeInMillis: () => Math.max(0, endsAtMs - clock.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The simulation's log as a function body writes to it. Its entries carry no per-invocation keys (a
 * correlation id is Powertools' decoration of each line), so there is nothing to tag or forget.
 */
export const functionLogger = (logger: LoggerPort): FunctionLogger => ({
  debug: (message, fields) => logger.debug(message, fields),
  info: (message, fields) => logger.info(message, fields),
  warn: (message, fields) => logger.warn(message, fields),
  error: (message, fields) => logger.error(message, fields),
  correlate: () => undefined,
  resetKeys: () => undefined,
});

/** The work queue's messages as the SQS event source hands them to the worker: one record each, with its receive count. */
export function sqsEvent(messages: readonly ReceivedMessage[]): SQSEvent {
  return { Records: messages.map(sqsRecord) };
}

function sqsRecord(message: ReceivedMessage): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: '0',
      SenderId: STACK_ACCOUNT,
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${REGION}:${STACK_ACCOUNT}:contact-sync-sim-work`,
    awsRegion: REGION,
  };
}
