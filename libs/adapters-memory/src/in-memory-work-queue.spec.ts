import { WorkItem } from '@contact-sync/domain';
import { InMemoryWorkQueue } from './in-memory-work-queue';

const item = (runId: string, n: number): WorkItem => ({
  runId,
  itemId: `${runId}:${n}`,
  accountIds: ['111111111111'],
});

describe('InMemoryWorkQueue', () => {
  it('hands out items round-robin across runs, each run in order, and counts what is left', async () => {
    const queue = new InMemoryWorkQueue();
    await queue.enqueue([item('a', 0), item('a', 1), item('a', 2)]);
    await queue.enqueue([item('b', 0)]);
    expect(queue.size).toBe(4);
    const order = [queue.take(), queue.take(), queue.take(), queue.take(), queue.take()].map((i) => i?.itemId);
    expect(order).toEqual(['a:0', 'b:0', 'a:1', 'a:2', undefined]);
    expect(queue.size).toBe(0);
  });

  it('keeps a copy, so a caller changing its item after enqueue changes nothing queued', async () => {
    const queue = new InMemoryWorkQueue();
    const original = item('a', 0);
    await queue.enqueue([original]);
    (original.accountIds as string[]).push('222222222222');
    expect(queue.take()?.accountIds).toEqual(['111111111111']);
  });
});
