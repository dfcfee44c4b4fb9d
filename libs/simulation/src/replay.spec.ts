import { contactWriteEvent } from '@contact-sync/domain/testing';
import { ReplayFailedEvents, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { FAILED_EVENTS_QUEUE, generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';

/** An organization with drift, its deployed system, and events already in the failure destination. */
function world() {
  const random = new SeededRandom(3);
  const spec = { members: 40, drift: 0.3, unset: 0.1 };
  const config = syncConfigOf({});
  const sim = createSimulatedAws({ accounts: generateAccounts(spec, random), seed: 4, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  const system = new DeployedSystem(sim, config.rates, AWS_DELIVERY);
  return { sim, system };
}

const schedule = (id: string) => ({
  version: '0',
  id,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '111111111111',
  time: '2026-11-22T06:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {},
});

describe('the sweeper replays the failure destination', () => {
  it('a failed scheduled reconcile becomes its run, which repairs the drift; an event no function handles is dropped', async () => {
    const { sim, system } = world();
    system.failedEvents.add(schedule('sched-failed'));
    system.failedEvents.add({ source: 'aws.s3', detail: {} });
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    const r = await settle(sim, system, new Set());
    expect(r.invariants).toEqual(PROMISES_KEPT);
    expect(r.runs.map((run) => [run.runId, run.trigger, run.status, run.notified])).toEqual([
      ['rec-sched-failed', 'RECONCILE', 'FINISHED', true],
    ]);
    expect(r.outcomes.filter((o) => o.status === 'UPDATED').length).toBeGreaterThan(0);
    expect(system.failedEvents.size).toBe(0);
    expect(sim.logger.records.filter((e) => e.message.startsWith('failed event is neither'))).toHaveLength(1);
  });

  it('stops when asked, leaves the rest, and replaying the same change twice starts one run', async () => {
    const { sim, system } = world();
    const change = contactWriteEvent({
      eventId: 'evt-lost',
      alternateContactType: 'SECURITY',
      managementAccountId: sim.model.managementAccountId,
    });
    for (let i = 0; i < 3; i += 1) system.failedEvents.add(change);
    const replay = system.operatorContainer().get(ReplayFailedEvents);
    const progress: number[] = [];
    const first = await sim.time.run(() =>
      replay.execute({ onProgress: (done) => progress.push(done), stopRequested: () => progress.length === 2 }),
    );
    expect(first).toEqual({ received: 3, replayed: 2, dropped: 0, failed: 0, stopped: true, runIds: ['chg-evt-lost', 'chg-evt-lost'] });
    expect(await system.failedEvents.waiting()).toBe(1);
    // As in SQS, the event the stopped replay received and left is hidden until its visibility timeout passes.
    expect(await sim.time.run(() => replay.execute())).toMatchObject({ received: 0 });
    sim.time.advance(FAILED_EVENTS_QUEUE.visibilityTimeoutMs);
    const rest = await sim.time.run(() => replay.execute());
    expect(rest).toMatchObject({ received: 1, replayed: 1, stopped: false, runIds: ['chg-evt-lost'] });
    expect(sim.syncState.allRuns().map((run) => run.runId)).toEqual(['chg-evt-lost']);
  });
});
