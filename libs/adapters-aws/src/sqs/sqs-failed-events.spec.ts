import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { failedEventsContract } from '@contact-sync/port-contracts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SqsFailedEvents } from './sqs-failed-events';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-dev-failed-events';
const failedEvents = () => new SqsFailedEvents(new SQSClient({ region: 'us-east-1' }), QUEUE_URL);

/** What Lambda sends to an on-failure destination after the last attempt (or when the event got too old). */
const destinationRecord = (event: unknown, condition = 'RetriesExhausted') =>
  JSON.stringify({
    version: '1.0',
    timestamp: '2026-11-22T09:05:00.000Z',
    requestContext: {
      requestId: 'req-1',
      functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:contact-sync-dev-contactChange:$LATEST',
      condition,
      approximateInvokeCount: 3,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'AwsAdapterError', errorMessage: 'SQS SendMessageBatch failed: ServiceUnavailable' },
  });

/** A queue in memory behind the mocked client: received messages are hidden until deleted. */
function fakeQueue() {
  const messages: { id: string; body: string; handle?: string }[] = [];
  let sequence = 0;
  sqs.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages: number }) => {
    const visible = messages.filter((m) => !m.handle).slice(0, input.MaxNumberOfMessages);
    for (const m of visible) m.handle = `rh-${(sequence += 1)}`;
    return { Messages: visible.map((m) => ({ MessageId: m.id, ReceiptHandle: m.handle, Body: m.body })) };
  });
  sqs.on(DeleteMessageCommand).callsFake((input: { ReceiptHandle: string }) => {
    const index = messages.findIndex((m) => m.handle === input.ReceiptHandle);
    if (index >= 0) messages.splice(index, 1);
    return {};
  });
  sqs
    .on(GetQueueAttributesCommand)
    .callsFake(() => ({ Attributes: { ApproximateNumberOfMessages: String(messages.filter((m) => !m.handle).length) } }));
  return { land: async (event: unknown) => void messages.push({ id: `m-${messages.length}`, body: destinationRecord(event) }) };
}

failedEventsContract('SqsFailedEvents on a mocked queue', async () => {
  sqs.reset();
  const { land } = fakeQueue();
  return { port: failedEvents(), land };
});

describe('SqsFailedEvents', () => {
  it('receives ten at a time, with a short wait, until it has enough or the queue is empty', async () => {
    const { land } = fakeQueue();
    for (let n = 0; n < 12; n += 1) await land({ id: `e-${n}` });
    expect(await failedEvents().receive(25)).toHaveLength(12);
    expect(sqs.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] },
      { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] },
      { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] },
    ]);
    sqs.resetHistory();
    expect(await failedEvents().receive(3)).toEqual([]);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MaxNumberOfMessages: 3,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    });
  });

  it('tells how often each event was received, so that the replay gives up on its last receive', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { ReceiptHandle: 'rh-1', Body: '{"id":"a"}', Attributes: { ApproximateReceiveCount: '6' } },
          { ReceiptHandle: 'rh-2', Body: '{"id":"b"}', Attributes: { ApproximateReceiveCount: 'x' } },
        ],
      })
      .resolves({});
    expect(await failedEvents().receive(10)).toEqual([
      { handle: 'rh-1', event: { id: 'a' }, receiveCount: 6 },
      { handle: 'rh-2', event: { id: 'b' } },
    ]);
  });

  it('gives the event inside Lambda’s destination record, whether retries ran out or the event got too old', async () => {
    const event = contactWriteEvent({ eventId: 'e-1', alternateContactType: 'SECURITY' });
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { ReceiptHandle: 'rh-1', Body: destinationRecord(event) },
          { ReceiptHandle: 'rh-2', Body: destinationRecord(event, 'EventAgeExceeded') },
        ],
      })
      .resolves({});
    expect(await failedEvents().receive(10)).toEqual([
      { handle: 'rh-1', event },
      { handle: 'rh-2', event },
    ]);
  });

  it('gives a body that is not a destination record as it is, and one that is not JSON as undefined, for the replay to reject', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { ReceiptHandle: 'rh-1', Body: '{"source":"aws.events","requestPayload":1}' },
          { ReceiptHandle: 'rh-2', Body: 'not json' },
        ],
      })
      .resolves({});
    expect(await failedEvents().receive(10)).toEqual([
      { handle: 'rh-1', event: { source: 'aws.events', requestPayload: 1 } },
      { handle: 'rh-2', event: undefined },
    ]);
  });

  it('removes by receipt handle, and counts the waiting events', async () => {
    sqs.on(DeleteMessageCommand).resolves({});
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '4' } });
    await failedEvents().remove('rh-9');
    expect(await failedEvents().waiting()).toBe(4);
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([{ QueueUrl: QUEUE_URL, ReceiptHandle: 'rh-9' }]);
    expect(sqs.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] },
    ]);
  });

  it('names the operation and what to do on a denial, and never repeats what the service said', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .rejects(Object.assign(new Error('User sam@example.com is not authorized'), { name: 'AccessDenied', $metadata: {} }));
    sqs
      .on(DeleteMessageCommand)
      .rejects(Object.assign(new Error('queue of sam@example.com'), { name: 'QueueDoesNotExist', $metadata: {} }));
    sqs.on(GetQueueAttributesCommand).rejects(Object.assign(new Error('sam@example.com'), { name: 'InternalError', $metadata: {} }));
    await expect(failedEvents().receive(1)).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message:
        'SQS ReceiveMessage on the failed-events queue was denied: allow sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on it',
    });
    await expect(failedEvents().remove('rh-1')).rejects.toMatchObject({
      code: 'QUEUE_FAILED',
      message: 'SQS DeleteMessage failed: the failed-events queue does not exist; check its URL and the region',
    });
    await expect(failedEvents().waiting()).rejects.toMatchObject({
      code: 'QUEUE_FAILED',
      message: 'SQS GetQueueAttributes on the failed-events queue failed: InternalError',
    });
  });
});
