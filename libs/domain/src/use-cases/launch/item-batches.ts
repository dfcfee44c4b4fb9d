import { AccountId } from '../../accounts/account-id';
import { ClockPort } from '../../ports/clock.port';
import { ItemLedgerPort } from '../../ports/item-ledger.port';
import { OutcomeLedgerPort } from '../../ports/outcome-ledger.port';
import { RunStorePort } from '../../ports/run-store.port';
import { WorkQueuePort } from '../../ports/work-queue.port';
import { ok } from '../../shared/result';
import { instantText } from '../../shared/instant-text';
import { listingProgressOf, recordEnqueued, recordListing, TransitionResult } from '../../sync/run-lifecycle';
import { SyncRun } from '../../sync/sync-run';
import { itemIdOf, WorkItem } from '../../sync/work-item';
import { Moved, storeTransition } from '../store-transition';
import { ListedBatch } from './listing-strategy';

/**
 * A listing's batches cut into work items, stored and enqueued: each batch is stored, then how far
 * the listing got, then it is enqueued, then that is recorded. A slice cut off anywhere lists again
 * only items never enqueued, and enqueues what it stored but had not ({@link catchUp}).
 */
export class ItemBatches {
  constructor(
    private readonly items: ItemLedgerPort,
    private readonly outcomes: OutcomeLedgerPort,
    private readonly runs: RunStorePort,
    private readonly queue: WorkQueuePort,
    private readonly clock: ClockPort,
    private readonly accountsPerItem: number,
  ) {}

  /** Enqueues the items an earlier slice stored but did not record as enqueued (the done ones left out), and records it. */
  async catchUp(run: SyncRun): Promise<Moved> {
    const { listedItems, enqueuedItems } = listingProgressOf(run);
    if (enqueuedItems >= listedItems) return ok(run);
    const stored = await this.items.listItems(run.runId, { from: enqueuedItems, limit: listedItems - enqueuedItems });
    await this.queue.enqueue(stored.filter((s) => !s.done).map((s) => s.item));
    return this.apply(run, recordEnqueued(run));
  }

  /**
   * Stores a batch: the outcomes of its accounts decided already, then its items, then the listing's
   * progress, then enqueues the items, then records that. The items hold the left-out accounts too:
   * their workers find the outcomes stored, do nothing to them, and audit them with the rest.
   */
  async store(run: SyncRun, batch: ListedBatch): Promise<Moved> {
    const before = listingProgressOf(run);
    const items = this.cut(run.runId, batch.ids, before.listedItems);
    if (batch.skips.length > 0) await this.outcomes.recordOutcomes(batch.skips);
    await this.items.putItems(items);
    const progress = {
      listCursor: batch.listCursor,
      listed: batch.ended,
      listedItems: before.listedItems + items.length,
      listedAccounts: before.listedAccounts + batch.ids.length,
      enqueuedItems: before.enqueuedItems,
    };
    const listed = await this.apply(run, recordListing(run, progress, instantText(this.clock.now())));
    if (!listed.ok) return listed;
    await this.queue.enqueue(items);
    return this.apply(listed.value, recordEnqueued(listed.value));
  }

  /** Accounts cut into work items of `accountsPerItem`, numbered from `firstIndex`. */
  cut(runId: string, accountIds: readonly AccountId[], firstIndex: number): WorkItem[] {
    const items: WorkItem[] = [];
    for (let i = 0; i < accountIds.length; i += this.accountsPerItem) {
      items.push({
        runId,
        itemId: itemIdOf(runId, firstIndex + items.length),
        accountIds: accountIds.slice(i, i + this.accountsPerItem),
      });
    }
    return items;
  }

  private apply(run: SyncRun, transition: TransitionResult): Promise<Moved> {
    return storeTransition(this.runs, run, transition);
  }
}
