import fc from 'fast-check';
import {
  AccountState,
  DEFAULT_LAUNCH_OPTIONS,
  MemberAccount,
  syncConfigOf,
  SyncConfigInput,
  TARGETING_SKIP_REASONS,
} from '@contact-sync/domain';
import { organizationArb, targetingInputArb, treeArb, TreeSpec } from '@contact-sync/domain/testing';
import { createSimulatedAws } from '@contact-sync/composition';
import { OrganizationModel, randomContact, SeededRandom } from '@contact-sync/simulated-aws';
import { DeployedSystem } from './deployed-system';
import { hostileDelivery } from './hostile-delivery';
import { PROMISES_KEPT, settle } from './invariants';
import { changeOnManagement } from './scenario-run';
import { expectedTargeting } from './targeting-check';

/** Mostly ACTIVE members: the others are never targeted. */
const memberStateArb = fc.constantFrom<AccountState>('ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE');

/** An organization, its tree of OUs with accounts and tags in it, and targeting rules over them. */
const worldArb = organizationArb(14)
  .filter((accounts) => accounts.length >= 3)
  .chain((accounts) =>
    fc
      .array(memberStateArb, { minLength: accounts.length, maxLength: accounts.length })
      .map((states) => accounts.map((a, i): MemberAccount => (a.isManagement ? a : { ...a, state: states[i] as AccountState }))),
  )
  .chain((accounts) => {
    const members = accounts.filter((a) => !a.isManagement).map((a) => a.id);
    return treeArb(members).chain((tree) =>
      fc.record({
        accounts: fc.constant(accounts),
        tree: fc.constant(tree),
        rules: targetingInputArb(tree, members),
        seed: fc.integer({ min: 1, max: 1_000_000 }),
      }),
    );
  });
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

/** How hostile delivery is: redelivery, crashes anywhere, small items, launches cut into many slices, throttled tag reads. */
const hostilityArb = fc.record({
  crashFactor: fc.constantFrom(0, 1, 3),
  sqsDuplicateRate: fc.constantFrom(0, 0.1, 0.5),
  eventTwice: fc.boolean(),
  workerConcurrency: fc.constantFrom(1, 2, 4),
  accountsPerItem: fc.constantFrom(1, 3, 25),
  sliceMs: fc.constantFrom(DEFAULT_LAUNCH_OPTIONS.sliceMs, 300),
  tagReadsPerSecond: fc.constantFrom(5, 0.5),
});
type Hostility = typeof hostilityArb extends fc.Arbitrary<infer T> ? T : never;

function buildTree(model: OrganizationModel, tree: TreeSpec): void {
  for (const unit of tree.units) model.tree.addUnit(unit.id, unit.parent);
  for (const [id, unit] of Object.entries(tree.placement)) if (unit) model.tree.place(id, unit);
  for (const [id, tags] of Object.entries(tree.tags)) model.tree.setTags(id, tags);
}

/** One SECURITY change (a new value, so that every targeted member needs a write), delivered to the deployed system as hostile as told. */
async function simulate(world: World, hostility: Hostility) {
  const random = new SeededRandom(world.seed);
  const input: SyncConfigInput = { ...world.rules, kinds: ['SECURITY'] };
  const config = syncConfigOf(input);
  const sim = createSimulatedAws({
    accounts: world.accounts,
    seed: world.seed,
    config,
    organizations: { tagReads: { ratePerSecond: hostility.tagReadsPerSecond, burst: 1 } },
  });
  buildTree(sim.model, world.tree);
  for (const account of world.accounts) sim.model.write(account.id, 'SECURITY', randomContact('SECURITY', random, '.old'), sim.time.now());
  const system = new DeployedSystem(sim, config.rates, { ...hostileDelivery(hostility), eventDuplicateRate: 0 });
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      const event = changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1');
      if (hostility.eventTwice) system.deliverEvent(event);
    }),
  );
  return { sim, system, config, quiet: await settle(sim, system, new Set()) };
}

const TARGETING = new Set<string>(TARGETING_SKIP_REASONS);

describe('Targeting by id, OU and tag under hostile delivery (redelivery, crashes, sliced launches)', () => {
  it('writes exactly the targeted members, and every member left out carries the reason and rule its id, OUs and tags give', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, hostilityArb, async (world, hostility) => {
        const { sim, system, config, quiet } = await simulate(world, hostility);
        expect(quiet.invariants).toEqual(PROMISES_KEPT);
        const members = world.accounts.filter((a) => !a.isManagement && a.state === 'ACTIVE');
        const expected = new Map(members.map((a) => [a.id, expectedTargeting(config, sim.model.tree, a.id)]));
        const targeted = members.filter((a) => expected.get(a.id)?.reason === undefined).map((a) => a.id);
        // Every targeted member needed a write (the value is new): the accounts written are exactly the targeted ones.
        expect([...new Set(system.applied.map((w) => w.accountId))].sort()).toEqual(targeted.sort());
        const [run] = quiet.runs;
        for (const a of members) {
          const want = expected.get(a.id);
          const outcome = quiet.outcomes.find((o) => o.runId === run?.runId && o.accountId === a.id);
          if (want?.reason === undefined) expect(outcome?.status).toBe('UPDATED');
          else expect(outcome).toMatchObject({ status: 'SKIPPED', skipReason: want.reason, ...(want.rule ? { skipRule: want.rule } : {}) });
          // The audit says why too.
          const entry = sim.auditLog.all().find((e) => e.runId === run?.runId && e.accountId === a.id);
          expect(entry?.detail).toBe(want?.reason === undefined ? 'PUT' : want.rule ? `${want.reason} ${want.rule}` : want.reason);
        }
        const report = run?.report;
        const skipped = quiet.outcomes.filter((o) => TARGETING.has(o.skipReason ?? '')).length;
        expect(Object.values(report?.skippedBy ?? {}).reduce((n, c) => n + c, 0)).toBe(skipped);
        // Organizations: the tree is walked only with OU rules (never ListAccounts then), ListParents only
        // with them (before each write, and for the accounts a verification of writes in doubt names),
        // tags are read only with tag rules, never for a member its id or OUs leave out; when no
        // environment dies, once for a member not written, and once more before each write of one written.
        const calls = sim.organizationsService.calls;
        const unitRules = config.excludedOrganizationalUnits.length + config.includedOrganizationalUnits.length > 0;
        const tagRules = config.excludedTags.length + config.includedTags.length > 0;
        if (!unitRules) expect(calls.ListParents).toBe(0);
        // Every write the API applied passed a check that read the member's parent first.
        else expect(calls.ListParents).toBeGreaterThanOrEqual(system.applied.length);
        expect(calls.ListAccountsForParent > 0).toBe(unitRules);
        expect(sim.organizationsService.listAccountsCalls > 0).toBe(!unitRules);
        if (!tagRules) expect(calls.ListTagsForResource).toBe(0);
        for (const [id, reads] of sim.organizationsService.tagsRead) {
          expect(['EXCLUDED_BY_ID', 'EXCLUDED_BY_OU', 'NOT_IN_INCLUDED_OU']).not.toContain(expected.get(id)?.reason);
          const writes = system.applied.filter((w) => w.accountId === id).length;
          if (hostility.crashFactor === 0 && writes === 0) expect(reads).toBe(1);
          else if (hostility.crashFactor === 0) expect(reads).toBeGreaterThanOrEqual(1 + writes);
        }
      }),
      { numRuns: 120 },
    );
  }, 180_000);
});
