import { AccountOutcome, targetKey } from './account-outcome';
import { ReportedFailure, RunReport, SyncRun } from './sync-run';

/** Aggregates a run's outcomes (one per account and kind) and the write intents left without one. */
export function buildRunReport(run: SyncRun, outcomes: readonly AccountOutcome[], finishedAt: string, orphanIntents = 0): RunReport {
  const latest = new Map<string, AccountOutcome>();
  for (const outcome of outcomes) latest.set(targetKey(outcome.accountId, outcome.kind), outcome);
  const counts = { UPDATED: 0, UNCHANGED: 0, SKIPPED: 0, SUPERSEDED: 0, FAILED: 0 };
  const failures: ReportedFailure[] = [];
  let unconfirmed = orphanIntents;
  for (const outcome of latest.values()) {
    counts[outcome.status] += 1;
    if (outcome.unconfirmedWrite) unconfirmed += 1;
    if (outcome.status === 'FAILED')
      failures.push({ accountId: outcome.accountId, kind: outcome.kind, errorCode: outcome.errorCode ?? 'UNKNOWN' });
  }
  const missing = Math.max(0, run.targetCount - latest.size);
  const bad = counts.FAILED + missing;
  failures.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind));
  return {
    runId: run.runId,
    trigger: run.trigger,
    kinds: run.kinds,
    targeted: run.targetCount,
    updated: counts.UPDATED,
    unchanged: counts.UNCHANGED,
    skipped: counts.SKIPPED,
    superseded: counts.SUPERSEDED,
    failed: counts.FAILED,
    missing,
    unconfirmedWrites: unconfirmed,
    failures,
    dryRun: run.dryRun,
    startedAt: run.startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(run.startedAt)),
    status: bad === 0 ? (counts.SUPERSEDED > 0 ? 'SUPERSEDED' : 'SUCCEEDED') : bad >= run.targetCount ? 'FAILED' : 'PARTIAL',
  };
}
