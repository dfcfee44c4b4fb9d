import { AccountOutcome, dryRunNote, skipCounts, SyncRun } from '@contact-sync/domain';
import { failuresOf, latestOutcomes, outcomeCountsOf, progressOf } from './from-outcomes';
import { OutcomeCount, RunReportData } from './report-data';

/**
 * The report data of a stored (deployed) run: its outcomes give the progress over time, the counts
 * by kind and status, the skips by reason and the failed accounts; its stored report gives the duration. Calls over time
 * are not recorded for deployed runs. When the outcomes are gone (expired) but the run's report is
 * there, the report's counts and failures stand in for them.
 */
export function storedRunReportData(run: SyncRun, outcomes: readonly AccountOutcome[]): RunReportData {
  const own = latestOutcomes(outcomes.filter((o) => o.runId === run.runId));
  const originMs = Date.parse(run.startedAt);
  let lastOutcomeMs = originMs;
  for (const o of own) lastOutcomeMs = Math.max(lastOutcomeMs, Date.parse(o.at));
  const endMs = run.report ? Math.max(Date.parse(run.report.finishedAt), lastOutcomeMs) : lastOutcomeMs;
  // Once the outcomes have expired, the stored report's counts and failures stand in for them.
  const fromReport = own.length === 0 && run.report !== undefined;
  const failures = fromReport ? reportedFailures(run) : failuresOf(own);
  const attempts = own.reduce((n, o) => n + o.attempts, 0);
  return {
    title: `Run ${run.runId}`,
    source: 'deployed',
    headline: {
      status: `${run.report?.status ?? run.status}${modeNote(run)}`,
      runs: 1,
      targets: run.targetCount,
      wallSeconds: (endMs - originMs) / 1000,
      ...(own.length > 0 ? { callsPerTarget: attempts / own.length, callsPerTargetBasis: 'attempts recorded with the outcomes' } : {}),
    },
    progress: {
      endSeconds: (endMs - originMs) / 1000,
      runs: progressOf([run], own, originMs),
    },
    outcomes: fromReport ? reportedCounts(run) : outcomeCountsOf(own),
    failuresByCode: failures.byCode,
    failedAccounts: failures.accounts,
    skippedBy: fromReport ? { ...run.report?.skippedBy } : skipCounts(own),
    ...(run.report ? { checks: { 'targets without an outcome': run.report.missing } } : {}),
  };
}

/** The stored report's counts, all kinds together (its outcomes are gone). */
function reportedCounts(run: SyncRun): OutcomeCount[] {
  const r = run.report;
  if (!r) return [];
  const kind = r.kinds.join(', ');
  return (
    [
      ['UPDATED', r.updated],
      ['UNCHANGED', r.unchanged],
      ['SKIPPED', r.skipped],
      ['SUPERSEDED', r.superseded],
      ['FAILED', r.failed],
    ] as const
  )
    .filter(([, count]) => count > 0)
    .map(([status, count]) => ({ kind, status, count }));
}

function reportedFailures(run: SyncRun): ReturnType<typeof failuresOf> {
  const reported = run.report?.failures ?? [];
  return failuresOf(
    reported.map((f) => ({
      runId: run.runId,
      accountId: f.accountId,
      kind: f.kind,
      status: 'FAILED',
      errorCode: f.errorCode as AccountOutcome['errorCode'],
      attempts: 0,
      at: run.startedAt,
    })),
  );
}

/** The finished run's dry-run note from its outcomes (dry run may be switched mid-run); an open run's mode as it started. */
function modeNote(run: SyncRun): string {
  const note = run.report ? dryRunNote(run.report) : run.dryRun ? 'dry run' : undefined;
  return note === undefined ? '' : ` (${note})`;
}
