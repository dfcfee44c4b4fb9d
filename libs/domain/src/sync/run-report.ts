import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { AccountOutcome } from './account-outcome';
import { SyncRun } from './sync-run';

/** A failure in a report: which account and kind, and why. */
export interface ReportedFailure {
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly errorCode: string;
}

/** The outcome of a run, in counts. Ids, kinds and codes only: safe to send anywhere. */
export interface RunReport {
  readonly runId: string;
  readonly trigger: SyncRun['trigger'];
  readonly kinds: readonly ContactKind[];
  readonly targeted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
  /** Targeted account-kinds with no outcome; 0 unless something was lost. */
  readonly missing: number;
  readonly failures: readonly ReportedFailure[];
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly status: 'SUCCEEDED' | 'PARTIAL' | 'FAILED';
}

/** Aggregates a run's outcomes (the latest per account and kind). */
export function buildRunReport(run: SyncRun, outcomes: readonly AccountOutcome[], finishedAt: string): RunReport {
  const latest = new Map<string, AccountOutcome>();
  for (const outcome of outcomes) latest.set(`${outcome.accountId}#${outcome.kind}`, outcome);
  const counts = { UPDATED: 0, UNCHANGED: 0, SKIPPED: 0, FAILED: 0 };
  const failures: ReportedFailure[] = [];
  for (const outcome of latest.values()) {
    counts[outcome.status] += 1;
    if (outcome.status === 'FAILED') failures.push({ accountId: outcome.accountId, kind: outcome.kind, errorCode: outcome.errorCode ?? 'UNKNOWN' });
  }
  const missing = Math.max(0, run.targetCount - latest.size);
  const bad = counts.FAILED + missing;
  const status = bad === 0 ? 'SUCCEEDED' : bad >= run.targetCount ? 'FAILED' : 'PARTIAL';
  failures.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind));
  return {
    runId: run.runId,
    trigger: run.trigger,
    kinds: run.kinds,
    targeted: run.targetCount,
    updated: counts.UPDATED,
    unchanged: counts.UNCHANGED,
    skipped: counts.SKIPPED,
    failed: counts.FAILED,
    missing,
    failures,
    dryRun: run.dryRun,
    startedAt: run.startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(run.startedAt)),
    status,
  };
}
