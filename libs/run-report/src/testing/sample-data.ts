import { RunReportData } from '../report-data';

/** A simulation's report data, small: two operations over ten 2-second buckets, two runs, one failure. */
export function sampleReportData(overrides: Partial<RunReportData> = {}): RunReportData {
  return {
    title: 'Simulation: test',
    source: 'simulation',
    headline: {
      runs: 2,
      targets: 20,
      efficiency: 0.9,
      simulatedSeconds: 20,
      floorSeconds: 18,
      wallSeconds: 1.5,
      callsPerTarget: 2.1,
      throttled: 3,
      retries: 4,
    },
    calls: {
      startSeconds: 0,
      bucketSeconds: 2,
      operations: [
        { operation: 'GetAlternateContact', quotaPerSecond: 10, calls: [20, 20, 18, 4, 0, 0, 2], throttled: [0, 2, 0, 0] },
        { operation: 'PutAlternateContact', quotaPerSecond: 5, calls: [0, 8, 10, 10, 10, 10, 6, 2, 0, 1], throttled: [0, 0, 1] },
      ],
      retries: [0, 2, 1, 0, 0, 0, 0, 0, 0, 1],
    },
    progress: {
      floorSeconds: 18,
      endSeconds: 20,
      runs: [
        {
          runId: 'run-a',
          kinds: ['SECURITY'],
          targets: 10,
          points: [
            [0, 0],
            [5, 4],
            [19, 10],
          ],
        },
        {
          runId: 'run-b',
          kinds: ['BILLING'],
          targets: 10,
          points: [
            [1, 0],
            [8, 6],
            [20, 9],
          ],
        },
      ],
    },
    outcomes: [
      { kind: 'BILLING', status: 'UPDATED', count: 9 },
      { kind: 'BILLING', status: 'FAILED', count: 1 },
      { kind: 'SECURITY', status: 'UPDATED', count: 10 },
    ],
    failuresByCode: { ACCESS_DENIED: 1 },
    failedAccounts: { total: 1, rows: [{ runId: 'run-b', accountId: '100000000007', kind: 'BILLING', errorCode: 'ACCESS_DENIED' }] },
    checks: { lost: 0, 'out of sync': 0 },
    ...overrides,
  };
}
