import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { AccountOutcome } from '../sync/account-outcome';
import { RunReport } from '../sync/run-report';
import { SyncRun } from '../sync/sync-run';

/** Runs, their progress and per-account outcomes, and which change events were already taken. */
export interface SyncStatePort {
  /** Takes a change event for a run; false when it was taken before (a duplicate delivery). */
  claimEvent(eventId: string, runId: string): Promise<boolean>;
  /**
   * Moves the kind's watermark to `eventTime` if that is not older than the stored one; false when
   * a newer change of that kind was already applied (the event arrived out of order).
   */
  advanceWatermark(kind: ContactKind, eventTime: string): Promise<boolean>;
  createRun(run: SyncRun): Promise<void>;
  getRun(runId: string): Promise<SyncRun | undefined>;
  /** Stores outcomes; storing the same account and kind of a run again replaces the earlier one. */
  recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void>;
  /**
   * Marks a work item done (again is a no-op). Exactly one caller, the one that completes the last
   * item, gets `true`, even under concurrent workers.
   */
  completeItem(runId: string, itemId: string): Promise<boolean>;
  listOutcomes(runId: string): Promise<AccountOutcome[]>;
  /** Stores the final report and marks the run finished. */
  finishRun(runId: string, report: RunReport): Promise<void>;
  /** The outcomes for one account, newest first. */
  outcomesForAccount(accountId: AccountId, limit: number): Promise<AccountOutcome[]>;
}
