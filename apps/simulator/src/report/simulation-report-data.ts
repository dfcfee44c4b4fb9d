import { CONTACT_OPERATIONS } from '@contact-sync/domain';
import { CallsOverTime, failuresOf, outcomeCountsOf, progressOf, RunReportData } from '@contact-sync/run-report';
import { SimulationReport, SimulationView } from '@contact-sync/simulation';

/** The HTML report's data of a simulation: its report's figures, its calls over time, and its runs' progress. */
export function simulationReportData(report: SimulationReport, view: SimulationView): RunReportData {
  const failures = failuresOf(view.outcomes);
  const contactCalls = CONTACT_OPERATIONS.reduce((n, op) => n + (report.apiCalls[op] ?? 0), 0);
  return {
    title: `Simulation: ${report.scenario}, ${report.accounts} accounts, seed ${report.seed}`,
    source: 'simulation',
    headline: {
      runs: report.runs,
      targets: report.eligible,
      efficiency: report.efficiency,
      simulatedSeconds: report.simulatedSeconds,
      floorSeconds: report.floorSeconds,
      wallSeconds: report.wallMs / 1000,
      ...(report.eligible > 0
        ? { callsPerTarget: contactCalls / report.eligible, callsPerTargetBasis: 'Account Management calls, retries included' }
        : {}),
      apiCalls: Object.values(report.apiCalls).reduce((n, c) => n + c, 0),
      throttled: report.throttled,
      retries: report.retries,
    },
    calls: callsOverTime(view),
    progress: {
      floorSeconds: report.floorSeconds,
      endSeconds: report.simulatedSeconds,
      runs: progressOf(view.runs, view.outcomes, view.startedAtMs),
    },
    outcomes: outcomeCountsOf(view.outcomes),
    failuresByCode: failures.byCode,
    failedAccounts: failures.accounts,
    skippedBy: report.skippedBy,
    checks: {
      lost: report.lost,
      'out of sync': report.outOfSync,
      'written in error': report.wronglyWritten,
      'stuck runs': report.stuckRuns,
      'audit mismatches': report.auditMismatches,
    },
  };
}

/** The timeline's operations that were called, in the API's order, each with its quota. */
function callsOverTime(view: SimulationView): CallsOverTime {
  const t = view.timeline;
  return {
    startSeconds: (t.startMs - view.startedAtMs) / 1000,
    bucketSeconds: t.bucketMs / 1000,
    operations: CONTACT_OPERATIONS.filter((op) => t.operations[op] !== undefined).map((op) => ({
      operation: op,
      quotaPerSecond: view.quotas[op].ratePerSecond,
      calls: t.operations[op]?.calls ?? [],
      throttled: t.operations[op]?.throttled ?? [],
    })),
    retries: t.retries,
  };
}
