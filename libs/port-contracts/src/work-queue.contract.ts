import { WorkQueuePort } from '@contact-sync/domain';
import { largestWorkItem, readWorkItem, workItemsFor } from './work-items';

/**
 * What a whole SendMessageBatch of ten may carry: SQS's limit before 2025 (256 KiB), kept as the
 * budget, so each work item gets a tenth of it.
 */
export const WORK_BATCH_MAX_BYTES = 256 * 1024;

/** A work queue over empty storage, and the messages a worker would receive from it. */
export interface WorkQueueFixture {
  readonly port: WorkQueuePort;
  /** The bodies of every message queued so far and not yet received, each once, in any order; receiving removes them. */
  receive(): Promise<readonly string[]>;
}

/** What went in and what came out, in one comparable order (by the whole item, whatever its fields). */
const sorted = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * The behaviour every {@link WorkQueuePort} shares: each enqueued item reaches a worker exactly
 * once, and its body reads back as the very item sent. Items come from `work-items.ts` only, and
 * are compared whole, so this contract outlives changes of the work item's fields.
 */
export function workQueueContract(adapterName: string, make: () => Promise<WorkQueueFixture>): void {
  describe(`WorkQueuePort contract: ${adapterName}`, () => {
    it('delivers each of 23 items once, each body reading back as the item sent (on SQS: three batches, as one takes ten at most)', async () => {
      const { port, receive } = await make();
      const items = workItemsFor('run-23', 23);
      await port.enqueue(items);
      expect(sorted((await receive()).map(readWorkItem))).toEqual(sorted(items));
    });

    it('delivers the items of several calls and runs, none twice and none lost', async () => {
      const { port, receive } = await make();
      const first = workItemsFor('run-a', 10);
      const second = workItemsFor('run-b', 1);
      const third = workItemsFor('run-c', 11);
      await port.enqueue(first);
      await port.enqueue(second);
      await port.enqueue(third);
      expect(sorted((await receive()).map(readWorkItem))).toEqual(sorted([...first, ...second, ...third]));
      expect(await receive()).toEqual([]);
    });

    it('queues nothing for an empty list', async () => {
      const { port, receive } = await make();
      await port.enqueue([]);
      expect(await receive()).toEqual([]);
    });

    it('carries ten of the largest items in one batch, each body intact and within a tenth of the batch budget', async () => {
      const { port, receive } = await make();
      const items = Array.from({ length: 10 }, (_, i) => ({ ...largestWorkItem(`run-large-${i}`) }));
      await port.enqueue(items);
      const bodies = await receive();
      expect(sorted(bodies.map(readWorkItem))).toEqual(sorted(items));
      for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(WORK_BATCH_MAX_BYTES / 10);
    });
  });
}
