import { failuresOf, latestOutcomes, outcomeCountsOf, progressOf } from './from-outcomes';
import { at, finishedRun, outcome } from './testing/fixtures';

const ORIGIN = Date.parse(at(0));

describe('progressOf', () => {
  it('counts account-kinds done at the times of their outcomes, from 0 when the run started', () => {
    const run = finishedRun('r1', 3, { startedAt: at(5) });
    const outcomes = [outcome('r1', 2, 30), outcome('r1', 1, 10), outcome('other', 1, 1), outcome('r1', 3, 20)];
    expect(progressOf([run], outcomes, ORIGIN)).toEqual([
      {
        runId: 'r1',
        kinds: ['SECURITY'],
        targets: 3,
        points: [
          [5, 0],
          [10, 1],
          [20, 2],
          [30, 3],
        ],
      },
    ]);
  });

  it('keeps at most maxPoints points, ending on the last outcome', () => {
    const outcomes = Array.from({ length: 1001 }, (_, i) => outcome('r1', i, i));
    const [progress] = progressOf([finishedRun('r1', 1001)], outcomes, ORIGIN, 100);
    const points = progress?.points ?? [];
    expect(points.length).toBeLessThanOrEqual(100);
    expect(points[points.length - 1]).toEqual([1000, 1001]);
    const done = points.map(([, d]) => d);
    for (let i = 1; i < done.length; i += 1) expect(done[i]).toBeGreaterThan(done[i - 1] as number);
  });
});

describe('outcome tables', () => {
  const outcomes = [
    outcome('r1', 1, 1),
    outcome('r1', 2, 2, { status: 'FAILED', errorCode: 'ACCESS_DENIED' }),
    outcome('r1', 3, 3, { kind: 'BILLING', status: 'FAILED', errorCode: 'THROTTLED' }),
    outcome('r1', 4, 4, { status: 'FAILED', errorCode: 'ACCESS_DENIED' }),
  ];

  it('counts outcomes by kind and status', () => {
    expect(outcomeCountsOf(outcomes)).toEqual([
      { kind: 'BILLING', status: 'FAILED', count: 1 },
      { kind: 'SECURITY', status: 'FAILED', count: 2 },
      { kind: 'SECURITY', status: 'UPDATED', count: 1 },
    ]);
  });

  it('counts failures by code and lists the first rows by run, account and kind', () => {
    expect(failuresOf(outcomes, 2)).toEqual({
      byCode: { ACCESS_DENIED: 2, THROTTLED: 1 },
      accounts: {
        total: 3,
        rows: [
          { runId: 'r1', accountId: '100000000002', kind: 'SECURITY', errorCode: 'ACCESS_DENIED' },
          { runId: 'r1', accountId: '100000000003', kind: 'BILLING', errorCode: 'THROTTLED' },
        ],
      },
    });
  });

  it('keeps the last outcome recorded for each account-kind of a run', () => {
    const first = outcome('r1', 1, 1, { status: 'FAILED', errorCode: 'THROTTLED' });
    const retried = outcome('r1', 1, 9);
    const otherRun = outcome('r2', 1, 2);
    expect(latestOutcomes([first, otherRun, retried])).toEqual([retried, otherRun]);
  });
});
