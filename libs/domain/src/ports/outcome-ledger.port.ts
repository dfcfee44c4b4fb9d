import { AccountId } from '../accounts/account-id';
import { AccountOutcome, WriteIntent } from '../sync/account-outcome';
import { WriteDoubt } from '../sync/write-doubt';

/** What is stored of one item's accounts: final outcomes, and writes begun but not yet recorded. */
export interface ItemProgress {
  readonly outcomes: readonly AccountOutcome[];
  readonly intents: readonly WriteIntent[];
}

/**
 * What became of each account-kind of a run: its final outcome, the write intent stored before each
 * write, and the writes whose landing is in doubt until they settle.
 */
export interface OutcomeLedgerPort {
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
}
