import { ItemCompletion } from '../sync/finish-claim';
import { ItemClaim, StoredWorkItem, WorkItem } from '../sync/work-item';

/**
 * A run's work items: stored by the launch, leased by one worker at a time, and marked done once.
 * Workers are delivered the same item more than once, and crash anywhere: every write is safe to repeat.
 */
export interface ItemLedgerPort {
  /** Stores a run's work items (again is a no-op for items already stored). */
  putItems(items: readonly WorkItem[]): Promise<void>;
  /** A run's items in index order; with `range`, only those from index `from`, at most `limit`. */
  listItems(runId: string, range?: { readonly from: number; readonly limit: number }): Promise<StoredWorkItem[]>;
  /**
   * Takes an item for `holder` until `nowMs + leaseMs`, unless it is done or another holder's lease
   * is still running. Exactly one of concurrent claimers gets CLAIMED.
   */
  claimItem(runId: string, itemId: string, holder: string, nowMs: number, leaseMs: number): Promise<ItemClaim>;
  /** Gives an unfinished item back (its holder stopped early), so that a redelivery may take it at once. */
  releaseItem(runId: string, itemId: string, holder: string): Promise<void>;
  /**
   * Marks an item done and counts it on its run, once (again counts nothing), and sets the run's
   * `progressAt` to `nowIso` when it counted. Returns what the run looks like after the count (its
   * launch phase, the items left, whether its finish was claimed), undefined for an unknown item or
   * run. Deciding whether the caller finishes the run is left to the domain (`finishIsDue`).
   */
  completeItem(runId: string, itemId: string, nowIso: string): Promise<ItemCompletion | undefined>;
}
