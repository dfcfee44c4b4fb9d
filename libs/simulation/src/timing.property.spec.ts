import fc from 'fast-check';
import { CONTACT_KINDS, ContactKind, DEFAULT_LAUNCH_OPTIONS, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { generateAccounts, randomContact, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { joinAccounts } from './joining-accounts';
import { LateWritesContacts, WriteTimingHostility } from './late-writes';

/** A management change: its kind, how long after the previous one, and how far its CloudTrail `eventTime` is from the functions' clocks. */
interface TimedChange {
  readonly kind: ContactKind;
  readonly afterMs: number;
  readonly skewMs: number;
  readonly late: boolean;
}

/** The world and how hostile time is in it. */
interface TimingWorld {
  readonly members: number;
  readonly seed: number;
  readonly network: WriteTimingHostility;
  readonly workerConcurrency: number;
  readonly accountsPerItem: number;
  /** When an account joins, from the first change (its onboarding then overlaps the changes' runs); none when undefined. */
  readonly joinAfterMs?: number;
}

const MINUTE = 60_000;

const timedChangeArb: fc.Arbitrary<TimedChange> = fc.record({
  // Mostly one kind, so that runs of the same kind overlap.
  kind: fc.constantFrom<ContactKind>('SECURITY', 'SECURITY', 'SECURITY', 'BILLING'),
  afterMs: fc.integer({ min: 0, max: 90_000 }),
  // Minutes either way, and now and then a day ahead.
  skewMs: fc.constantFrom(0, 0, -10 * MINUTE, -2 * MINUTE, 2 * MINUTE, 10 * MINUTE, 24 * 60 * MINUTE),
  late: fc.boolean(),
});

/** Latency tails up to SigV4's 5 minutes, answers lost after the write took effect, and the SDK's 10 s request timeout. */
const networkArb: fc.Arbitrary<WriteTimingHostility> = fc.record({
  slowWriteRate: fc.constantFrom(0.1, 0.3, 0.6),
  maxDelayMs: fc.constantFrom(MINUTE, 5 * MINUTE),
  lostAnswerRate: fc.constantFrom(0, 0.1, 0.3),
  clientTimeoutMs: fc.constant(10_000),
});

const timingWorldArb: fc.Arbitrary<TimingWorld> = fc.record(
  {
    members: fc.integer({ min: 2, max: 10 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    network: networkArb,
    workerConcurrency: fc.constantFrom(1, 2, 4),
    accountsPerItem: fc.constantFrom(1, 3, 25),
    joinAfterMs: fc.integer({ min: 0, max: 60_000 }),
  },
  { requiredKeys: ['members', 'seed', 'network', 'workerConcurrency', 'accountsPerItem'] },
);

/** Runs the changes through the deployed system over the slow network until it is quiet. */
async function simulate(world: TimingWorld, changes: readonly TimedChange[]) {
  const random = new SeededRandom(world.seed);
  const spec = { members: world.members, drift: 0.5, unset: 0.1 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf({});
  const sim = createSimulatedAws({ accounts, seed: world.seed, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  const contacts = new LateWritesContacts(sim.contacts, sim.time, new SeededRandom(world.seed + 1), world.network);
  const system = new DeployedSystem({ ...sim, contacts }, config.rates, {
    ...AWS_DELIVERY,
    workerConcurrency: world.workerConcurrency,
    launch: { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: world.accountsPerItem },
  });
  const management = sim.model.managementAccountId;
  const joined = '999999999999';
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      if (world.joinAfterMs !== undefined)
        void sim.time.sleep(world.joinAfterMs).then(() => joinAccounts(sim, system, [{ id: joined, method: 'CREATED' }]));
      for (const [i, change] of changes.entries()) {
        await sim.time.sleep(change.afterMs);
        const now = sim.time.now();
        sim.model.write(management, change.kind, randomContact(change.kind, random, `.v${i}`), now, sim.accountService.visibleAt(now));
        const event = contactWriteEvent({
          eventId: `evt-${i}`,
          eventTime: new Date(now + change.skewMs).toISOString(),
          eventName: 'PutAlternateContact',
          alternateContactType: change.kind as Exclude<ContactKind, 'PRIMARY'>,
          managementAccountId: management,
        });
        if (change.late) void sim.time.sleep(2 * MINUTE).then(() => system.deliverEvent(event));
        else system.deliverEvent(event);
      }
    }),
  );
  const quiet = await settle(sim, system, new Set());
  const members = sim.model
    .listAccounts()
    .filter((a) => !a.isManagement)
    .map((a) => a.id);
  // Every changed kind on every member, and every kind on the account that joined, against the management account's final value.
  const stale: string[] = [];
  for (const id of members) {
    const kinds = id === joined ? CONTACT_KINDS : [...new Set(changes.map((c) => c.kind))];
    for (const kind of kinds)
      if (JSON.stringify(sim.model.settled(id, kind)) !== JSON.stringify(sim.model.settled(management, kind))) stale.push(`${id}#${kind}`);
  }
  return { invariants: quiet.invariants, stale, contacts };
}

describe('No promise rests on a guess about time: latency tails, lost answers and skewed event times', () => {
  it('once quiet, every member holds the management account’s latest value of every changed kind, and the joined account of every kind', async () => {
    await fc.assert(
      fc.asyncProperty(timingWorldArb, fc.array(timedChangeArb, { minLength: 1, maxLength: 4 }), async (world, changes) => {
        const r = await simulate(world, changes);
        expect(r.stale).toEqual([]);
        expect(r.invariants).toEqual(PROMISES_KEPT);
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
