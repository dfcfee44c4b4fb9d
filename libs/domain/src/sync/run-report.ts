import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { AccountOutcome, skipDetail, targetKey } from './account-outcome';
import { SyncRun } from './sync-run';

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
  readonly trigger: SyncRun['trigger'];
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

/** Aggregates a run's outcomes (one per account and kind) and the write intents left without one. */
export function buildRunReport(run: SyncRun, outcomes: readonly AccountOutcome[], finishedAt: string, orphanIntents = 0): RunReport {
  const latest = new Map<string, AccountOutcome>();
  for (const outcome of outcomes) latest.set(targetKey(outcome.accountId, outcome.kind), outcome);
  const counts = { UPDATED: 0, UNCHANGED: 0, SKIPPED: 0, SUPERSEDED: 0, FAILED: 0 };
  const failures: ReportedFailure[] = [];
  const skippedBy: Record<string, number> = {};
  let unconfirmed = orphanIntents;
  for (const outcome of latest.values()) {
    counts[outcome.status] += 1;
    const skip = outcome.status === 'SKIPPED' ? skipDetail(outcome) : undefined;
    if (skip !== undefined) skippedBy[skip] = (skippedBy[skip] ?? 0) + 1;
    if (outcome.unconfirmedWrite) unconfirmed += 1;
    if (outcome.status === 'FAILED')
      failures.push({ accountId: outcome.accountId, kind: outcome.kind, errorCode: outcome.errorCode ?? 'UNKNOWN' });
  }
  const missing = Math.max(0, run.targetCount - latest.size);
  const launchIncomplete = run.launch !== 'LAUNCHED';
  const bad = counts.FAILED + missing;
  const done = latest.size - counts.FAILED;
  failures.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind));
  return {
    runId: run.runId,
    trigger: run.trigger,
    kinds: run.kinds,
    targeted: run.targetCount,
    updated: counts.UPDATED,
    unchanged: counts.UNCHANGED,
    skipped: counts.SKIPPED,
    ...(Object.keys(skippedBy).length > 0 ? { skippedBy: sortedCounts(skippedBy) } : {}),
    superseded: counts.SUPERSEDED,
    failed: counts.FAILED,
    missing,
    unconfirmedWrites: unconfirmed,
    ...(launchIncomplete ? { launchIncomplete: true as const } : {}),
    failures,
    dryRun: run.dryRun,
    startedAt: run.startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(run.startedAt)),
    status: launchIncomplete
      ? done > 0
        ? 'PARTIAL'
        : 'FAILED'
      : bad === 0
        ? counts.SUPERSEDED > 0
          ? 'SUPERSEDED'
          : 'SUCCEEDED'
        : bad >= run.targetCount
          ? 'FAILED'
          : 'PARTIAL',
  };
}

/** Counts with their keys in order, so that equal reports serialise alike. */
const sortedCounts = (counts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
