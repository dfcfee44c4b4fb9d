import { AccountOutcome, skipCounts, targetKey } from './account-outcome';
import { ReportedFailure, RunReport } from './run-report';
import { SyncRun } from './sync-run';

/** Aggregates a run's outcomes (one per account and kind) and the write intents left without one. */
export function buildRunReport(run: SyncRun, outcomes: readonly AccountOutcome[], finishedAt: string, orphanIntents = 0): RunReport {
  const latest = new Map<string, AccountOutcome>();
  for (const outcome of outcomes) latest.set(targetKey(outcome.accountId, outcome.kind), outcome);
  const counts = { UPDATED: 0, UNCHANGED: 0, SKIPPED: 0, SUPERSEDED: 0, FAILED: 0 };
  const failures: ReportedFailure[] = [];
  let unconfirmed = orphanIntents;
  let planned = 0;
  for (const outcome of latest.values()) {
    counts[outcome.status] += 1;
    if (outcome.skipReason === 'DRY_RUN_WOULD_PUT' || outcome.skipReason === 'DRY_RUN_WOULD_DELETE') planned += 1;
    if (outcome.unconfirmedWrite) unconfirmed += 1;
    if (outcome.status === 'FAILED')
      failures.push({ accountId: outcome.accountId, kind: outcome.kind, errorCode: outcome.errorCode ?? 'UNKNOWN' });
  }
  const skippedBy = skipCounts(latest.values());
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
    ...(Object.keys(skippedBy).length > 0 ? { skippedBy } : {}),
    superseded: counts.SUPERSEDED,
    failed: counts.FAILED,
    missing,
    unconfirmedWrites: unconfirmed,
    ...(launchIncomplete ? { launchIncomplete: true as const } : {}),
    failures,
    // A run started in dry run writes once dry run is released mid-run (the configuration is read for
    // every item): then it is no longer a dry run, and its notification must not say nothing was written.
    dryRun: run.dryRun && counts.UPDATED === 0 && unconfirmed === 0,
    planned,
    startedAt: run.startedAt,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(run.startedAt)),
    ...(run.cancelledAt !== undefined ? { cancelledAt: run.cancelledAt } : {}),
    // A cancelled run says so whatever it got done: the rest was left out on purpose, not lost.
    status:
      run.cancelledAt !== undefined
        ? 'CANCELLED'
        : launchIncomplete
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
