import { AccountId } from '../accounts/account-id';
import { syncConfigOf } from '../config/sync-config';
import { ContactApiError } from '../resilience/contact-api-error';
import { itemIdOf, WorkItem } from '../sync/work-item';
import { ManualTime } from '../testing/manual-time';
import { WorkerState } from '../testing/worker-state';
import { KeptContacts, securityContact, securityRun, WorkerSurroundings } from '../testing/worker-world';
import { FinishRun } from './finish-run';
import { ProcessWorkItem } from './process-work-item';

const RUN = 'run-1';
const A = '111111111111';
const B = '222222222222';
const AT = '2026-03-01T12:00:00.000Z';
const WANTED = securityContact('Sam Secure');
const OLD = securityContact('Old Owner');

const runOf = (totalItems: number) => securityRun(RUN, totalItems, WANTED, AT);

/** A run of `items` (one item per list of accounts) holding SECURITY at generation 1, and a worker over it. */
function setUp(items: AccountId[][] = [[A]]) {
  const time = new ManualTime(Date.parse(AT));
  const state = new WorkerState();
  const world = new WorkerSurroundings();
  const contacts = new KeptContacts();
  world.members(A, B);
  state.runs.set(RUN, runOf(items.length));
  state.setHead('SECURITY', 1, RUN);
  const item = (index: number): WorkItem => ({ runId: RUN, itemId: itemIdOf(RUN, index), accountIds: items[index] ?? [] });
  void state.putItems(items.map((_, index) => item(index)));
  const finish = new FinishRun(state, state, state, world.notifier, time, world.logger, world.metricsPort, world.auditPort);
  const worker = new ProcessWorkItem(
    world.resilient(contacts, time),
    state,
    state,
    state,
    state,
    world.configPort,
    world.organization,
    world.structure,
    world.auditPort,
    finish,
    time,
    world.logger,
    world.metricsPort,
    world.fingerprints,
    world.tagReader(time),
    world.previousValues,
  );
  const fp = (value: typeof WANTED | undefined) => world.fingerprints.of(value);
  return { time, state, world, contacts, worker, item, fp };
}

const key = (accountId: AccountId) => ({ runId: RUN, accountId, kind: 'SECURITY' as const });

describe('ProcessWorkItem', () => {
  it('writes a member whose value differs, its previous value kept and its intent stored first, and audits the UPDATED outcome', async () => {
    const { state, world, contacts, worker, item, fp } = setUp();
    contacts.stored.set(`${A}#SECURITY`, OLD);
    const result = await worker.execute(item(0), { holder: 'h1' });
    const updated = {
      ...key(A),
      status: 'UPDATED',
      action: 'PUT',
      beforeFingerprint: fp(OLD),
      afterFingerprint: fp(WANTED),
      attempts: 2,
      at: AT,
    };
    expect(result).toEqual({ status: 'DONE', outcomes: [updated], finishedRun: true });
    expect(contacts.writes).toEqual([`PUT ${A} SECURITY`]);
    expect(contacts.stored.get(`${A}#SECURITY`)).toEqual(WANTED);
    expect([...state.intents.values()]).toEqual([
      { ...key(A), action: 'PUT', beforeFingerprint: fp(OLD), afterFingerprint: fp(WANTED), at: AT },
    ]);
    expect(world.kept.map((k) => [k.accountId, k.afterFingerprint])).toEqual([[A, fp(WANTED)]]);
    expect(world.audit.map((e) => [e.accountId, e.status, e.detail, e.initiator])).toEqual([[A, 'UPDATED', 'PUT', 'alice']]);
    expect(world.metrics.Updated).toBe(1);
  });

  it('records UNCHANGED, and writes nothing, where the member already holds the wanted value', async () => {
    const { contacts, worker, item, fp } = setUp();
    contacts.stored.set(`${A}#SECURITY`, securityContact('Sam Secure'));
    const result = await worker.execute(item(0), { holder: 'h1' });
    expect(result).toEqual({
      status: 'DONE',
      outcomes: [{ ...key(A), status: 'UNCHANGED', beforeFingerprint: fp(WANTED), afterFingerprint: fp(WANTED), attempts: 1, at: AT }],
      finishedRun: true,
    });
    expect(contacts.writes).toEqual([]);
  });

  it('skips, without reading the member, an account excluded by id, and one a tag rule leaves out (its tags read once)', async () => {
    const { world, contacts, worker, item } = setUp([[A, B]]);
    world.configure(syncConfigOf({ excludedAccountIds: [A], excludedTags: [{ key: 'frozen' }] }));
    world.tags.set(B, { frozen: 'yes' });
    const result = await worker.execute(item(0), { holder: 'h1' });
    expect(result.status === 'DONE' && result.outcomes).toEqual([
      { ...key(A), status: 'SKIPPED', skipReason: 'EXCLUDED_BY_ID', attempts: 0, at: AT },
      { ...key(B), status: 'SKIPPED', skipReason: 'EXCLUDED_BY_TAG', skipRule: 'frozen', attempts: 0, at: AT },
    ]);
    expect(world.tagReads).toEqual([B]);
    expect(contacts.reads).toEqual([]);
  });

  it('leaves an item another live delivery holds to it: BUSY, nothing read or recorded', async () => {
    const { time, state, contacts, worker, item } = setUp();
    await state.claimItem(RUN, item(0).itemId, 'other', time.now(), 60_000);
    expect(await worker.execute(item(0), { holder: 'h1' })).toEqual({ status: 'BUSY' });
    expect(contacts.reads).toEqual([]);
    expect(state.outcomes.size).toBe(0);
  });

  it('near its deadline stops before the call, records nothing, and gives the item back for a later delivery', async () => {
    const { time, state, world, contacts, worker, item } = setUp();
    const result = await worker.execute(item(0), { holder: 'h1', deadlineMs: time.now() - 1, endsAtMs: time.now() + 30_000 });
    expect(result).toEqual({ status: 'INTERRUPTED', outcomes: [], reason: 'DEADLINE' });
    expect(contacts.reads).toEqual([]);
    expect(state.outcomes.size).toBe(0);
    expect(await state.claimItem(RUN, item(0).itemId, 'next', time.now(), 1)).toBe('CLAIMED');
    expect(world.logs).toContain('work item left for a later delivery');
  });

  it('leaves an account-kind throttled through every attempt to a later delivery, and fails it on the last ones', async () => {
    const throttledEveryTime = (contacts: KeptContacts) =>
      contacts.failing.set(
        A,
        Array.from({ length: 20 }, () => new ContactApiError('THROTTLED', 'GetAlternateContact', 'req-1')),
      );
    const early = setUp();
    throttledEveryTime(early.contacts);
    expect(await early.worker.execute(early.item(0), { holder: 'h1', delivery: 1 })).toMatchObject({
      status: 'INTERRUPTED',
      reason: 'RETRYABLE_FAILURE',
    });
    const last = setUp();
    throttledEveryTime(last.contacts);
    const result = await last.worker.execute(last.item(0), { holder: 'h1', delivery: 3 });
    expect(result.status === 'DONE' && result.outcomes).toEqual([
      { ...key(A), status: 'FAILED', errorCode: 'THROTTLED', requestId: 'req-1', attempts: expect.any(Number), at: expect.any(String) },
    ]);
  });

  it("refuses a message whose accounts are not its stored item's, before the item is touched", async () => {
    const { time, state, world, contacts, worker, item } = setUp();
    const forged = { ...item(0), accountIds: [B] };
    expect(await worker.execute(forged, { holder: 'forger' })).toEqual({ status: 'REFUSED', reason: 'ACCOUNTS_DIFFER' });
    expect(contacts.reads).toEqual([]);
    expect(world.metrics.WorkItemsRefused).toBe(1);
    expect(await state.claimItem(RUN, item(0).itemId, 'genuine', time.now(), 1)).toBe('CLAIMED');
  });

  it('records SUPERSEDED, and neither reads nor writes, once a newer run holds the kind', async () => {
    const { state, contacts, worker, item } = setUp();
    state.setHead('SECURITY', 2, 'run-2');
    const result = await worker.execute(item(0), { holder: 'h1' });
    expect(result.status === 'DONE' && result.outcomes).toEqual([{ ...key(A), status: 'SUPERSEDED', attempts: 0, at: AT }]);
    expect(contacts.reads).toEqual([]);
  });

  it('finishes the run in the one delivery that completes its last item; a redelivery of a done item does nothing', async () => {
    const { state, world, worker, item } = setUp([[A], [B]]);
    expect(await worker.execute(item(0), { holder: 'h1' })).toMatchObject({ status: 'DONE', finishedRun: false });
    expect(world.reports).toEqual([]);
    expect(await worker.execute(item(1), { holder: 'h2' })).toMatchObject({ status: 'DONE', finishedRun: true });
    expect(world.reports.map((r) => [r.runId, r.status, r.updated])).toEqual([[RUN, 'SUCCEEDED', 2]]);
    expect(state.runs.get(RUN)?.status).toBe('FINISHED');
    expect(await worker.execute(item(1), { holder: 'h3' })).toEqual({ status: 'ALREADY_DONE' });
    expect(world.reports).toHaveLength(1);
  });

  it('makes again a write an earlier delivery was cut off in, without reading the member, and doubts its landing', async () => {
    const { state, contacts, worker, item, fp } = setUp();
    await state.recordIntent({ ...key(A), action: 'PUT', beforeFingerprint: fp(OLD), afterFingerprint: fp(WANTED), at: AT });
    const result = await worker.execute(item(0), { holder: 'h1' });
    expect(result.status === 'DONE' && result.outcomes).toEqual([
      { ...key(A), status: 'UPDATED', action: 'PUT', beforeFingerprint: fp(OLD), afterFingerprint: fp(WANTED), attempts: 1, at: AT },
    ]);
    expect(contacts.reads).toEqual([]);
    expect(state.doubts.map((d) => d.accountId)).toEqual([A]);
  });

  it('leaves the items of a cancelled run to its finisher: RUN_CLOSED, nothing read', async () => {
    const { state, contacts, worker, item } = setUp();
    await state.cancelRun(RUN, AT, 'bob');
    expect(await worker.execute(item(0), { holder: 'h1' })).toEqual({ status: 'RUN_CLOSED' });
    expect(contacts.reads).toEqual([]);
  });
});
