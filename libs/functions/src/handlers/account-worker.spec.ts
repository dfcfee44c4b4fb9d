import { ItemResult, WorkerContext, WorkItem } from '@contact-sync/domain';
import type { SQSEvent } from 'aws-lambda';
import { DEPLOYMENT } from '../deployment';
import { invokeFunction } from '../invocation';
import { FlushCountingMetrics, RecordingLogger, testContext } from '../testing/invocation-parts';
import { accountWorker } from './account-worker';

/** The worker's use case, answering each item as the test says: a result, or an error thrown. */
class ScriptedItems {
  readonly calls: { item: WorkItem; context: WorkerContext }[] = [];

  constructor(private readonly answers: Readonly<Record<string, ItemResult | Error>>) {}

  async execute(item: WorkItem, context: WorkerContext): Promise<ItemResult> {
    this.calls.push({ item, context });
    const answer = this.answers[item.itemId];
    if (answer === undefined || answer instanceof Error) throw answer ?? new Error('no answer');
    return answer;
  }
}

const body = (index: number) => JSON.stringify({ runId: 'run-1', itemId: `run-1:${index}`, accountIds: ['111111111111'] });
const batch = (bodies: readonly string[], receiveCount = '1'): SQSEvent => ({
  Records: bodies.map((b, n) => ({
    messageId: `m-${n}`,
    receiptHandle: `r-${n}`,
    body: b,
    attributes: { ApproximateReceiveCount: receiveCount, SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:111111111111:work',
    awsRegion: 'us-east-1',
  })),
});

async function work(event: SQSEvent, items: ScriptedItems, requestId = 'req-1') {
  const logger = new RecordingLogger();
  const answer = await invokeFunction(accountWorker, event, {
    resolve: () => items as never,
    logger,
    metrics: new FlushCountingMetrics(),
    context: testContext(requestId),
    endsAtMs: 500_000,
    now: () => 200_000,
  });
  return { answer, logger };
}

const DONE: ItemResult = { status: 'DONE', outcomes: [], finishedRun: false };

describe('the account worker’s body', () => {
  it('returns for redelivery exactly the records whose item was busy, interrupted or refused, and acknowledges the rest', async () => {
    const items = new ScriptedItems({
      'run-1:0': DONE,
      'run-1:1': { status: 'BUSY' },
      'run-1:2': { status: 'INTERRUPTED', outcomes: [], reason: 'DEADLINE' } as unknown as ItemResult,
      'run-1:3': { status: 'REFUSED', reason: 'ACCOUNTS_DIFFER' },
      'run-1:4': { status: 'ALREADY_DONE' },
      'run-1:5': { status: 'RUN_CLOSED' },
    });
    const { answer } = await work(batch([0, 1, 2, 3, 4, 5].map(body)), items);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }]);
  });

  it('returns a record whose item failed, and still processes and acknowledges the others of its batch', async () => {
    const items = new ScriptedItems({ 'run-1:0': new Error('state unavailable'), 'run-1:1': DONE });
    const { answer, logger } = await work(batch([body(0), body(1)]), items);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    expect(items.calls.map((c) => c.item.itemId)).toEqual(['run-1:0', 'run-1:1']);
    expect(logger.records.find((r) => r.level === 'error')).toMatchObject({ fields: { itemId: 'run-1:0', error: 'Error:' } });
  });

  it('returns a record that is not a work item, naming the fields and never calling the use case', async () => {
    const items = new ScriptedItems({});
    const { answer, logger } = await work(batch(['{"runId":"run-1"}']), items);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    expect(items.calls).toEqual([]);
    expect(logger.records[0]).toMatchObject({ level: 'error', fields: { messageId: 'm-0', fields: ['itemId', 'accountIds'] } });
  });

  it('holds each item under its invocation and message, stops the margin before the end, and tells the delivery', async () => {
    const items = new ScriptedItems({ 'run-1:0': DONE });
    await work(batch([body(0)], '3'), items, 'req-7');
    expect(items.calls[0]?.context).toEqual({
      holder: 'req-7/m-0',
      deadlineMs: 500_000 - DEPLOYMENT.deadlineMarginMs,
      endsAtMs: 500_000,
      delivery: 3,
    });
  });
});
