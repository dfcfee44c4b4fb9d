import { contactWriteEvent, newAccountEvent } from '@contact-sync/domain/testing';
import { MAX_REPLAY_ATTEMPTS, ReplayFailedEvents, syncConfigOf } from '@contact-sync/domain';
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

describe('replaying failed events never starves a good change (issue 24)', () => {
  it('150 older changes ahead of a good one: the good change starts by the second sweep, the older ones answered STALE without the fence', async () => {
    const { sim, system } = world();
    const management = sim.model.managementAccountId;
    const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 8, 0, second)).toISOString();
    for (let n = 0; n < 150; n += 1)
      system.failedEvents.add(
        contactWriteEvent({
          eventId: `evt-old-${n}`,
          alternateContactType: 'SECURITY',
          managementAccountId: management,
          eventTime: at(n),
        }),
      );
    system.failedEvents.add(
      contactWriteEvent({ eventId: 'evt-good', alternateContactType: 'SECURITY', managementAccountId: management, eventTime: at(3600) }),
    );
    const startedAt = sim.time.now();
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    const r = await settle(sim, system, new Set());
    expect(r.invariants).toEqual(PROMISES_KEPT);
    const good = r.runs.find((run) => run.runId === 'chg-evt-good');
    // A sweep replays REPLAY_PER_SWEEP (100) events, newest change first: the good one, 151st, starts in the second sweep
    // (10 minutes in), not 2.5 hours of fences later; of the older ones only the newest of the first sweep's ran.
    expect(Date.parse(good?.startedAt ?? '') - startedAt).toBeLessThanOrEqual(2 * AWS_DELIVERY.sweepIntervalMs + 60_000);
    expect(r.runs.filter((run) => run.runId.startsWith('chg-evt-old')).length).toBeLessThanOrEqual(1);
    expect(r.runs.find((run) => run.runId.startsWith('chg-evt-old'))?.report?.status ?? 'SUPERSEDED').toMatch(/SUCCEEDED|SUPERSEDED/);
    expect(system.failedEvents.size).toBe(0);
  });

  it('120 events that fail on every replay do not starve a good change behind them, and are dead-lettered after the last try, with the reason logged', async () => {
    const { sim, system } = world();
    const management = sim.model.managementAccountId;
    // A joining account whose description always fails: its replay throws every time.
    // (The service's DescribeAccount, which every function's own organization adapter asks.)
    const failing = sim.organizationsService;
    const describe = failing.describeAccount.bind(failing);
    failing.describeAccount = async (request, caller) =>
      request.AccountId?.startsWith('9999') ? Promise.reject(new Error('Organizations is down for it')) : describe(request, caller);
    for (let n = 0; n < 120; n += 1)
      system.failedEvents.add(
        newAccountEvent({
          eventName: 'AccountJoinedOrganization',
          accountId: `9999000${String(n).padStart(5, '0')}`,
          eventId: `evt-bad-${n}`,
        }),
      );
    system.failedEvents.add(contactWriteEvent({ eventId: 'evt-good', alternateContactType: 'SECURITY', managementAccountId: management }));
    const startedAt = sim.time.now();
    await sim.time.run(() => system.runUntilQuiet(async () => undefined));
    const r = await settle(sim, system, new Set());
    expect(r.invariants).toEqual(PROMISES_KEPT);
    const good = r.runs.find((run) => run.runId === 'chg-evt-good');
    expect(Date.parse(good?.startedAt ?? '') - startedAt).toBeLessThanOrEqual(3 * AWS_DELIVERY.sweepIntervalMs);
    expect(system.failedEvents.size).toBe(0);
    expect(system.failedEvents.deadLetters).toHaveLength(120);
    const givenUp = sim.logger.records.filter((e) => e.message.startsWith('replayed event failed on its last try'));
    expect(givenUp).toHaveLength(120);
    // The deployed organization adapter's error, as the deployed function logs it.
    expect(givenUp[0]?.fields).toMatchObject({ receives: MAX_REPLAY_ATTEMPTS, reason: 'AwsAdapterError' });
  });
});
