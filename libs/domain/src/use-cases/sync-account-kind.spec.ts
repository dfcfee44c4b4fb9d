import { DEFAULT_SYNC_CONFIG, syncConfigOf } from '../config/sync-config';
import { ContactApiError } from '../resilience/contact-api-error';
import { ManualTime } from '../testing/manual-time';
import { WorkerState } from '../testing/worker-state';
import { KeptContacts, securityContact, securityRun, WorkerSurroundings } from '../testing/worker-world';
import { AccountKindTarget, SyncAccountKind } from './sync-account-kind';

const A = '111111111111';
const AT = '2026-03-01T12:00:00.000Z';
const WANTED = securityContact('Sam Secure');
const OLD = securityContact('Old Owner');
const KEY = { runId: 'run-1', accountId: A, kind: 'SECURITY' as const };

function setUp() {
  const time = new ManualTime(Date.parse(AT));
  const state = new WorkerState();
  const world = new WorkerSurroundings();
  const contacts = new KeptContacts();
  world.members(A);
  const run = securityRun('run-1', 1, WANTED, AT);
  state.runs.set(run.runId, run);
  state.setHead('SECURITY', 1, run.runId);
  contacts.stored.set(`${A}#SECURITY`, OLD);
  const step = new SyncAccountKind({
    ...world.writeStepDeps(state, contacts, time),
    organization: world.organization,
    fingerprints: world.fingerprints,
    logger: world.logger,
  });
  const target: AccountKindTarget = {
    run,
    accountId: A,
    kind: 'SECURITY',
    wanted: WANTED,
    config: DEFAULT_SYNC_CONFIG,
    mayRetryLater: false,
  };
  const fp = (value: typeof WANTED | undefined) => world.fingerprints.of(value);
  return { state, world, contacts, step, target, fp };
}

describe('SyncAccountKind', () => {
  it('decides a disabled kind and a broken wanted value before reading the member', async () => {
    const { contacts, step, target } = setUp();
    expect(await step.outcome({ ...target, config: syncConfigOf({ kinds: ['BILLING'] }) })).toEqual({
      ...KEY,
      status: 'SKIPPED',
      skipReason: 'KIND_DISABLED',
      attempts: 0,
      at: AT,
    });
    expect(await step.outcome({ ...target, wanted: 'UNREADABLE' })).toEqual({
      ...KEY,
      status: 'FAILED',
      errorCode: 'DESIRED_VALUE_UNREADABLE',
      attempts: 0,
      at: AT,
    });
    expect(contacts.reads).toEqual([]);
  });

  it('records the write the rules read again hold back in dry run, with the write it would have made', async () => {
    const { world, contacts, step, target, fp } = setUp();
    world.configure(syncConfigOf({ dryRun: true }));
    expect(await step.outcome(target)).toEqual({
      ...KEY,
      status: 'SKIPPED',
      action: 'PUT',
      skipReason: 'DRY_RUN_WOULD_PUT',
      beforeFingerprint: fp(OLD),
      afterFingerprint: fp(WANTED),
      attempts: 1,
      at: AT,
    });
    expect(contacts.writes).toEqual([]);
    expect(world.logs).toContain('write held back by the rules read again before it');
  });

  it('skips a member that refused us because it left the organization, and fails one that is still an ACTIVE member', async () => {
    const left = setUp();
    left.contacts.failing.set(A, [new ContactApiError('ACCESS_DENIED', 'GetAlternateContact', 'req-9')]);
    left.world.accounts.delete(A);
    expect(await left.step.outcome(left.target)).toEqual({ ...KEY, status: 'SKIPPED', skipReason: 'ACCOUNT_LEFT', attempts: 1, at: AT });
    const active = setUp();
    active.contacts.failing.set(A, [new ContactApiError('ACCESS_DENIED', 'GetAlternateContact', 'req-9')]);
    expect(await active.step.outcome(active.target)).toEqual({
      ...KEY,
      status: 'FAILED',
      errorCode: 'ACCESS_DENIED',
      requestId: 'req-9',
      attempts: 1,
      at: AT,
    });
  });

  it("marks every outcome but UPDATED unconfirmed when an earlier delivery's write may have landed", async () => {
    const { state, step, target, fp } = setUp();
    const intent = { ...KEY, action: 'PUT' as const, beforeFingerprint: fp(OLD), afterFingerprint: fp(WANTED), at: AT };
    expect(await step.outcome({ ...target, intent, config: syncConfigOf({ dryRun: true }) })).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'DRY_RUN_WOULD_PUT',
      unconfirmedWrite: true,
    });
    expect(state.doubts.map((d) => d.accountId)).toEqual([A]);
    expect(await step.outcome({ ...target, intent })).toEqual({ ...KEY, status: 'UPDATED', ...intent, attempts: 1 });
  });

  it('stops, rather than failing, on a throttled member while a later delivery may retry it', async () => {
    const { contacts, step, target } = setUp();
    contacts.failing.set(
      A,
      Array.from({ length: 20 }, () => new ContactApiError('THROTTLED', 'GetAlternateContact')),
    );
    expect(await step.outcome({ ...target, mayRetryLater: true })).toBe('RETRYABLE_FAILURE');
  });
});
