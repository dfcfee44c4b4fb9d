import { ClockPort } from '../../ports/clock.port';
import { LoggerPort } from '../../ports/logger.port';
import { ItemLedgerPort } from '../../ports/item-ledger.port';
import { RunStorePort } from '../../ports/run-store.port';
import { completeItemAndClaimFinish } from '../complete-item';
import { instantText } from '../../shared/instant-text';
import { markLaunched } from '../../sync/run-lifecycle';
import { heldKinds, SyncRun } from '../../sync/sync-run';
import { itemIdOf } from '../../sync/work-item';
import { FinishRun } from '../finish-run';
import { Moved, storeTransition } from '../store-transition';

/**
 * Launches a run whose listing ended (CLAIMED to LAUNCHED, its totals final), and finishes it when no
 * work is left for a worker to finish it: a run of no items (nothing targeted, or every kind held by a
 * newer run), or one whose every item was done while the listing went on (no worker found it
 * `LAUNCHED` with every item done, so none claimed the finish).
 */
export class LaunchedRunFinisher {
  constructor(
    private readonly runs: RunStorePort,
    private readonly items: ItemLedgerPort,
    private readonly finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
  ) {}

  /** Marks the run LAUNCHED (refused when it moved on meanwhile), then {@link settle}s it. */
  async complete(run: SyncRun): Promise<Moved> {
    const launched = await storeTransition(this.runs, run, markLaunched(run, instantText(this.clock.now())));
    if (!launched.ok) return launched;
    const { runId, trigger, listedAccounts = 0, totalItems } = launched.value;
    this.logger.info('run launched', { runId, trigger, kinds: heldKinds(run), accounts: listedAccounts, items: totalItems });
    await this.settle(launched.value);
    return launched;
  }

  /** Finishes `run` (as launched, with its final `totalItems`) if no work is left; a run cancelled meanwhile is left to its canceller. */
  async settle(run: Pick<SyncRun, 'runId' | 'totalItems'>): Promise<void> {
    const current = await this.runs.getRun(run.runId);
    // A run cancelled while it listed is finished by its canceller or the sweeper, which record what it left undone.
    if (current?.cancelledAt !== undefined) return;
    if (run.totalItems === 0) await this.finishRun.execute(run.runId);
    // Every item may have been done while the listing went on: complete one again to claim the finish.
    else if (
      (current?.completedItems ?? 0) >= run.totalItems &&
      (await completeItemAndClaimFinish(this.items, this.runs, run.runId, itemIdOf(run.runId, 0), instantText(this.clock.now())))
    ) {
      await this.finishRun.execute(run.runId);
    }
  }
}
