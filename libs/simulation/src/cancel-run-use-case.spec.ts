import { CancelRun, FinishRun, itemIdOf, SyncRun } from '@contact-sync/domain';
import { ManualTime } from '@contact-sync/domain/testing';
import { InMemoryAuditLog, InMemoryLogger, InMemoryMetrics, InMemoryNotifier, InMemorySyncState } from '@contact-sync/adapters-memory';

const OPERATOR = 'arn:aws:iam::111111111111:role/operator';
const STARTED = Date.parse('2026-12-07T09:00:00.000Z');
const ACCOUNTS = ['222222222222', '333333333333', '444444444444'];

/** A launched SECURITY and BILLING run over three accounts in two items, nothing done yet. */
const openRun = (runId: string): SyncRun => ({
  runId,
  trigger: 'RECONCILE',
  initiator: 'schedule',
  kinds: ['SECURITY', 'BILLING'],
  requestedAt: new Date(STARTED).toISOString(),
  startedAt: new Date(STARTED).toISOString(),
  supersedes: true,
  launch: 'LAUNCHED',
  generations: { SECURITY: 1, BILLING: 1 },
  targetCount: ACCOUNTS.length * 2,
  totalItems: 2,
  completedItems: 0,
  status: 'RUNNING',
  dryRun: false,
});

async function system() {
  const time = new ManualTime(STARTED + 60_000);
  const state = new InMemorySyncState();
  const notifier = new InMemoryNotifier();
  const audit = new InMemoryAuditLog(time);
  const metrics = new InMemoryMetrics();
  const finish = new FinishRun(state, state, state, notifier, time, new InMemoryLogger(), metrics, audit);
  const cancel = new CancelRun(state, finish, time, new InMemoryLogger(), metrics);
  await state.createRun(openRun('rec-1'));
  await state.putItems([
    { runId: 'rec-1', itemId: itemIdOf('rec-1', 0), accountIds: ACCOUNTS.slice(0, 2) },
    { runId: 'rec-1', itemId: itemIdOf('rec-1', 1), accountIds: ACCOUNTS.slice(2) },
  ]);
  return { time, state, notifier, audit, metrics, finish, cancel };
}

describe('CancelRun', () => {
  it('cancels an open run: what it did is kept, the rest is SKIPPED CANCELLED and audited, the report says CANCELLED, notified once', async () => {
    const { state, notifier, audit, cancel, time } = await system();
    const at = new Date(STARTED + 30_000).toISOString();
    await state.recordOutcomes([
      { runId: 'rec-1', accountId: '222222222222', kind: 'SECURITY', status: 'UPDATED', action: 'PUT', attempts: 1, at },
    ]);
    // A write begun (its intent stored) and not yet recorded when the operator cancels: it may land.
    await state.recordIntent({
      runId: 'rec-1',
      accountId: '333333333333',
      kind: 'BILLING',
      action: 'PUT',
      afterFingerprint: 'hmac:0123',
      at,
    });

    const result = await cancel.execute({ runId: 'rec-1', by: OPERATOR });

    const cancelledAt = new Date(time.now()).toISOString();
    expect(result).toMatchObject({ status: 'CANCELLED', cancelledAt });
    const outcomes = await state.listOutcomes('rec-1');
    expect(outcomes).toHaveLength(6);
    const skipped = outcomes.filter((o) => o.skipReason === 'CANCELLED');
    expect(skipped.map((o) => `${o.accountId} ${o.kind} ${o.status} ${o.unconfirmedWrite === true}`).sort()).toEqual([
      '222222222222 BILLING SKIPPED false',
      '333333333333 BILLING SKIPPED true',
      '333333333333 SECURITY SKIPPED false',
      '444444444444 BILLING SKIPPED false',
      '444444444444 SECURITY SKIPPED false',
    ]);
    expect(outcomes.find((o) => o.status === 'UPDATED')?.accountId).toBe('222222222222');
    expect(audit.all().filter((e) => e.detail === 'CANCELLED' && e.initiator === OPERATOR)).toHaveLength(5);
    expect(result.status === 'CANCELLED' && result.report).toMatchObject({
      status: 'CANCELLED',
      cancelledAt,
      updated: 1,
      skipped: 5,
      skippedBy: { CANCELLED: 5 },
      unconfirmedWrites: 1,
      missing: 0,
    });
    expect(await state.getRun('rec-1')).toMatchObject({ status: 'FINISHED', cancelledAt, cancelledBy: OPERATOR, notified: true });
    expect(notifier.sent.map((n) => [n.report.status, n.priority])).toEqual([['CANCELLED', 'NORMAL']]);
  });

  it('a second request finds it cancelled, changes nothing and notifies no more', async () => {
    const { cancel, notifier, time } = await system();
    const first = await cancel.execute({ runId: 'rec-1', by: OPERATOR });
    time.advance(60_000);
    const second = await cancel.execute({ runId: ' rec-1 ', by: 'someone-else' });
    expect(second).toEqual({ ...first, status: 'ALREADY_CANCELLED' });
    expect(notifier.sent).toHaveLength(1);
  });

  it('completes a cancellation cut off after it was stored, as the sweeper does', async () => {
    const { state, cancel, notifier } = await system();
    await state.cancelRun('rec-1', new Date(STARTED + 10_000).toISOString(), OPERATOR);
    const result = await cancel.execute({ runId: 'rec-1', by: 'someone-else' });
    expect(result).toMatchObject({ status: 'ALREADY_CANCELLED', cancelledAt: new Date(STARTED + 10_000).toISOString() });
    expect(result.status === 'ALREADY_CANCELLED' && result.report.skippedBy).toEqual({ CANCELLED: 6 });
    expect(notifier.sent).toHaveLength(1);
  });

  it('refuses a finished run: its report and notification stay as they were', async () => {
    const { state, finish, cancel, notifier } = await system();
    const report = await finish.execute('rec-1');
    const result = await cancel.execute({ runId: 'rec-1', by: OPERATOR });
    expect(result).toEqual({ status: 'ALREADY_FINISHED', report });
    expect((await state.getRun('rec-1'))?.cancelledAt).toBeUndefined();
    expect(notifier.sent).toHaveLength(1);
  });

  it('says when there is no such run, and names the field of an id that cannot be one', async () => {
    const { cancel } = await system();
    expect(await cancel.execute({ runId: 'rec-none', by: OPERATOR })).toEqual({ status: 'NOT_FOUND' });
    for (const runId of ['', '   ', 'rec 1', 'r'.repeat(201)])
      await expect(cancel.execute({ runId, by: OPERATOR })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/^runId: /),
      });
  });
});
