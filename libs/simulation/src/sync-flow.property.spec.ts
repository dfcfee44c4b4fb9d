import fc from 'fast-check';
import {
  ConvergeConfiguration,
  DomainError,
  AccountState,
  CONTACT_KINDS,
  AUDIT_RETENTION_DAYS,
  ContactKind,
  MemberAccount,
  syncConfigOf,
  SyncConfig,
  SyncConfigInput,
} from '@contact-sync/domain';
import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import { OrganizationModel, randomContact, SeededRandom, SimulatedCrash, StoredContact } from '@contact-sync/simulated-aws';
import { contactWriteEvent, kindsArb, organizationArb } from '@contact-sync/domain/testing';
import { DeployedSystem } from './deployed-system';
import { hostileDelivery } from './hostile-delivery';
import { PROMISES_KEPT, settle } from './invariants';

/** A change on the management account: which kind, set or deleted, how long after the previous one, and how EventBridge delivers it. */
interface ChangeStep {
  readonly kind: ContactKind;
  readonly action: 'PUT' | 'DELETE';
  readonly afterMs: number;
  readonly delivery: 'ONCE' | 'TWICE' | 'LATE';
}

/** Something an operator or the organization does while runs are in flight, `afterMs` from the first change. */
interface Disturbance {
  readonly afterMs: number;
  readonly what: 'SUSPEND_MEMBER' | 'EXCLUDE_MEMBER' | 'DISABLE_KIND' | 'DRY_RUN';
  /** Which member (modulo the members), or which kind. */
  readonly member: number;
  readonly kind: ContactKind;
}

/** How hostile the world is. */
interface Hostility {
  readonly transientErrorRate: number;
  readonly spuriousThrottleRate: number;
  readonly deniedFraction: number;
  readonly sqsDuplicateRate: number;
  /** Multiplies every crash rate of the crash scenario (0: no crashes). */
  readonly crashFactor: number;
  readonly workerConcurrency: number;
  /** Writes paced far below the quotas, so that items last minutes and runs of a kind overlap inside them. */
  readonly slowWrites: boolean;
  /** Small items make many per run, which SQS hands out in any order, across runs too. */
  readonly accountsPerItem: number;
}

/** Mostly ACTIVE members (the others are never targeted), so that runs have work to overlap. */
const memberStateArb = fc.constantFrom<AccountState>(
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'ACTIVE',
  'SUSPENDED',
  'PENDING_CLOSURE',
  'CLOSED',
  'PENDING_ACTIVATION',
);
const busyOrganizationArb = organizationArb(16)
  .filter((accounts) => accounts.length >= 4)
  .chain((accounts) =>
    fc
      .array(memberStateArb, { minLength: accounts.length, maxLength: accounts.length })
      .map((states) => accounts.map((a, i) => (a.isManagement ? a : { ...a, state: states[i] as AccountState }))),
  );

/** A generated organization, a config over it, and a seed. */
const worldArb = busyOrganizationArb.chain((accounts) =>
  fc.record({
    accounts: fc.constant(accounts),
    excluded: fc.subarray(
      accounts.filter((a) => !a.isManagement).map((a) => a.id),
      { maxLength: Math.min(3, accounts.length - 1) },
    ),
    // Mostly every kind, so that most changes are synced.
    kinds: fc.oneof({ arbitrary: fc.constant([...CONTACT_KINDS]), weight: 3 }, { arbitrary: kindsArb, weight: 1 }),
    propagateDeletions: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    drift: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const changeStepArb: fc.Arbitrary<ChangeStep> = fc
  .record({
    // Mostly one kind, so that runs of the same kind overlap.
    kind: fc.constantFrom<ContactKind>('SECURITY', 'SECURITY', 'SECURITY', 'BILLING', 'PRIMARY'),
    action: fc.constantFrom<'PUT' | 'DELETE'>('PUT', 'PUT', 'DELETE'),
    afterMs: fc.integer({ min: 0, max: 30_000 }),
    delivery: fc.constantFrom<ChangeStep['delivery']>('ONCE', 'ONCE', 'TWICE', 'LATE'),
  })
  .map((step) => (step.kind === 'PRIMARY' ? { ...step, action: 'PUT' as const } : step));

const hostilityArb: fc.Arbitrary<Hostility> = fc.record({
  transientErrorRate: fc.constantFrom(0, 0.05, 0.2),
  spuriousThrottleRate: fc.constantFrom(0, 0.1),
  deniedFraction: fc.constantFrom(0, 0.2),
  sqsDuplicateRate: fc.constantFrom(0, 0.1, 0.5),
  crashFactor: fc.constantFrom(0, 1, 3),
  workerConcurrency: fc.constantFrom(1, 2, 4),
  slowWrites: fc.boolean(),
  accountsPerItem: fc.constantFrom(1, 3, 25),
});

const disturbanceArb: fc.Arbitrary<Disturbance> = fc.record({
  afterMs: fc.integer({ min: 0, max: 120_000 }),
  what: fc.constantFrom<Disturbance['what']>('SUSPEND_MEMBER', 'EXCLUDE_MEMBER', 'DISABLE_KIND', 'DRY_RUN'),
  member: fc.nat(),
  kind: fc.constantFrom<ContactKind>(...CONTACT_KINDS),
});

const CALM: Hostility = {
  transientErrorRate: 0,
  spuriousThrottleRate: 0,
  deniedFraction: 0,
  sqsDuplicateRate: 0,
  crashFactor: 0,
  workerConcurrency: 2,
  slowWrites: false,
  accountsPerItem: 25,
};
/** Slow writes, yet not slower than a work item can be finished at (the configuration refuses less than 0.22 a second). */
const SLOW = { ratePerSecond: 0.25, burst: 1 };

/** Builds the world, makes the changes on the management account, delivers their events as told, and runs the deployed system until it is quiet. */
async function simulate(world: World, steps: readonly ChangeStep[], hostility: Hostility, disturbances: readonly Disturbance[] = []) {
  const random = new SeededRandom(world.seed);
  const denied = new Set(world.accounts.filter((a) => !a.isManagement && random.next() < hostility.deniedFraction).map((a) => a.id));
  const slow = hostility.slowWrites
    ? { rates: { PutContactInformation: SLOW, PutAlternateContact: SLOW, DeleteAlternateContact: SLOW } }
    : {};
  const input: SyncConfigInput = {
    kinds: [...world.kinds],
    excludedAccountIds: world.excluded,
    propagateDeletions: world.propagateDeletions,
    ...slow,
  };
  const config = syncConfigOf(input);
  const sim = createSimulatedAws({
    accounts: world.accounts,
    seed: world.seed,
    config,
    behaviour: {
      transientErrorRate: hostility.transientErrorRate,
      spuriousThrottleRate: hostility.spuriousThrottleRate,
      accessDeniedAccounts: denied,
    },
  });
  const management = sim.model.managementAccountId;
  for (const account of world.accounts) {
    for (const kind of CONTACT_KINDS) {
      if (!account.isManagement && random.next() < world.drift) continue;
      sim.model.write(
        account.id,
        kind,
        randomContact(kind, random, account.isManagement ? '' : `.${account.id.slice(-3)}`),
        sim.time.now(),
      );
    }
  }
  // Every caller the store told it won a run's finish, counted where the deployed code meets the store.
  const finishers = new Map<string, number>();
  const claimFinish = sim.syncState.claimFinish.bind(sim.syncState);
  sim.syncState.claimFinish = async (runId, claimant) => {
    const won = await claimFinish(runId, claimant);
    if (won) finishers.set(runId, (finishers.get(runId) ?? 0) + 1);
    return won;
  };
  const before = snapshot(sim.model, world.accounts);
  const system = new DeployedSystem(sim, config.rates, hostileDelivery(hostility));
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      for (const d of disturbances) void sim.time.sleep(d.afterMs).then(() => disturb(sim, system, world, d));
      for (const [i, step] of steps.entries()) {
        await sim.time.sleep(step.afterMs);
        const now = sim.time.now();
        sim.model.write(
          management,
          step.kind,
          step.action === 'PUT' ? randomContact(step.kind, random, `.v${i}`) : undefined,
          now,
          sim.accountService.visibleAt(now),
        );
        const eventName =
          step.action === 'DELETE' ? 'DeleteAlternateContact' : step.kind === 'PRIMARY' ? 'PutContactInformation' : 'PutAlternateContact';
        const event = contactWriteEvent({
          eventId: `evt-${i}`,
          eventTime: new Date(now).toISOString(),
          eventName,
          alternateContactType: step.kind === 'PRIMARY' ? undefined : step.kind,
          managementAccountId: management,
        });
        if (step.delivery === 'LATE') void sim.time.sleep(120_000).then(() => system.deliverEvent(event));
        else system.deliverEvent(event);
        if (step.delivery === 'TWICE') system.deliverEvent(event);
      }
    }),
  );
  const quiet = await settle(sim, system, denied);
  return {
    sim,
    management,
    before,
    after: snapshot(sim.model, world.accounts),
    runs: quiet.runs,
    outcomes: quiet.outcomes,
    invariants: quiet.invariants,
    applied: system.applied,
    denied,
    finalConfig: quiet.config,
    finishers,
  };
}

/** A member suspended, or the configuration narrowed as an operator does it (`config set`: these changes widen nothing, so no run is recorded). */
async function disturb(sim: SimulatedAws, system: DeployedSystem, world: World, d: Disturbance): Promise<void> {
  const members = world.accounts.filter((a) => !a.isManagement);
  const member = members[d.member % members.length];
  if (d.what === 'SUSPEND_MEMBER') {
    if (member) sim.model.setState(member.id, 'SUSPENDED');
    return;
  }
  // Two operators may store at once: the one refused with CONFLICT loads the new version and applies its change again, as `config set` asks.
  for (let attempt = 0; ; attempt += 1) {
    const loaded = await sim.syncConfig.load();
    const config = loaded.config;
    const changed =
      d.what === 'EXCLUDE_MEMBER'
        ? { ...config, excludedAccountIds: member ? [...config.excludedAccountIds, member.id] : config.excludedAccountIds }
        : d.what === 'DISABLE_KIND'
          ? { ...config, kinds: config.kinds.length > 1 ? config.kinds.filter((k) => k !== d.kind) : config.kinds }
          : { ...config, dryRun: true };
    // The operator's tool may die after storing (crashes are planned everywhere): the sweeper then records a run of every synced kind.
    const stored = await system
      .operatorContainer()
      .get(ConvergeConfiguration)
      .apply(syncConfigOf(changed), loaded, 'operator')
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof SimulatedCrash) return true;
          if (error instanceof DomainError && error.code === 'CONFLICT' && attempt < 3) return false;
          throw error;
        },
      );
    if (stored) return;
  }
}

function snapshot(model: OrganizationModel, accounts: readonly MemberAccount[]): Map<string, StoredContact | undefined> {
  return new Map(accounts.flatMap((a) => CONTACT_KINDS.map((k) => [`${a.id}#${k}`, model.settled(a.id, k)] as const)));
}

const eligible = (world: World, config: SyncConfig, model: OrganizationModel) =>
  world.accounts
    .filter((a) => !a.isManagement && model.account(a.id)?.state === 'ACTIVE' && !config.excludedAccountIds.includes(a.id))
    .map((a) => a.id);

describe('Delivery correctness: overlapping changes, redelivery, reordering, crashes and faults lose nothing', () => {
  it('once quiet, every targeted account holds the latest value, every run is finished and notified, and the audit matches the writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArb,
        fc.array(changeStepArb, { minLength: 2, maxLength: 6 }),
        hostilityArb,
        fc.array(disturbanceArb, { maxLength: 2 }),
        async (world, steps, hostility, disturbances) => {
          const r = await simulate(world, steps, hostility, disturbances);
          // Every promise, wronglyWritten included: the rules are read again immediately before each write,
          // so a member excluded, a kind disabled or dry run switched on mid-run stops the writes of the
          // items already being worked too (issue 24).
          expect(r.invariants).toEqual(PROMISES_KEPT);
          // At most one worker or launcher of a run is ever told to finish it, whatever crashed or ran at once.
          expect([...r.finishers].filter(([, n]) => n > 1)).toEqual([]);
          if (r.finalConfig.dryRun) return;
          const wantedKinds = new Set(steps.map((s) => s.kind).filter((k) => r.finalConfig.kinds.includes(k)));
          for (const kind of wantedKinds) {
            const wanted = JSON.stringify(r.sim.model.settled(r.management, kind));
            for (const id of eligible(world, r.finalConfig, r.sim.model)) {
              if (r.denied.has(id)) continue;
              const current = r.after.get(`${id}#${kind}`);
              if (!(wanted === undefined && !world.propagateDeletions && current !== undefined))
                expect(JSON.stringify(current)).toBe(wanted);
            }
          }
        },
      ),
      // Not pinned: each run draws new worlds (fast-check prints the seed and path of a failure). Seed
      // -1767213468 found a run given up while it held its kind (crashes at 3 times the crash scenario's
      // rates), which left 3 members stale until the sweeper learned to carry such kinds on.
      { numRuns: 200 },
    );
  }, 300_000);
});

describe('Property 2: propagation consistency', () => {
  it("after one change every targeted account's changed kind equals the management account's, and nothing else was written", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, changeStepArb, async (world, step) => {
        const r = await simulate(world, [{ ...step, delivery: 'ONCE' }], CALM);
        const targeted = world.kinds.includes(step.kind) ? eligible(world, r.finalConfig, r.sim.model) : [];
        const wanted = JSON.stringify(r.sim.model.settled(r.management, step.kind));
        for (const id of targeted) {
          const current = r.after.get(`${id}#${step.kind}`);
          const deletionKept = current !== undefined && wanted === undefined && !world.propagateDeletions;
          if (!deletionKept) expect(JSON.stringify(current)).toBe(wanted);
        }
        for (const [key, value] of r.after) {
          const [id, kind] = key.split('#');
          if (id !== r.management && !(kind === step.kind && targeted.includes(id as string))) expect(value).toEqual(r.before.get(key));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('Property 5: audit logging', () => {
  it('every outcome has exactly one audit entry, without personal data, expiring 90 days after it was written; every write kept the previous value sealed', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.array(changeStepArb, { minLength: 1, maxLength: 3 }), hostilityArb, async (world, steps, hostility) => {
        const r = await simulate(world, steps, hostility);
        const entries = r.sim.auditLog.all();
        expect(entries).toHaveLength(r.outcomes.length);
        for (const o of r.outcomes) {
          const matching = entries.filter((e) => e.runId === o.runId && e.accountId === o.accountId && e.kind === o.kind);
          expect(matching).toHaveLength(1);
          expect(matching[0]?.status).toBe(o.status);
          expect(matching[0]?.expiresAt).toBe(Math.floor(Date.parse(o.at) / 1000) + AUDIT_RETENTION_DAYS * 86_400);
          expect(JSON.stringify(matching[0])).not.toMatch(/@example\.com|\+1 206/);
        }
        // Every write kept the member's previous value (crashes, redelivery and all), sealed: never in the clear.
        const kept = r.sim.previousValues.all();
        for (const o of r.outcomes.filter((u) => u.status === 'UPDATED'))
          expect(kept.some((k) => k.runId === o.runId && k.accountId === o.accountId && k.kind === o.kind)).toBe(true);
        expect(JSON.stringify(kept)).not.toMatch(/@example\.com|\+1 206|Example/);
        expect(JSON.stringify(r.sim.logger.records)).not.toMatch(/@example\.com|\+1 206/);
        r.sim.time.advance(AUDIT_RETENTION_DAYS * 86_400_000);
        expect((await r.sim.auditLog.query({ limit: 1000 })).entries).toHaveLength(0);
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});

describe('Property 8: status reporting completeness', () => {
  it('every run ends with a report whose counts add up to its targets, and every failure carries its reason', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.array(changeStepArb, { minLength: 1, maxLength: 3 }), hostilityArb, async (world, steps, hostility) => {
        const r = await simulate(world, steps, hostility);
        for (const run of r.runs) {
          const report = run.report;
          expect(run.status).toBe('FINISHED');
          if (!report) throw new Error('a finished run has a report');
          expect(report.updated + report.unchanged + report.skipped + report.superseded + report.failed).toBe(report.targeted);
          expect(report.missing).toBe(0);
          expect(report.failures).toHaveLength(report.failed);
          for (const failure of report.failures) expect(failure.errorCode).toMatch(/^[A-Z_]+$/);
          const bad = report.failed;
          expect(report.status).toBe(
            bad === 0 ? (report.superseded > 0 ? 'SUPERSEDED' : 'SUCCEEDED') : bad === report.targeted ? 'FAILED' : 'PARTIAL',
          );
        }
        expect(r.sim.notifier.sent.length).toBeGreaterThanOrEqual(r.runs.length);
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
