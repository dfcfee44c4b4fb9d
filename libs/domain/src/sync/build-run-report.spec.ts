import { AccountOutcome } from './account-outcome';
import { buildRunReport } from './build-run-report';
import { SyncRun } from './sync-run';

const run = (dryRun: boolean): SyncRun => ({
  runId: 'run-1',
  trigger: 'CHANGE',
  initiator: 'arn:aws:sts::111111111111:assumed-role/Admin/operator',
  kinds: ['SECURITY'],
  requestedAt: '2026-11-22T10:00:00.000Z',
  startedAt: '2026-11-22T10:00:01.000Z',
  supersedes: true,
  launch: 'LAUNCHED',
  generations: { SECURITY: 1 },
  targetCount: 2,
  totalItems: 1,
  completedItems: 1,
  status: 'RUNNING',
  dryRun,
});
const outcome = (accountId: string, status: AccountOutcome['status'], skipReason?: AccountOutcome['skipReason']): AccountOutcome => ({
  runId: 'run-1',
  accountId,
  kind: 'SECURITY',
  status,
  ...(skipReason ? { skipReason } : {}),
  attempts: 1,
  at: '2026-11-22T10:01:00.000Z',
});

describe('buildRunReport: dry run', () => {
  it('a run started in dry run that wrote nothing is reported as a dry run', () => {
    const report = buildRunReport(
      run(true),
      [outcome('222222222222', 'SKIPPED', 'DRY_RUN_WOULD_PUT'), outcome('333333333333', 'UNCHANGED')],
      '2026-11-22T10:02:00.000Z',
    );
    expect([report.dryRun, report.status, report.skippedBy]).toEqual([true, 'SUCCEEDED', { DRY_RUN_WOULD_PUT: 1 }]);
  });

  it('a run started in dry run that wrote once dry run was released is not: its report says what was written', () => {
    const report = buildRunReport(
      run(true),
      [outcome('222222222222', 'SKIPPED', 'DRY_RUN_WOULD_PUT'), outcome('333333333333', 'UPDATED')],
      '2026-11-22T10:02:00.000Z',
    );
    expect([report.dryRun, report.updated]).toEqual([false, 1]);
  });

  it('nor is one with a write begun and never confirmed', () => {
    expect(buildRunReport(run(true), [outcome('222222222222', 'UNCHANGED')], '2026-11-22T10:02:00.000Z', 1).dryRun).toBe(false);
  });
});
