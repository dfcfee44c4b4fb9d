import { AccountOutcome } from './account-outcome';
import { buildRunReport } from './build-run-report';
import { dryRunNote } from './run-report';
import { SyncRun } from './sync-run';

const run = (dryRun: boolean): SyncRun => ({
  runId: 'chg-e1',
  trigger: 'CHANGE',
  initiator: 'arn:aws:iam::111111111111:user/ops',
  kinds: ['SECURITY'],
  requestedAt: '2026-11-22T09:00:00.000Z',
  startedAt: '2026-11-22T09:00:00.000Z',
  supersedes: true,
  launch: 'LAUNCHED',
  generations: { SECURITY: 1 },
  targetCount: 4,
  totalItems: 1,
  completedItems: 1,
  status: 'RUNNING',
  dryRun,
});

const outcome = (accountId: string, fields: Partial<AccountOutcome>): AccountOutcome => ({
  runId: 'chg-e1',
  accountId,
  kind: 'SECURITY',
  status: 'UNCHANGED',
  attempts: 1,
  at: '2026-11-22T09:01:00.000Z',
  ...fields,
});

describe('a run report says what was written, account-kind by account-kind', () => {
  it('counts the account-kinds a dry run only planned apart from those written, whatever mode the run started in', () => {
    // Dry run switched off after two items: two planned, one written, one unchanged.
    const outcomes = [
      outcome('222222222222', { status: 'SKIPPED', skipReason: 'DRY_RUN_WOULD_PUT', action: 'PUT' }),
      outcome('333333333333', { status: 'SKIPPED', skipReason: 'DRY_RUN_WOULD_DELETE', action: 'DELETE' }),
      outcome('444444444444', { status: 'UPDATED', action: 'PUT' }),
      outcome('555555555555', {}),
    ];
    const report = buildRunReport(run(true), outcomes, '2026-11-22T09:02:00.000Z');
    // It wrote, so it is not reported as a dry run; the note says which part only planned.
    expect(report).toMatchObject({ dryRun: false, updated: 1, planned: 2, skipped: 2, unchanged: 1, status: 'SUCCEEDED' });
    expect(dryRunNote(report)).toBe('dry run for part of the run: 1 written, 2 only planned');
  });

  it.each([
    ['a dry run that wrote nothing', { dryRun: true, updated: 0, planned: 3, unconfirmedWrites: 0 }, 'dry run: nothing was written'],
    ['a dry run with nothing to change', { dryRun: true, updated: 0, planned: 0, unconfirmedWrites: 0 }, 'dry run: nothing was written'],
    [
      'dry run switched on mid-run',
      { dryRun: false, updated: 2, planned: 1, unconfirmedWrites: 0 },
      'dry run for part of the run: 2 written, 1 only planned',
    ],
    [
      'a write cut off, then dry run on',
      { dryRun: false, updated: 0, planned: 1, unconfirmedWrites: 1 },
      'dry run for part of the run: 0 written (1 unconfirmed), 1 only planned',
    ],
    ['a live run', { dryRun: false, updated: 2, planned: 0, unconfirmedWrites: 0 }, undefined],
    ['a report stored before planned was counted', { dryRun: false, updated: 2, unconfirmedWrites: 0 }, undefined],
  ])('%s', (_case, report, note) => {
    expect(dryRunNote(report)).toBe(note);
  });
});
