import { buildRunReport } from '@contact-sync/domain';
import { renderRunReport } from './html/render';
import { storedRunReportData } from './stored-run';
import { at, finishedRun, outcome } from './testing/fixtures';

describe('storedRunReportData', () => {
  const outcomes = [
    outcome('r1', 1, 12),
    outcome('r1', 2, 30, { status: 'FAILED', errorCode: 'ACCESS_DENIED', attempts: 1 }),
    outcome('r1', 3, 20, { status: 'UNCHANGED', attempts: 1 }),
    outcome('r1', 5, 21, { status: 'SKIPPED', skipReason: 'EXCLUDED_BY_OU', skipRule: 'ou-ab12-sandbox', attempts: 0 }),
    outcome('other-run', 4, 25),
  ];
  const run = finishedRun('r1', 4);
  const stored = { ...run, report: buildRunReport(run, outcomes.slice(0, 4), at(40)) };

  it('draws the progress from the outcomes, counts them, and says calls over time were not recorded', () => {
    const data = storedRunReportData(stored, outcomes);
    expect(data.source).toBe('deployed');
    expect(data.calls).toBeUndefined();
    expect(data.headline).toEqual({
      status: 'PARTIAL',
      runs: 1,
      targets: 4,
      wallSeconds: 40,
      callsPerTarget: 4 / 4,
      callsPerTargetBasis: 'attempts recorded with the outcomes',
    });
    expect(data.progress).toEqual({
      endSeconds: 40,
      runs: [
        {
          runId: 'r1',
          kinds: ['SECURITY'],
          targets: 4,
          points: [
            [0, 0],
            [12, 1],
            [20, 2],
            [21, 3],
            [30, 4],
          ],
        },
      ],
    });
    expect(data.failuresByCode).toEqual({ ACCESS_DENIED: 1 });
    expect(data.skippedBy).toEqual({ 'EXCLUDED_BY_OU ou-ab12-sandbox': 1 });
    expect(data.failedAccounts.rows).toEqual([{ runId: 'r1', accountId: '100000000002', kind: 'SECURITY', errorCode: 'ACCESS_DENIED' }]);
    expect(data.checks).toEqual({ 'targets without an outcome': 0 });
  });

  it('shows a cancelled run as CANCELLED, with its undone account-kinds counted under CANCELLED, in the page too', () => {
    const run = finishedRun('r9', 3, { cancelledAt: at(30) });
    const outcomes = [
      outcome('r9', 1, 10),
      outcome('r9', 2, 30, { status: 'SKIPPED', action: undefined, skipReason: 'CANCELLED', afterFingerprint: undefined }),
      outcome('r9', 3, 30, { status: 'SKIPPED', action: undefined, skipReason: 'CANCELLED', afterFingerprint: undefined }),
    ];
    const cancelled = { ...run, report: buildRunReport(run, outcomes, at(31)) };
    const data = storedRunReportData(cancelled, outcomes);
    expect(data.headline.status).toBe('CANCELLED');
    expect(data.skippedBy).toEqual({ CANCELLED: 2 });
    const html = renderRunReport(data);
    expect(html).toContain('CANCELLED');
  });

  it('falls back on the stored report when the outcomes are gone', () => {
    const data = storedRunReportData(stored, []);
    expect(data.outcomes).toEqual([
      { kind: 'SECURITY', status: 'UPDATED', count: 1 },
      { kind: 'SECURITY', status: 'UNCHANGED', count: 1 },
      { kind: 'SECURITY', status: 'SKIPPED', count: 1 },
      { kind: 'SECURITY', status: 'FAILED', count: 1 },
    ]);
    expect(data.skippedBy).toEqual({ 'EXCLUDED_BY_OU ou-ab12-sandbox': 1 });
    expect(data.failedAccounts.rows).toEqual([{ runId: 'r1', accountId: '100000000002', kind: 'SECURITY', errorCode: 'ACCESS_DENIED' }]);
    expect(data.headline.callsPerTarget).toBeUndefined();
  });

  it('renders a running run, with no fingerprint or other value of the outcomes in the page', () => {
    const running = finishedRun('r1', 4, { status: 'RUNNING' });
    const html = renderRunReport(storedRunReportData(running, outcomes));
    expect(html).toContain('Calls per second: not recorded for deployed runs.');
    expect(html).toContain('RUNNING');
    expect(html).not.toMatch(/fp-(before|after)/);
  });
});
