import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { RunTrigger } from './run-trigger';

/** A failure in a report: which account and kind, and why. */
export interface ReportedFailure {
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly errorCode: string;
}

/**
 * How a run ended: SUCCEEDED (every target done), SUPERSEDED (a newer run of a kind took over part
 * of it, nothing failed), PARTIAL (some targets failed or were never reached, or its launch never
 * listed every member) or FAILED (none done).
 */
export type RunOutcomeStatus = 'SUCCEEDED' | 'SUPERSEDED' | 'PARTIAL' | 'FAILED';

/** The outcome of a run, in counts. Ids, kinds and codes only: safe to send anywhere. */
export interface RunReport {
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly kinds: readonly ContactKind[];
  readonly targeted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  /**
   * Why account-kinds were skipped, counted by reason and rule (`EXCLUDED_BY_OU ou-ab12-cd34ef56`,
   * `EXCLUDED_BY_TAG contact-sync:exclude=true`, `EXCLUDED_BY_ID`, `DRY_RUN_WOULD_PUT`…); present when some were.
   */
  readonly skippedBy?: Readonly<Record<string, number>>;
  /** Left to a newer run of the same kind. */
  readonly superseded: number;
  readonly failed: number;
  /** Targeted account-kinds with no outcome; 0 unless the run was finished before all its items were done. */
  readonly missing: number;
  /** Writes that were begun but cut off and never confirmed (they may or may not have landed). */
  readonly unconfirmedWrites: number;
  /**
   * Present when the run was finished before its launch had listed every member (the launch failed on
   * every try): `targeted` then counts only the members listed, and the rest were never reached.
   */
  readonly launchIncomplete?: true;
  readonly failures: readonly ReportedFailure[];
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly status: RunOutcomeStatus;
}
