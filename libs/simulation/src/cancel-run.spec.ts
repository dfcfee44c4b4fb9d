import { CancelRun, DEFAULT_LAUNCH_OPTIONS, DEFAULT_SWEEP_OPTIONS, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { generateAccounts, SeededRandom, seedContacts, SimulatedSqsWorkQueue } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { changeOnManagement } from './scenario-run';

const MEMBERS = 60;
const RUN_ID = 'chg-evt-1';
/** Writes applied before the operator cancels. */
const WRITES_BEFORE = 8;
const OPERATOR = 'arn:aws:iam::111111111111:role/operator';

/**
 * A SECURITY change over 60 members, one account per item, with SQS and EventBridge delivering
 * twice as often as they do; cancelled by an operator once 8 writes are applied. After the
 * cancellation every item is delivered again, the change event is delivered again and put in the
 * failure destination for the sweeper to replay, and the sweeper runs on past its stall limit.
 */
async function cancelledMidRun(cutOff = false) {
  const random = new SeededRandom(17);
  const spec = { members: MEMBERS, drift: 0, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf({ kinds: ['SECURITY'] });
  const sim = createSimulatedAws({ accounts, seed: 18, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  const system = new DeployedSystem(sim, config.rates, {
    ...AWS_DELIVERY,
    sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0.3 },
    eventDuplicateRate: 0.5,
    launch: { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: 1 },
  });
  let cancelledAt = 0;
  let result: Awaited<ReturnType<CancelRun['execute']>> | undefined;
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      const event = changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1');
      while (system.applied.length < WRITES_BEFORE) await sim.time.sleep(100);
      // Cut off: the cancellation stored, and the request ended before it finished the run (its sweep does).
      if (cutOff) await sim.syncState.cancelRun(RUN_ID, new Date(sim.time.now()).toISOString(), OPERATOR);
      else result = await system.operatorContainer().get(CancelRun).execute({ runId: RUN_ID, by: OPERATOR });
      cancelledAt = sim.time.now();
      // Everything that could still write for the run: its items again, its event again, and its event replayed.
      const items = (await sim.syncState.listItems(RUN_ID)).map((s) => s.item);
      await new SimulatedSqsWorkQueue(system.queue).enqueue(items);
      system.deliverEvent(event);
      system.failedEvents.add(event);
    }),
  );
  // Long after: the sweeper runs past its stall limit with the items delivered once more.
  sim.time.advance(DEFAULT_SWEEP_OPTIONS.stallMs * 2);
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      await new SimulatedSqsWorkQueue(system.queue).enqueue((await sim.syncState.listItems(RUN_ID)).map((s) => s.item));
    }),
  );
  return { sim, system, cancelledAt, result, quiet: await settle(sim, system, new Set()) };
}

describe('a run cancelled mid-way (contact-sync runs cancel)', () => {
  it('writes nothing after the cancellation, whatever delivers its items, and reports the rest SKIPPED CANCELLED, notified once', async () => {
    const { sim, system, cancelledAt, result, quiet } = await cancelledMidRun();
    expect(result?.status).toBe('CANCELLED');
    const own = system.applied.filter((w) => w.runId === RUN_ID);
    expect(own.length).toBeGreaterThanOrEqual(WRITES_BEFORE);
    // No request of the run was sent after the cancellation, and none was applied after it.
    expect(own.filter((w) => w.sentAt > cancelledAt)).toEqual([]);
    expect(own.filter((w) => w.at > cancelledAt)).toEqual([]);
    // Nothing else wrote the members either: no other run was started for the change.
    expect(system.applied.filter((w) => w.runId !== RUN_ID)).toEqual([]);
    expect(quiet.runs.map((r) => r.runId)).toEqual([RUN_ID]);

    const outcomes = quiet.outcomes.filter((o) => o.runId === RUN_ID);
    const updated = outcomes.filter((o) => o.status === 'UPDATED');
    const cancelled = outcomes.filter((o) => o.skipReason === 'CANCELLED');
    expect(outcomes).toHaveLength(MEMBERS);
    expect(cancelled.length).toBe(MEMBERS - updated.length);
    expect(cancelled.length).toBeGreaterThan(MEMBERS / 2);
    // A write sent before the cancellation whose outcome was not yet stored is SKIPPED CANCELLED, and
    // says that its write is unconfirmed: every applied write is accounted for one way or the other.
    const unconfirmed = new Set(cancelled.filter((o) => o.unconfirmedWrite).map((o) => o.accountId));
    const accounted = new Set([...updated.map((o) => o.accountId), ...unconfirmed]);
    expect(own.filter((w) => !accounted.has(w.accountId))).toEqual([]);
    expect(updated.length).toBeLessThanOrEqual(own.length);
    expect(cancelled.every((o) => o.status === 'SKIPPED')).toBe(true);
    // Each is audited, as SKIPPED CANCELLED, under the operator who cancelled.
    const audited = quiet.audit.filter((e) => e.runId === RUN_ID && e.status === 'SKIPPED' && e.detail === 'CANCELLED');
    expect(audited).toHaveLength(cancelled.length);
    expect(new Set(audited.map((e) => e.initiator))).toEqual(new Set([OPERATOR]));

    const [run] = quiet.runs;
    expect(run).toMatchObject({ status: 'FINISHED', notified: true, cancelledAt: new Date(cancelledAt).toISOString() });
    expect(run?.report).toMatchObject({
      status: 'CANCELLED',
      updated: updated.length,
      skipped: cancelled.length,
      unconfirmedWrites: unconfirmed.size,
      skippedBy: { CANCELLED: cancelled.length },
      missing: 0,
    });
    expect(sim.notifier.sent.map((n) => [n.report.runId, n.report.status, n.priority])).toEqual([[RUN_ID, 'CANCELLED', 'NORMAL']]);
    // The members it did not reach stay as they were: those are the only promise a cancellation breaks.
    expect({ ...quiet.invariants, outOfSync: 0 }).toEqual(PROMISES_KEPT);
    const written = new Set(own.map((w) => w.accountId));
    expect(quiet.invariants.outOfSync).toBe(cancelled.filter((o) => !written.has(o.accountId)).length);
  });

  it('a second cancellation of the finished run changes nothing and notifies no more', async () => {
    const { sim, system } = await cancelledMidRun();
    const again = await sim.time.run(() => system.operatorContainer().get(CancelRun).execute({ runId: RUN_ID, by: OPERATOR }));
    expect(again).toMatchObject({ status: 'ALREADY_CANCELLED', report: { status: 'CANCELLED' } });
    expect(sim.notifier.sent).toHaveLength(1);
  });

  it('cut off after the cancellation was stored, is finished as CANCELLED by the sweeper, never re-driven', async () => {
    const { system, cancelledAt, quiet } = await cancelledMidRun(true);
    const own = system.applied.filter((w) => w.runId === RUN_ID);
    expect(own.filter((w) => w.sentAt > cancelledAt)).toEqual([]);
    const [run] = quiet.runs;
    expect(run).toMatchObject({ status: 'FINISHED', notified: true, report: { status: 'CANCELLED', missing: 0 } });
    expect(run?.redrives).toBeUndefined();
    expect(quiet.outcomes.filter((o) => o.skipReason === 'CANCELLED').length).toBeGreaterThan(MEMBERS / 2);
    expect({ ...quiet.invariants, outOfSync: 0 }).toEqual(PROMISES_KEPT);
  });
});
