import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createSqsClient } from '@contact-sync/adapters-aws';
import { drainMotoQueue, useMotoServer } from '@contact-sync/adapters-aws/testing';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Invocable, LambdaFunctionError } from './lambda-runtime';
import { SqsEventSource } from './sqs-event-source';

// The event source decides what the end-to-end tests redeliver, so it is checked against Lambda's
// documented handling of partial batch responses, on a moto queue.
const moto = useMotoServer();

let sqs: SQSClient;
let queue: { url: string; arn: string };
beforeEach(async () => {
  await moto.reset();
  sqs = moto.client(createSqsClient);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'work', Attributes: { VisibilityTimeout: '1800' } }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  queue = { url: QueueUrl as string, arn: Attributes?.['QueueArn'] as string };
  await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: ['a', 'b'].map((body) => ({ Id: body, MessageBody: body })) }));
});

/** A function that records the events it was given and answers with `answer(event)`. */
function recording(answer: (event: SQSEvent) => SQSBatchResponse | null | Error) {
  const events: SQSEvent[] = [];
  const fn: Invocable = {
    invoke: async (event) => {
      events.push(event as SQSEvent);
      const result = answer(event as SQSEvent);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { fn, events };
}

const source = (fn: Invocable, reportBatchItemFailures = true) =>
  new SqsEventSource(
    moto.clientOptions,
    queue.url,
    queue.arn,
    { queueId: 'WorkQueue', functionName: 'worker', batchSize: 2, reportBatchItemFailures, maximumConcurrency: 1 },
    fn,
  );
const bodiesLeft = async () => (await drainMotoQueue(moto.clientOptions, queue.url)).map((m) => m.body).sort();
const failing = (event: SQSEvent, body: string) => ({
  batchItemFailures: event.Records.filter((r) => r.body === body).map((r) => ({ itemIdentifier: r.messageId })),
});

describe('SqsEventSource, as Lambda handles a batch', () => {
  it('gives the function an SQSEvent of the batch, with the records as Lambda shapes them', async () => {
    const { fn, events } = recording(() => null);
    await source(fn).deliverOnce();
    expect(events[0]?.Records.map((r) => r.body).sort()).toEqual(['a', 'b']);
    expect(events[0]?.Records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1' },
    });
  });

  it('deletes the records not reported and leaves the reported ones, visible again at once', async () => {
    const { fn } = recording((event) => failing(event, 'b'));
    expect(await source(fn).deliverOnce()).toMatchObject({ returned: [expect.any(String)] });
    expect(await bodiesLeft()).toEqual(['b']);
  });

  it('leaves the whole batch when the report names a record that is not in it', async () => {
    const { fn } = recording(() => ({ batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] }));
    await source(fn).deliverOnce();
    expect(await bodiesLeft()).toEqual(['a', 'b']);
  });

  it('leaves the whole batch when the function fails', async () => {
    const { fn } = recording(() => new LambdaFunctionError('Sandbox.Timedout', 'Task timed out after 300 seconds'));
    expect(await source(fn).deliverOnce()).toMatchObject({ functionError: 'Sandbox.Timedout' });
    expect(await bodiesLeft()).toEqual(['a', 'b']);
  });

  it('ignores the report when the mapping does not ask for one', async () => {
    const { fn } = recording((event) => failing(event, 'b'));
    await source(fn, false).deliverOnce();
    expect(await bodiesLeft()).toEqual([]);
  });

  it('drains: a record reported twice is delivered a third time, then the queue is empty', async () => {
    let deliveries = 0;
    const { fn, events } = recording((event) =>
      event.Records.some((r) => r.body === 'b') && (deliveries += 1) < 3 ? failing(event, 'b') : null,
    );
    expect(await source(fn).drain()).toEqual({ invocations: 3, records: 4, returned: 2, functionErrors: 0 });
    expect(events.flatMap((e) => e.Records.filter((r) => r.body === 'b').map((r) => r.attributes.ApproximateReceiveCount))).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(await bodiesLeft()).toEqual([]);
  });
});
