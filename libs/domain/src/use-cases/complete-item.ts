import { ItemLedgerPort } from '../ports/item-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { finishIsDue } from '../sync/finish-claim';

/**
 * Marks a work item done and, when that leaves its launched run with nothing to do, claims the run's
 * finish: true for exactly one caller of a run, the one that must finish it. The one place that
 * decides who finishes a run: its workers call it for the item they did, and the launcher for a done
 * item again after marking the run launched (its items may all have been done while it listed).
 * A caller cut off between the two writes leaves the run to the sweeper, which finishes a launched
 * run whose items are all done whoever claimed it.
 */
export async function completeItemAndClaimFinish(
  items: ItemLedgerPort,
  runs: RunStorePort,
  runId: string,
  itemId: string,
  nowIso: string,
): Promise<boolean> {
  const completion = await items.completeItem(runId, itemId, nowIso);
  return finishIsDue(completion) && runs.claimFinish(runId, itemId);
}
