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
 * listed every member), FAILED (none done) or CANCELLED (an operator cancelled it: what was not done
 * by then is SKIPPED `CANCELLED`, and nothing was written after).
 */
export type RunOutcomeStatus = 'SUCCEEDED' | 'SUPERSEDED' | 'PARTIAL' | 'FAILED' | 'CANCELLED';

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
  /**
   * Whether the configuration was in dry run when the run started. Dry run can be switched either way
   * mid-run (every item reads the configuration again), so what was written is told by `updated` and
   * `planned`, account-kind by account-kind: see {@link dryRunNote}.
   */
  readonly dryRun: boolean;
  /**
   * Account-kinds that a dry run compared and found to differ, and only planned to write
   * (`DRY_RUN_WOULD_PUT`, `DRY_RUN_WOULD_DELETE`; also counted in `skipped`). Absent from reports
   * stored by versions before it.
   */
  readonly planned?: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly status: RunOutcomeStatus;
  /** When the run was cancelled; present only on a CANCELLED report. */
  readonly cancelledAt?: string;
}

/**
 * What a run did to members' contacts, in words, from its outcomes rather than from the mode it
 * started in: `dry run: nothing was written` when nothing was (nor may have been) written and the
 * run was a dry run or planned something; `dry run for part of the run: N written, M only planned`
 * when dry run was switched mid-run; undefined for a run that wrote for real throughout.
 */
export function dryRunNote(report: Pick<RunReport, 'dryRun' | 'updated' | 'planned' | 'unconfirmedWrites'>): string | undefined {
  const planned = report.planned ?? 0;
  const written = report.updated > 0 || report.unconfirmedWrites > 0;
  if (!written) return report.dryRun || planned > 0 ? 'dry run: nothing was written' : undefined;
  if (planned === 0) return undefined;
  const unconfirmed = report.unconfirmedWrites > 0 ? ` (${report.unconfirmedWrites} unconfirmed)` : '';
  return `dry run for part of the run: ${report.updated} written${unconfirmed}, ${planned} only planned`;
}
