import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { AccountOutcome, WriteIntent } from '../sync/account-outcome';
import { KindHead } from '../sync/kind-head';
import { RunCondition } from '../sync/run-lifecycle';
import { RunReport } from '../sync/run-report';
import { CancelMark, RunUpdate, SyncRun } from '../sync/sync-run';
import { ItemClaim, StoredWorkItem, WorkItem } from '../sync/work-item';
import { WriteDoubt } from '../sync/write-doubt';

/** What is stored of one item's accounts: final outcomes, and writes begun but not yet recorded. */
export interface ItemProgress {
  readonly outcomes: readonly AccountOutcome[];
  readonly intents: readonly WriteIntent[];
}

/**
 * Runs, their items and per-account outcomes, the head of each contact kind, and which change events
 * were already taken. Every read is strongly consistent, and every write is safe to repeat: workers
 * are delivered the same item more than once, and crash anywhere.
 */
export interface SyncStatePort {
  /** Takes a change event for a run; false when it was taken before (a duplicate delivery). */
  claimEvent(eventId: string, runId: string): Promise<boolean>;

  /** The run that holds `kind` now; undefined when no run ever claimed it (generation 0). */
  headOf(kind: ContactKind): Promise<KindHead | undefined>;
  /**
   * Makes `runId` the head of `kind` with the next generation, whenever it asked for it: runs are
   * ordered by the generation they claim, never by a time an event carries (its clock may be skewed).
   * Returns the run's generation (the same one again when `runId` is already the head). Undefined is
   * kept for adapters that refuse (none does now).
   */
  advanceHead(kind: ContactKind, runId: string, requestedAt: string): Promise<number | undefined>;

  /** Records a run; false (and the stored run unchanged) when it exists already. */
  createRun(run: SyncRun): Promise<boolean>;
  /** The run, or undefined when there is none of that id. */
  getRun(runId: string): Promise<SyncRun | undefined>;
  /**
   * Sets the given fields of a run; with a condition (see {@link RunCondition}), only while the
   * stored run meets it, in the same write. False when the run is missing or the condition fails.
   */
  updateRun(runId: string, update: RunUpdate, condition?: RunCondition): Promise<boolean>;
  /**
   * Takes the run's launch for `holder` until `nowMs + leaseMs`, unless another holder's lease is
   * still running (then false): one launcher at a time, so that a redelivered event or the sweeper
   * never launches a run alongside the invocation still launching it. The holder gives the launch up
   * by claiming it again with a lease of 0.
   */
  claimLaunch(runId: string, holder: string, nowMs: number, leaseMs: number): Promise<boolean>;
  /** Runs that are not finished, or finished but not yet notified. */
  listOpenRuns(): Promise<string[]>;
  /**
   * The most recently started runs, newest first, at most `limit`: for operators (an index, so a run
   * recorded a moment ago may be missing, and its counters may lag).
   */
  recentRuns(limit: number): Promise<SyncRun[]>;

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
   * Marks an item done (again is a no-op) and records progress. Exactly one caller gets `true`, even
   * under concurrent workers: the first that finds the run `LAUNCHED` with every item done. Items are
   * worked while the launch still lists, so the launcher that marks the run `LAUNCHED` after its last
   * item was done completes a done item again to claim the finish.
   */
  completeItem(runId: string, itemId: string, nowIso: string): Promise<boolean>;

  /** The stored outcomes and write intents of these accounts in a run. */
  itemProgress(runId: string, accountIds: readonly AccountId[]): Promise<ItemProgress>;
  /** Stores a write intent (replacing one of the same run, account and kind). */
  recordIntent(intent: WriteIntent): Promise<void>;
  /** Stores outcomes once: an outcome already stored for the same run, account and kind is kept. */
  recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void>;
  /**
   * Stores a write whose landing is in doubt until `dueAtMs`; for an account-kind already in doubt,
   * the later time is kept (one doubt per account and kind, whichever runs wrote).
   */
  recordDoubt(doubt: WriteDoubt): Promise<void>;
  /** Doubts due at `nowMs` (their `dueAtMs` is not after it), at most `limit`, soonest first. */
  dueDoubts(nowMs: number, limit: number): Promise<WriteDoubt[]>;
  /** Clears a doubt that was verified, unless a later one was recorded for the account-kind since (it stays). */
  clearDoubt(doubt: WriteDoubt): Promise<void>;

  /** Every outcome stored for a run. */
  listOutcomes(runId: string): Promise<AccountOutcome[]>;
  /** Write intents of a run that never became an outcome (for a run finished without them). */
  listIntents(runId: string): Promise<WriteIntent[]>;

  /**
   * Stores the final report and marks the run finished; the first report stored wins and is returned.
   * The run's desired values (contacts) are dropped: nothing reads them once the run is finished.
   */
  finishRun(runId: string, report: RunReport): Promise<RunReport>;
  /**
   * Marks the run cancelled at `atIso` by `by`, in one conditional write: only a run that exists, is
   * not finished and was not cancelled before is marked (then CANCELLED); otherwise what it found.
   * Every worker reads the run immediately before each write, so none goes out once this returns.
   */
  cancelRun(runId: string, atIso: string, by: string): Promise<CancelMark>;
  /** The finished run's notification went out: the run is no longer open. */
  markNotified(runId: string): Promise<void>;
}
