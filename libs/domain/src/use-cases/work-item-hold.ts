import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { instantText } from '../shared/instant-text';
import { runIsLive, SyncRun } from '../sync/sync-run';
import { itemIndex, WorkItem } from '../sync/work-item';
import { completeItemAndClaimFinish } from './complete-item';
import { FinishRun } from './finish-run';
import { ItemResult, itemLeaseMs, sameAccounts, WorkerContext } from './item-delivery';

/** What a claim ends in when the item is not to be worked: the result the delivery returns as it is. */
export type ItemNotTaken = Extract<ItemResult, { readonly status: 'ALREADY_DONE' | 'RUN_CLOSED' | 'UNKNOWN_ITEM' | 'BUSY' }>;

/**
 * A work item's claim, release and completion: one holder at a time, held until its invocation is
 * killed, given back when the worker stops early, and completed once, the caller that completes the
 * run's last item finishing the run.
 */
export class WorkItemHold {
  constructor(
    private readonly items: ItemLedgerPort,
    private readonly runs: RunStorePort,
    private readonly finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  /**
   * Whether the message's accounts differ from those of the item the launch stored under its id. Such
   * a message (written to the queue by hand, or by someone who should not) is refused before the item
   * is touched: claimed and completed under it, the item's own accounts would never be processed. The
   * genuine message, or the sweeper's re-drive from the store, does them.
   */
  async refuses(item: WorkItem): Promise<boolean> {
    const [storedItem] = await this.items.listItems(item.runId, { from: itemIndex(item.itemId), limit: 1 });
    if (storedItem?.item.itemId !== item.itemId || sameAccounts(storedItem.item.accountIds, item.accountIds)) return false;
    this.logger.error('work item refused: its accounts are not those of the stored item', { runId: item.runId, itemId: item.itemId });
    this.metrics.add('WorkItemsRefused');
    return true;
  }

  /**
   * Takes the item for the context's holder, and reads its run: the live run to work it for, or why
   * not (done before, held by another live delivery, unknown, or its run closed: finished or
   * cancelled, whose finisher records what is left SKIPPED CANCELLED).
   */
  async claim(item: WorkItem, context: WorkerContext): Promise<SyncRun | ItemNotTaken> {
    const now = this.clock.now();
    const claim = await this.items.claimItem(item.runId, item.itemId, context.holder, now, itemLeaseMs(now, context));
    if (claim === 'DONE') return { status: 'ALREADY_DONE' };
    if (claim === 'BUSY') return { status: 'BUSY' };
    if (claim === 'UNKNOWN') return { status: 'UNKNOWN_ITEM' };
    const run = await this.runs.getRun(item.runId);
    if (!run) return { status: 'UNKNOWN_ITEM' };
    return runIsLive(run) ? run : { status: 'RUN_CLOSED' };
  }

  /** Gives the item back so that a later delivery may take it at once. */
  release(item: WorkItem, holder: string): Promise<void> {
    return this.items.releaseItem(item.runId, item.itemId, holder);
  }

  /** Marks the item done; the one caller that completes the run's last item finishes the run. Whether this one did. */
  async complete(item: WorkItem): Promise<boolean> {
    const finishedRun = await completeItemAndClaimFinish(this.items, this.runs, item.runId, item.itemId, instantText(this.clock.now()));
    if (finishedRun) await this.finishRun.execute(item.runId);
    return finishedRun;
  }
}

/** Whether a claim gave the run to work the item for, rather than a result to return (a run has an id, a result has none). */
export const isTaken = (claimed: SyncRun | ItemNotTaken): claimed is SyncRun => 'runId' in claimed;
