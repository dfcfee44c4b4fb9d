import { syncConfigOf } from '../config/sync-config';
import { ContactApiError } from '../resilience/contact-api-error';
import { WriteSuperseded } from '../resilience/interruption';
import { DEFAULT_WRITE_TIMING } from '../sync/write-doubt';
import { ManualTime } from '../testing/manual-time';
import { WorkerState } from '../testing/worker-state';
import { KeptContacts, securityContact, securityRun, WorkerSurroundings } from '../testing/worker-world';
import { GuardedWrite, WriteCancelled, WriteHeldBack } from './guarded-write';

const A = '111111111111';
const AT = '2026-03-01T12:00:00.000Z';
const T0 = Date.parse(AT);
const WANTED = securityContact('Sam Secure');
const PLANNED = { action: 'PUT' as const, beforeFingerprint: 'hmac:old', afterFingerprint: 'hmac:new' };
const INTENT = { runId: 'run-1', accountId: A, kind: 'SECURITY' as const, ...PLANNED, at: AT };
const SETTLE_UNANSWERED_MS = DEFAULT_WRITE_TIMING.signatureValidityMs + DEFAULT_WRITE_TIMING.consistencyDelayMs;

function setUp() {
  const time = new ManualTime(T0);
  const state = new WorkerState();
  const world = new WorkerSurroundings();
  const contacts = new KeptContacts();
  world.members(A);
  const run = securityRun('run-1', 1, WANTED, AT);
  state.runs.set(run.runId, run);
  state.setHead('SECURITY', 1, run.runId);
  const write = new GuardedWrite(world.writeStepDeps(state, contacts, time), { run, accountId: A, kind: 'SECURITY' });
  return { time, state, world, contacts, write };
}

describe('GuardedWrite', () => {
  it('keeps the previous value, then stores the intent, once, before the first attempt; an attempt with no answer is doubted until it can no longer land', async () => {
    const { state, world, contacts, write } = setUp();
    contacts.failing.set(A, [new ContactApiError('TRANSIENT', 'PutAlternateContact')]);
    const sent = await write.send(WANTED, PLANNED, INTENT, { value: undefined });
    expect(sent).toEqual({ value: 'WRITTEN', attempts: 2 });
    expect(contacts.writes).toEqual([`PUT ${A} SECURITY`]);
    expect(world.kept.map((k) => k.afterFingerprint)).toEqual(['hmac:new']);
    expect([...state.intents.values()]).toEqual([INTENT]);
    expect(write.unconfirmed).toBe(true);
    expect(write.unanswered).toBe(true);
    await write.settle();
    expect(state.doubts).toEqual([{ accountId: A, kind: 'SECURITY', dueAtMs: T0 + SETTLE_UNANSWERED_MS }]);
  });

  it('sends nothing, and stores no intent, once a newer run holds the kind', async () => {
    const { state, contacts, write } = setUp();
    state.setHead('SECURITY', 2, 'run-2');
    await expect(write.send(WANTED, PLANNED, INTENT)).rejects.toBeInstanceOf(WriteSuperseded);
    await expect(write.ensureLive()).rejects.toBeInstanceOf(WriteSuperseded);
    expect(contacts.writes).toEqual([]);
    expect(state.intents.size).toBe(0);
    expect(write.unconfirmed).toBe(false);
  });

  it('holds the write back when the rules read again leave it out, before its intent is stored', async () => {
    const { state, world, contacts, write } = setUp();
    world.configure(syncConfigOf({ dryRun: true }));
    const held = await write.send(WANTED, PLANNED, INTENT).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(WriteHeldBack);
    expect((held as WriteHeldBack).verdict).toEqual({ verdict: 'DRY_RUN' });
    expect((held as WriteHeldBack).planned).toBe(PLANNED);
    expect(contacts.writes).toEqual([]);
    expect(state.intents.size).toBe(0);
  });

  it('stops at a cancellation read after the intent, so that the finisher finds the intent and calls the write unconfirmed', async () => {
    const { state, contacts, write } = setUp();
    await state.cancelRun('run-1', AT, 'bob');
    await expect(write.send(WANTED, PLANNED, INTENT)).rejects.toBeInstanceOf(WriteCancelled);
    expect(contacts.writes).toEqual([]);
    expect([...state.intents.values()]).toEqual([INTENT]);
  });

  it('doubts an answered write only when the kind moved on to a newer run before it was settled', async () => {
    const stayed = setUp();
    await stayed.write.send(WANTED, PLANNED, INTENT);
    await stayed.write.settle();
    expect(stayed.state.doubts).toEqual([]);
    const movedOn = setUp();
    await movedOn.write.send(WANTED, PLANNED, INTENT);
    movedOn.state.setHead('SECURITY', 2, 'run-2');
    await movedOn.write.settle();
    expect(movedOn.state.doubts).toEqual([{ accountId: A, kind: 'SECURITY', dueAtMs: T0 + DEFAULT_WRITE_TIMING.consistencyDelayMs }]);
  });

  it('tells a delete that found nothing to delete (ABSENT), which is not watched as a landed write', async () => {
    const { state, write } = setUp();
    const sent = await write.send(undefined, { ...PLANNED, action: 'DELETE' });
    expect(sent).toEqual({ value: 'ABSENT', attempts: 1 });
    state.setHead('SECURITY', 2, 'run-2');
    await write.settle();
    expect(state.doubts).toEqual([]);
  });

  it("doubts an earlier delivery's cut-off write from now until it can no longer land", async () => {
    const { time, state, world, write } = setUp();
    time.advance(1_000);
    await write.doubtEarlierDelivery();
    expect(state.doubts).toEqual([{ accountId: A, kind: 'SECURITY', dueAtMs: T0 + 1_000 + SETTLE_UNANSWERED_MS }]);
    expect(world.metrics.WritesInDoubt).toBe(1);
  });
});
