import fc from 'fast-check';
import { CONTACT_KINDS, ContactKind, SyncConfigInput, syncConfigOf, targetingRulesOf } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import {
  accountId,
  GENERATED_UNITS,
  generateAccounts,
  generateStructure,
  OPT_OUT_TAG,
  randomContact,
  SeededRandom,
  seedContacts,
  SimulatedCrash,
} from '@contact-sync/simulated-aws';
import { DeployedSystem } from './deployed-system';
import { hostileDelivery } from './hostile-delivery';
import { checkInvariants, PROMISES_KEPT, settle } from './invariants';
import { JoinMethod, joinAccounts } from './joining-accounts';
import { OrganizationChanges } from './organization-changes';
import { changeOnManagement } from './scenario-run';
import { HOSTILE_TIMING } from './scenarios';

// Issue 24, part 6: the interleaving property over every input that can change, not only the
// management account's contacts. Whatever happens while changes propagate (members moved and
// retagged, announced or not, the configuration narrowed and widened, dry run switched either way,
// accounts joining, a member's admin editing its own contacts), under hostile timing and delivery,
// once the system is quiet every promise holds for every member whose changes something told the
// system (an event, a configuration change; not an unannounced move, a member's own edit or a member
// whose reads kept failing), and once one periodic resync has run, every ACTIVE member the final
// configuration, tree and tags leave in holds the management account's value of every synced kind,
// and no promise is broken (judged from outside the design: see `checkInvariants`).

const UNITS: string[] = Object.values(GENERATED_UNITS);
/** Why a member's targeting could not be read: it is then reported FAILED, never written. */
const UNREADABLE = new Set(['TAGS_UNREADABLE', 'PARENTS_UNREADABLE', 'ACCOUNT_UNREADABLE']);
const MEMBERS = { min: 6, max: 18 };

/** One thing that happens, `afterMs` after the previous one. */
type Happening =
  | { readonly what: 'MANAGEMENT'; readonly kind: ContactKind; readonly action: 'PUT' | 'DELETE' }
  | { readonly what: 'MOVE'; readonly member: number; readonly unit: number; readonly announced: boolean }
  | { readonly what: 'TAG'; readonly member: number; readonly optOut: boolean }
  | { readonly what: 'CONFIG'; readonly edit: ConfigEdit; readonly kind: ContactKind; readonly member: number; readonly unit: number }
  | { readonly what: 'JOIN'; readonly method: JoinMethod; readonly unit: number | undefined }
  | { readonly what: 'MEMBER_EDIT'; readonly member: number; readonly kind: ContactKind };

/** An operator's `config set`: each narrows or widens one thing. */
type ConfigEdit =
  | 'ENABLE_KIND'
  | 'DISABLE_KIND'
  | 'EXCLUDE_ID'
  | 'INCLUDE_ID'
  | 'EXCLUDE_OU'
  | 'INCLUDE_OU_AGAIN'
  | 'ONLY_OU'
  | 'ANY_OU'
  | 'DRY_RUN_ON'
  | 'DRY_RUN_OFF';

/** How hostile AWS is in time and delivery. */
interface Hostility {
  readonly latencyTails: boolean;
  readonly lostResponses: boolean;
  readonly clockSkew: boolean;
  readonly crashFactor: number;
  readonly sqsDuplicateRate: number;
  readonly workerConcurrency: number;
  readonly accountsPerItem: number;
  /** Organizations answers a member's tag and parent reads not found a few times (as it can for an account that just moved or joined). */
  readonly unreadablePlacement: boolean;
}

const kindArb = fc.constantFrom<ContactKind>(...CONTACT_KINDS);

const happeningArb: fc.Arbitrary<Happening> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      what: fc.constant('MANAGEMENT' as const),
      kind: kindArb,
      action: fc.constantFrom<'PUT' | 'DELETE'>('PUT', 'PUT', 'DELETE'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ what: fc.constant('MOVE' as const), member: fc.nat(), unit: fc.nat(), announced: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ what: fc.constant('TAG' as const), member: fc.nat(), optOut: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      what: fc.constant('CONFIG' as const),
      edit: fc.constantFrom<ConfigEdit>(
        'ENABLE_KIND',
        'DISABLE_KIND',
        'EXCLUDE_ID',
        'INCLUDE_ID',
        'EXCLUDE_OU',
        'INCLUDE_OU_AGAIN',
        'ONLY_OU',
        'ANY_OU',
        'DRY_RUN_ON',
        'DRY_RUN_OFF',
      ),
      kind: kindArb,
      member: fc.nat(),
      unit: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      what: fc.constant('JOIN' as const),
      method: fc.constantFrom<JoinMethod>('CREATED', 'INVITED', 'CONTROL_TOWER'),
      unit: fc.option(fc.nat(), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ what: fc.constant('MEMBER_EDIT' as const), member: fc.nat(), kind: kindArb }) },
);

const timedArb = fc.record({ afterMs: fc.integer({ min: 0, max: 90_000 }), happening: happeningArb });

/** The organization, the configuration it starts with, and a seed. */
const worldArb = fc.record({
  members: fc.integer(MEMBERS),
  kinds: fc.subarray([...CONTACT_KINDS], { minLength: 1 }),
  excludedUnits: fc.subarray(UNITS, { maxLength: 2 }),
  includedUnits: fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[]>([]) },
    { weight: 1, arbitrary: fc.subarray(UNITS, { minLength: 1, maxLength: 3 }) },
  ),
  optOutTag: fc.boolean(),
  propagateDeletions: fc.boolean(),
  dryRun: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const hostilityArb: fc.Arbitrary<Hostility> = fc.record({
  latencyTails: fc.boolean(),
  lostResponses: fc.boolean(),
  clockSkew: fc.boolean(),
  crashFactor: fc.constantFrom(0, 0, 1),
  sqsDuplicateRate: fc.constantFrom(0, 0.1),
  workerConcurrency: fc.constantFrom(1, 2, 4),
  accountsPerItem: fc.constantFrom(1, 3, 25),
  unreadablePlacement: fc.boolean(),
});

/** Builds the world, lets everything happen on it as AWS would deliver it, waits until quiet, then runs one resync until quiet. */
async function simulate(world: World, timeline: ReadonlyArray<{ afterMs: number; happening: Happening }>, h: Hostility) {
  const random = new SeededRandom(world.seed);
  const spec = { members: world.members, drift: 0.5, unset: 0.1 };
  const input: SyncConfigInput = {
    kinds: world.kinds,
    excludedOrganizationalUnits: world.excludedUnits,
    includedOrganizationalUnits: world.includedUnits.filter((u) => !world.excludedUnits.includes(u)),
    excludedTags: world.optOutTag ? [{ ...OPT_OUT_TAG }] : [],
    propagateDeletions: world.propagateDeletions,
    dryRun: world.dryRun,
  };
  const config = syncConfigOf(input);
  const sim = createSimulatedAws({
    accounts: generateAccounts(spec, random),
    seed: world.seed + 1,
    config,
    behaviour: {
      ...(h.latencyTails ? { latencyTailRate: 0.05, latencyTailMs: HOSTILE_TIMING.latencyTailMs } : {}),
      ...(h.lostResponses ? { lostResponseRate: 0.05 } : {}),
    },
  });
  seedContacts(sim.model, spec, random, sim.time.now());
  generateStructure(sim.model, new SeededRandom(world.seed + 2));
  // A quarter of the members carry the opt-out tag (excluded when the tag rule is on), so that a tag read that failed open would show.
  const startMembers = sim.model.listAccounts().filter((a) => !a.isManagement);
  for (const a of startMembers)
    if (random.next() < 0.25) sim.model.tree.setTags(a.id, { ...sim.model.tree.tagsOf(a.id), [OPT_OUT_TAG.key]: OPT_OUT_TAG.value });
  /** Accounts whose state no event tells, or whose reads failed: before the resync they may be stale (or reported FAILED). */
  const untold = new Set<string>();
  if (h.unreadablePlacement)
    for (const a of startMembers)
      if (random.next() < 0.3) {
        sim.organizationsService.answersNotFound.ListTagsForResource.set(a.id, 3);
        sim.organizationsService.answersNotFound.ListParents.set(a.id, 3);
        untold.add(a.id);
      }
  const system = new DeployedSystem(sim, config.rates, {
    ...hostileDelivery(h),
    ...(h.clockSkew ? { eventTimeSkewMs: HOSTILE_TIMING.eventTimeSkewMs } : {}),
  });
  const changes = new OrganizationChanges(sim, system);
  const members = () => sim.model.listAccounts().filter((a) => !a.isManagement);
  const member = (n: number) => members()[n % members().length]?.id as string;
  let joined = 0;
  const happen = async (happening: Happening, n: number): Promise<void> => {
    switch (happening.what) {
      case 'MANAGEMENT':
        changeOnManagement(
          { sim, random },
          system,
          happening.kind,
          `.v${n}`,
          `evt-${n}`,
          happening.kind === 'PRIMARY' ? 'PUT' : happening.action,
        );
        return;
      case 'MOVE':
        // A move no OU rule reads changes nothing the account should hold: the system rightly does nothing until the resync.
        if (!happening.announced || !targetingRulesOf(sim.syncConfig.stored.config).hasUnitRules) untold.add(member(happening.member));
        changes.move(member(happening.member), UNITS[happening.unit % UNITS.length] as string, { silently: !happening.announced });
        return;
      case 'TAG':
        if (!targetingRulesOf(sim.syncConfig.stored.config).hasTagRules) untold.add(member(happening.member));
        if (happening.optOut) changes.tag(member(happening.member), { [OPT_OUT_TAG.key]: OPT_OUT_TAG.value });
        else changes.untag(member(happening.member), [OPT_OUT_TAG.key]);
        return;
      case 'MEMBER_EDIT':
        untold.add(member(happening.member));
        changes.editOnMember(member(happening.member), happening.kind, randomContact(happening.kind, random, `.edited${n}`));
        return;
      case 'JOIN': {
        joined += 1;
        const placeIn = happening.unit === undefined ? undefined : UNITS[happening.unit % UNITS.length];
        void joinAccounts(sim, system, [
          { id: accountId(world.members + joined), method: happening.method, ...(placeIn ? { placeIn } : {}) },
        ]);
        return;
      }
      case 'CONFIG':
        // The operator's tool may die after storing (crashes are planned everywhere): the sweeper then records the runs it owed.
        await changes
          .configure((c) => edited(c, happening, member(happening.member), UNITS[happening.unit % UNITS.length] as string))
          .catch((error: unknown) => {
            if (!(error instanceof SimulatedCrash)) throw error;
          });
    }
  };
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      for (const [n, { afterMs, happening }] of timeline.entries()) {
        await sim.time.sleep(afterMs);
        await happen(happening, n);
      }
    }),
  );
  // Before the resync, every promise holds for every account whose changes were told (by an event, or a widening).
  const beforeResync = (await settle(sim, system, untold)).invariants;
  await sim.time.run(() => system.runUntilQuiet(async () => system.resync('daily-1')));
  // A member whose placement reads still failed during the resync is not written (a rule might leave
  // it out) and is reported FAILED with the reason: the promise for it is the report, not its value.
  const quiet = await settle(sim, system, new Set());
  const reportedUnreadable = new Set(
    quiet.outcomes.filter((o) => o.runId.startsWith('rec-') && UNREADABLE.has(o.errorCode ?? '')).map((o) => o.accountId),
  );
  return { beforeResync, afterResync: checkInvariants({ ...quiet, refusing: reportedUnreadable }) };
}

/** The configuration after one edit (an edit that would leave no kind synced leaves the kinds as they are). */
function edited(c: SyncConfigInput, h: Extract<Happening, { what: 'CONFIG' }>, member: string, unit: string): SyncConfigInput {
  const kinds = c.kinds ?? [...CONTACT_KINDS];
  const ids = c.excludedAccountIds ?? [];
  const excludedUnits = c.excludedOrganizationalUnits ?? [];
  const includedUnits = c.includedOrganizationalUnits ?? [];
  switch (h.edit) {
    case 'ENABLE_KIND':
      return { ...c, kinds: CONTACT_KINDS.filter((k) => k === h.kind || kinds.includes(k)) };
    case 'DISABLE_KIND':
      return kinds.length > 1 ? { ...c, kinds: kinds.filter((k) => k !== h.kind) } : c;
    case 'EXCLUDE_ID':
      return { ...c, excludedAccountIds: [...new Set([...ids, member])] };
    case 'INCLUDE_ID':
      return { ...c, excludedAccountIds: ids.slice(1) };
    case 'EXCLUDE_OU':
      return {
        ...c,
        excludedOrganizationalUnits: [...new Set([...excludedUnits, unit])],
        includedOrganizationalUnits: includedUnits.filter((u) => u !== unit),
      };
    case 'INCLUDE_OU_AGAIN':
      return { ...c, excludedOrganizationalUnits: excludedUnits.slice(1) };
    case 'ONLY_OU':
      return excludedUnits.includes(unit) ? c : { ...c, includedOrganizationalUnits: [...new Set([...includedUnits, unit])] };
    case 'ANY_OU':
      return { ...c, includedOrganizationalUnits: [] };
    case 'DRY_RUN_ON':
      return { ...c, dryRun: true };
    case 'DRY_RUN_OFF':
      return { ...c, dryRun: false };
  }
}

describe('Level-triggered convergence: whatever changes, every member the final rules leave in ends in line', () => {
  it('after quiet and one resync, no promise is broken, for every member, under hostile timing and delivery', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.array(timedArb, { minLength: 2, maxLength: 8 }), hostilityArb, async (world, timeline, hostility) => {
        const { beforeResync, afterResync } = await simulate(world, timeline, hostility);
        expect(beforeResync).toEqual(PROMISES_KEPT);
        expect(afterResync).toEqual(PROMISES_KEPT);
      }),
      { numRuns: 300 },
    );
  }, 600_000);

  // A case the property found (seed 974865467): an account joins in the root with an opt-out tag rule
  // and an excluded OU in force, and is moved into that OU a minute later, while the worker's check
  // before its BILLING write waits for a tag read. The check once read the parent before that wait and
  // let the write out two seconds after the move; it now reads the parent after the tags.
  it('does not write a joining account moved into an excluded OU while the check before its write waits for a tag read', async () => {
    const world: World = {
      members: 15,
      kinds: ['PRIMARY', 'BILLING', 'SECURITY'],
      excludedUnits: ['ou-sim0-suspended'],
      includedUnits: [],
      optOutTag: true,
      propagateDeletions: false,
      dryRun: false,
      seed: 1,
    };
    const timeline = [
      { afterMs: 52_391, happening: { what: 'MANAGEMENT', kind: 'PRIMARY', action: 'PUT' } },
      { afterMs: 576, happening: { what: 'JOIN', method: 'CREATED', unit: 1_619_007_327 } },
    ] as const;
    const hostility: Hostility = {
      latencyTails: false,
      lostResponses: true,
      clockSkew: false,
      crashFactor: 0,
      sqsDuplicateRate: 0,
      workerConcurrency: 4,
      accountsPerItem: 1,
      unreadablePlacement: true,
    };
    const { beforeResync, afterResync } = await simulate(world, timeline, hostility);
    expect(beforeResync).toEqual(PROMISES_KEPT);
    expect(afterResync).toEqual(PROMISES_KEPT);
  }, 60_000);
});
