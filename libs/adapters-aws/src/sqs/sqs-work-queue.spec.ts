import {
  KmsAccessDenied,
  KmsThrottled,
  QueueDoesNotExist,
  RequestThrottled,
  SendMessageBatchCommand,
  SQSClient,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { WorkItem } from '@contact-sync/domain';
import { ManualTime } from '@contact-sync/domain/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SqsWorkQueue } from './sqs-work-queue';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-work';
const item = (i: number): WorkItem => ({
  runId: 'chg-e1',
  itemId: `chg-e1:${i}`,
  accountIds: ['222222222222', '333333333333'],
});
const queue = (time = new ManualTime()) => new SqsWorkQueue(new SQSClient({ region: 'us-east-1' }), QUEUE_URL, time);
const inputs = () => sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);

describe('SqsWorkQueue', () => {
  it('sends items in batches of ten, each body the JSON work item', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const items = Array.from({ length: 23 }, (_, i) => item(i));
    await queue().enqueue(items);
    expect(inputs()).toEqual([
      { QueueUrl: QUEUE_URL, Entries: items.slice(0, 10).map((it, j) => ({ Id: String(j), MessageBody: JSON.stringify(it) })) },
      { QueueUrl: QUEUE_URL, Entries: items.slice(10, 20).map((it, j) => ({ Id: String(j), MessageBody: JSON.stringify(it) })) },
      { QueueUrl: QUEUE_URL, Entries: items.slice(20).map((it, j) => ({ Id: String(j), MessageBody: JSON.stringify(it) })) },
    ]);
  });

  it('retries only the entries that failed on the service side, after a backoff', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '1', SenderFault: false, Code: 'InternalError' }] })
      .resolves({ Failed: [] });
    const time = new ManualTime();
    const items = [item(0), item(1), item(2)];
    await queue(time).enqueue(items);
    expect(inputs()[1]).toEqual({ QueueUrl: QUEUE_URL, Entries: [{ Id: '1', MessageBody: JSON.stringify(items[1]) }] });
    expect(time.sleeps).toEqual([100]);
  });

  it('does not retry an entry refused as the sender fault, and says how many were not queued', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '0', SenderFault: true, Code: 'InvalidMessageContents' }] });
    await expect(queue().enqueue([item(0), item(1)])).rejects.toMatchObject({
      code: 'QUEUE_FAILED',
      message: '1 of 2 work items could not be queued (InvalidMessageContents)',
    });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
  });

  it('gives up after the last attempt and reports what is still failing', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '0', SenderFault: false, Code: 'ServiceUnavailable' }] });
    const time = new ManualTime();
    await expect(queue(time).enqueue([item(0)])).rejects.toMatchObject({
      code: 'QUEUE_FAILED',
      message: expect.stringContaining('ServiceUnavailable'),
    });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 5);
    expect(time.sleeps).toEqual([100, 200, 400, 800]);
  });

  describe('a call that fails altogether', () => {
    const $metadata = { httpStatusCode: 400, requestId: 'r-1' };
    const serverFault = () =>
      new SQSServiceException({
        name: 'InternalError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
        message: 'We encountered an internal error',
      });
    const batch = (items: WorkItem[]) => ({
      QueueUrl: QUEUE_URL,
      Entries: items.map((it, j) => ({ Id: String(j), MessageBody: JSON.stringify(it) })),
    });

    it.each([
      ['throttled', () => new RequestThrottled({ message: 'Request is throttled', $metadata })],
      ['throttled by KMS', () => new KmsThrottled({ message: 'KMS throttled', $metadata })],
      ['a server fault', serverFault],
      ['a dropped connection', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ])('is sent again, whole, after a backoff, when %s', async (_, failure) => {
      sqs.on(SendMessageBatchCommand).rejectsOnce(failure()).resolves({ Failed: [] });
      const time = new ManualTime();
      await queue(time).enqueue([item(0), item(1)]);
      expect(inputs()).toEqual([batch([item(0), item(1)]), batch([item(0), item(1)])]);
      expect(time.sleeps).toEqual([100]);
    });

    it.each([
      [
        'AccessDenied',
        () => new SQSServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'denied' }),
        'ACCESS_DENIED',
      ],
      ['KmsAccessDenied', () => new KmsAccessDenied({ message: 'denied', $metadata }), 'ACCESS_DENIED'],
      ['QueueDoesNotExist', () => new QueueDoesNotExist({ message: 'no queue', $metadata }), 'QUEUE_FAILED'],
      ['Error', () => new Error('something unexpected'), 'QUEUE_FAILED'],
    ])('fails at once, without another attempt, on %s', async (name, failure, code) => {
      sqs.on(SendMessageBatchCommand).rejects(failure());
      const time = new ManualTime();
      await expect(queue(time).enqueue([item(0)])).rejects.toMatchObject({
        name: 'AwsAdapterError',
        code,
        message: `SQS SendMessageBatch failed: ${name}`,
      });
      expect(inputs()).toEqual([batch([item(0)])]);
      expect(time.sleeps).toEqual([]);
    });

    it('gives up after the last attempt when the throttling goes on', async () => {
      sqs.on(SendMessageBatchCommand).rejects(new RequestThrottled({ message: 'Request is throttled', $metadata }));
      const time = new ManualTime();
      await expect(queue(time).enqueue([item(0)])).rejects.toMatchObject({
        code: 'QUEUE_FAILED',
        message: 'SQS SendMessageBatch failed: RequestThrottled',
      });
      expect(inputs()).toEqual(Array.from({ length: 5 }, () => batch([item(0)])));
      expect(time.sleeps).toEqual([100, 200, 400, 800]);
    });
  });
});
