import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { failedEventsContract } from '@contact-sync/port-contracts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SqsFailedEvents } from './sqs-failed-events';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-dev-failed-events';
const EVENTS_DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-dev-events-dlq';
const failedEvents = () => new SqsFailedEvents(new SQSClient({ region: 'us-east-1' }), QUEUE_URL);
/** Both queues, as `contact-sync replay-failed-events` reads them. */
const bothQueues = () => new SqsFailedEvents(new SQSClient({ region: 'us-east-1' }), QUEUE_URL, EVENTS_DLQ_URL);

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

/**
 * Queues in memory behind the mocked client, by URL: received messages are hidden until deleted.
 * Lambda lands a destination record in the failure queue; EventBridge lands the event itself in its DLQ.
 */
function fakeQueues() {
  const queues = new Map<string, { id: string; body: string; handle?: string }[]>([
    [QUEUE_URL, []],
    [EVENTS_DLQ_URL, []],
  ]);
  const queue = (url: string) => queues.get(url) ?? [];
  let sequence = 0;
  sqs.on(ReceiveMessageCommand).callsFake((input: { QueueUrl: string; MaxNumberOfMessages: number }) => {
    const visible = queue(input.QueueUrl)
      .filter((m) => !m.handle)
      .slice(0, input.MaxNumberOfMessages);
    for (const m of visible) m.handle = `rh-${(sequence += 1)}`;
    return { Messages: visible.map((m) => ({ MessageId: m.id, ReceiptHandle: m.handle, Body: m.body })) };
  });
  sqs.on(DeleteMessageCommand).callsFake((input: { QueueUrl: string; ReceiptHandle: string }) => {
    const messages = queue(input.QueueUrl);
    const index = messages.findIndex((m) => m.handle === input.ReceiptHandle);
    if (index >= 0) messages.splice(index, 1);
    return {};
  });
  sqs.on(GetQueueAttributesCommand).callsFake((input: { QueueUrl: string }) => ({
    Attributes: { ApproximateNumberOfMessages: String(queue(input.QueueUrl).filter((m) => !m.handle).length) },
  }));
  const push = (url: string, body: string) => void queue(url).push({ id: `m-${queue(url).length}`, body });
  return {
    land: async (event: unknown) => push(QUEUE_URL, destinationRecord(event)),
    deadLetter: async (event: unknown) => push(EVENTS_DLQ_URL, JSON.stringify(event)),
    stored: (url: string) => queue(url).length,
  };
}

failedEventsContract('SqsFailedEvents on a mocked queue', async () => {
  sqs.reset();
  const { land } = fakeQueues();
  return { port: failedEvents(), land };
});

failedEventsContract('SqsFailedEvents on a mocked failure queue and events dead-letter queue, events landing in the DLQ', async () => {
  sqs.reset();
  const { deadLetter } = fakeQueues();
  return { port: bothQueues(), land: deadLetter };
});

describe('SqsFailedEvents', () => {
  it('receives ten at a time, with a short wait, until it has enough or the queue is empty', async () => {
    const { land } = fakeQueues();
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
      { handle: '0 rh-1', event: { id: 'a' }, receiveCount: 6 },
      { handle: '0 rh-2', event: { id: 'b' } },
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
      { handle: '0 rh-1', event },
      { handle: '0 rh-2', event },
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
      { handle: '0 rh-1', event: { source: 'aws.events', requestPayload: 1 } },
      { handle: '0 rh-2', event: undefined },
    ]);
  });

  it('removes by receipt handle, and counts the waiting events', async () => {
    sqs.on(DeleteMessageCommand).resolves({});
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '4' } });
    await failedEvents().remove('0 rh-9');
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
    await expect(failedEvents().remove('0 rh-1')).rejects.toMatchObject({
      code: 'QUEUE_FAILED',
      message: 'SQS DeleteMessage failed: the failed-events queue does not exist; check its URL and the region',
    });
    await expect(failedEvents().waiting()).rejects.toMatchObject({
      code: 'QUEUE_FAILED',
      message: 'SQS GetQueueAttributes on the failed-events queue failed: InternalError',
    });
  });
});

describe('SqsFailedEvents over the failure queue and the events dead-letter queue', () => {
  it('drains the failure queue first, then gives the dead-letter queue what is left of max, with whole requests', async () => {
    const { land, deadLetter } = fakeQueues();
    for (let n = 0; n < 3; n += 1) await land({ id: `failed-${n}` });
    for (let n = 0; n < 4; n += 1) await deadLetter({ id: `undelivered-${n}` });
    const received = await bothQueues().receive(5);
    expect(received.map((f) => f.event)).toEqual([
      { id: 'failed-0' },
      { id: 'failed-1' },
      { id: 'failed-2' },
      { id: 'undelivered-0' },
      { id: 'undelivered-1' },
    ]);
    expect(received.map((f) => f.handle)).toEqual(['0 rh-1', '0 rh-2', '0 rh-3', '1 rh-4', '1 rh-5']);
    expect(sqs.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 5, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] },
      { QueueUrl: QUEUE_URL, MaxNumberOfMessages: 2, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] },
      { QueueUrl: EVENTS_DLQ_URL, MaxNumberOfMessages: 2, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] },
    ]);
  });

  it('reads an EventBridge dead letter (the event itself) and a Lambda destination record (the event inside) as the same event', async () => {
    const event = contactWriteEvent({ eventId: 'e-1', alternateContactType: 'SECURITY' });
    const { land, deadLetter } = fakeQueues();
    await land(event);
    await deadLetter(event);
    expect(await bothQueues().receive(10)).toEqual([
      { handle: '0 rh-1', event },
      { handle: '1 rh-2', event },
    ]);
  });

  it('deletes each event from the queue it came from, and counts what waits in both', async () => {
    const { land, deadLetter, stored } = fakeQueues();
    await land({ id: 'failed' });
    await deadLetter({ id: 'undelivered-0' });
    await deadLetter({ id: 'undelivered-1' });
    expect(await bothQueues().waiting()).toBe(3);
    const [failed, undelivered] = await bothQueues().receive(2);
    await bothQueues().remove(undelivered?.handle as string);
    await bothQueues().remove(failed?.handle as string);
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: EVENTS_DLQ_URL, ReceiptHandle: 'rh-2' },
      { QueueUrl: QUEUE_URL, ReceiptHandle: 'rh-1' },
    ]);
    expect([stored(QUEUE_URL), stored(EVENTS_DLQ_URL)]).toEqual([0, 1]);
    expect(sqs.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages'] },
      { QueueUrl: EVENTS_DLQ_URL, AttributeNames: ['ApproximateNumberOfMessages'] },
    ]);
  });

  it('refuses a handle of a queue it does not read, deleting nothing', async () => {
    sqs.on(DeleteMessageCommand).resolves({});
    await expect(failedEvents().remove('1 rh-1')).rejects.toMatchObject({ code: 'QUEUE_FAILED' });
    await expect(failedEvents().remove('rh-1')).rejects.toMatchObject({ code: 'QUEUE_FAILED' });
    expect(sqs.commandCalls(DeleteMessageCommand)).toEqual([]);
  });

  it('names the events dead-letter queue in its errors', async () => {
    sqs.on(ReceiveMessageCommand, { QueueUrl: QUEUE_URL }).resolves({});
    sqs
      .on(ReceiveMessageCommand, { QueueUrl: EVENTS_DLQ_URL })
      .rejects(Object.assign(new Error('User sam@example.com is not authorized'), { name: 'AccessDenied', $metadata: {} }));
    sqs.on(GetQueueAttributesCommand, { QueueUrl: QUEUE_URL }).resolves({ Attributes: { ApproximateNumberOfMessages: '0' } });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: EVENTS_DLQ_URL })
      .rejects(Object.assign(new Error('sam@example.com'), { name: 'QueueDoesNotExist', $metadata: {} }));
    await expect(bothQueues().receive(1)).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message:
        'SQS ReceiveMessage on the events dead-letter queue was denied: allow sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on it',
    });
    await expect(bothQueues().waiting()).rejects.toMatchObject({
      code: 'QUEUE_FAILED',
      message: 'SQS GetQueueAttributes failed: the events dead-letter queue does not exist; check its URL and the region',
    });
  });
});
