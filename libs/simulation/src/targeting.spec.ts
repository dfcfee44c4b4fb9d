import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulatedAws } from '@contact-sync/composition';
import { DEFAULT_LAUNCH_OPTIONS, parseSyncConfig, Reconcile, syncConfigOf, SyncConfig } from '@contact-sync/domain';
import { newAccountEvent } from '@contact-sync/domain/testing';
import {
  DEFAULT_ORGANIZATION,
  GENERATED_UNITS,
  generateAccounts,
  generateStructure,
  OPT_OUT_TAG,
  OrganizationTree,
  SeededRandom,
  seedContacts,
  teamUnitId,
} from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, promisesOf, settle } from './invariants';
import { changeOnManagement } from './scenario-run';
import { CRASH_RATES } from './scenarios';
import { runSimulation } from './simulation';
import { expectedTargeting, mistargeted } from './targeting-check';

/** The README's example configuration, as the simulator's --config reads it. */
function readExample(): SyncConfig {
  const parsed = parseSyncConfig(JSON.parse(readFileSync(join(__dirname, '../../../docs/examples/targeting-config.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`docs/examples/targeting-config.json: ${parsed.error.message}`);
  return parsed.value;
}

const EXAMPLE = readExample();

describe('the README example configuration: an OU, a tag and an id excluded', () => {
  it('change-security skips exactly those members, each with its reason, at a tree walk per OU, one tag read per member, and a parent and tag read before each write', async () => {
    const r = await runSimulation({
      scenario: 'change-security',
      organization: { ...DEFAULT_ORGANIZATION, members: 2000 },
      seed: 42,
      config: EXAMPLE,
    });
    expect(promisesOf(r)).toEqual(PROMISES_KEPT);
    expect(Object.keys(r.skippedBy)).toEqual([
      'EXCLUDED_BY_ID',
      `EXCLUDED_BY_OU ${GENERATED_UNITS.sandboxes}`,
      `EXCLUDED_BY_TAG ${OPT_OUT_TAG.key}=${OPT_OUT_TAG.value}`,
    ]);
    expect(r.updated).toBe(r.eligible);
    // The tree instead of ListAccounts; tags read once for each member its id and OUs leave in. Before
    // each write (one per member written here), the member's parent and tags are read again; the OUs
    // above a parent only the first time a worker meets it (OUs never move).
    expect(r.apiCalls['ListAccounts']).toBe(0);
    expect(r.apiCalls['ListParents']).toBeGreaterThanOrEqual(r.updated);
    expect(r.apiCalls['ListParents']).toBeLessThan(r.updated + 200);
    expect(r.apiCalls['ListTagsForResource']).toBe(
      r.eligible + (r.skippedBy[`EXCLUDED_BY_TAG ${OPT_OUT_TAG.key}=${OPT_OUT_TAG.value}`] ?? 0) + r.updated,
    );
    // 8 OUs and 2 team OUs per 250 members, each with at least one page of accounts and one of OUs.
    const parents = 1 + 8 + 2 * 8;
    expect(r.apiCalls['ListOrganizationalUnitsForParent']).toBeGreaterThanOrEqual(parents);
    expect(r.apiCalls['ListOrganizationalUnitsForParent']).toBeLessThan(parents * 1.5);
    expect(r.apiCalls['ListAccountsForParent']).toBeLessThan(parents + 2000 / 20 + parents);
  });

  it.each([21, 22])('crash, seed %i: environments die at every step and the targeting still holds', async (seed) => {
    const r = await runSimulation({ scenario: 'crash', organization: { ...DEFAULT_ORGANIZATION, members: 600 }, seed, config: EXAMPLE });
    expect(r.crashes).toBeGreaterThan(0);
    expect(promisesOf(r)).toEqual(PROMISES_KEPT);
    expect(r.updated).toBe(r.eligible);
  });
});

/** The generated organization (seeded), a configuration, and the deployed system to carry SECURITY changes. */
function world(config: SyncConfig, members: number, launch = DEFAULT_LAUNCH_OPTIONS, crashes = false) {
  const random = new SeededRandom(31);
  const spec = { ...DEFAULT_ORGANIZATION, members };
  const sim = createSimulatedAws({ accounts: generateAccounts(spec, random), seed: 32, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  generateStructure(sim.model, new SeededRandom(33));
  const system = new DeployedSystem(sim, config.rates, { ...AWS_DELIVERY, launch, ...(crashes ? { crashRates: CRASH_RATES } : {}) });
  let changes = 0;
  const change = (action: 'PUT' | 'DELETE' = 'PUT') => {
    changes += 1;
    changeOnManagement({ sim, random }, system, 'SECURITY', `.v${changes}`, `evt-${changes}`, action);
  };
  return { sim, system, change };
}

describe('accounts that move between OUs or change tags', () => {
  it('are picked up by the next run and by a plan, and a move into an excluded OU deletes nothing', async () => {
    const config = syncConfigOf({ ...EXAMPLE, kinds: ['SECURITY'], propagateDeletions: true });
    const { sim, system, change } = world(config, 200);
    const tree = sim.model.tree;
    const active = (id: string) => sim.model.account(id)?.state === 'ACTIVE';
    const targetedNow = (id: string) => expectedTargeting(config, tree, id).reason === undefined;
    const workload = tree.accountsUnder(teamUnitId('prod', 1)).filter((id) => active(id) && targetedNow(id));
    const sandboxed = tree.accountsUnder(GENERATED_UNITS.sandboxes).filter(active);
    const [intoSandbox, retagged] = workload as [string, string];
    const outOfSandbox = sandboxed[0] as string;
    let first: unknown;
    let details: Map<string, string | undefined> = new Map();
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        change('PUT');
        while (sim.syncState.allRuns().length === 0 || (await sim.syncState.listOpenRuns()).length > 0) await sim.time.sleep(60_000);
        sim.time.advance(10_000);
        first = sim.model.settled(sim.model.managementAccountId, 'SECURITY');
        expect(sim.model.settled(intoSandbox, 'SECURITY')).toEqual(first);
        expect(sim.model.settled(outOfSandbox, 'SECURITY')).not.toEqual(first);

        tree.place(intoSandbox, GENERATED_UNITS.hackathons);
        tree.place(outOfSandbox, teamUnitId('dev', 1));
        tree.setTags(retagged, { ...tree.tagsOf(retagged), [OPT_OUT_TAG.key]: OPT_OUT_TAG.value });
        const plan = await system.operatorContainer().get(Reconcile).execute({ dryRun: true, runId: 'plan', initiator: 'test' });
        if (plan.status !== 'PLANNED') throw new Error('a dry run plans');
        details = new Map(plan.plan.entries.map((e) => [e.accountId, e.action === 'SKIP' ? e.detail : e.action]));
        // The management account deletes its SECURITY contact, and deletions are propagated: not to the accounts now left out.
        change('DELETE');
      }),
    );
    expect(details.get(intoSandbox)).toBe(`EXCLUDED_BY_OU ${GENERATED_UNITS.sandboxes}`);
    expect(details.get(retagged)).toBe(`EXCLUDED_BY_TAG ${OPT_OUT_TAG.key}=${OPT_OUT_TAG.value}`);
    expect(details.get(outOfSandbox)).toBe('PUT');
    const quiet = await settle(sim, system, new Set());
    const second = quiet.runs.find((run) => run.eventId === 'evt-2');
    // The first run's targeting was right for the tree as it was then: only the second is held to the tree as it is now.
    expect(quiet.invariants).toEqual({ ...PROMISES_KEPT, mistargeted: quiet.invariants.mistargeted });
    const secondOutcomes = quiet.outcomes.filter((o) => o.runId === second?.runId);
    expect(
      mistargeted(
        [config],
        tree,
        secondOutcomes,
        system.applied.filter((w) => w.runId === second?.runId),
      ),
    ).toBe(0);
    expect(sim.model.settled(intoSandbox, 'SECURITY')).toEqual(first);
    expect(sim.model.settled(retagged, 'SECURITY')).toEqual(first);
    expect(sim.model.settled(outOfSandbox, 'SECURITY')).toBeUndefined();
    expect(sim.model.settled(workload[2] as string, 'SECURITY')).toBeUndefined();
    const outcome = (id: string) => secondOutcomes.find((o) => o.accountId === id);
    expect(outcome(intoSandbox)).toMatchObject({ status: 'SKIPPED', skipReason: 'EXCLUDED_BY_OU', skipRule: GENERATED_UNITS.sandboxes });
    expect(outcome(retagged)).toMatchObject({
      status: 'SKIPPED',
      skipReason: 'EXCLUDED_BY_TAG',
      skipRule: `${OPT_OUT_TAG.key}=${OPT_OUT_TAG.value}`,
    });
    expect(outcome(outOfSandbox)).toMatchObject({ status: 'UPDATED', action: 'DELETE' });
  });
});

describe('a walk of the tree longer than one invocation', () => {
  /** 3,000 members in 33 OUs: about 220 list calls, 22 s at 10 a second, in slices of 5 s. */
  const SLICE = { ...DEFAULT_LAUNCH_OPTIONS, sliceMs: 5_000 };

  it.each([[false], [true]])(
    'continues from its stored cursor slice after slice (crashes: %s), every member targeted or skipped as the rules say',
    async (crashes) => {
      const { sim, system, change } = world(EXAMPLE, 3000, SLICE, crashes);
      await sim.time.run(() => system.runUntilQuiet(async () => change('PUT')));
      const quiet = await settle(sim, system, new Set());
      expect(quiet.invariants).toEqual(PROMISES_KEPT);
      // A slice ends at its time, or with crashes may die first and be resumed by the sweeper.
      const ends = new Set(['launch continues in a later invocation', 'launch was cut off: resuming it']);
      const slices = sim.logger.records.filter((r) => ends.has(r.message)).length;
      expect(slices).toBeGreaterThanOrEqual(3);
      // The start function's timeout is 120 s: no start or sweep comes near it (workers run up to their own 300 s).
      if (!crashes) expect(system.stats.longestStartMs).toBeLessThan(60_000);
      const [run] = quiet.runs;
      expect(run?.report?.status).toBe('SUCCEEDED');
      const members = sim.model.listAccounts().filter((a) => !a.isManagement && a.state === 'ACTIVE');
      // Writes in doubt after a crash are read again by verification runs of their own: the change's run has one outcome per member.
      expect(quiet.outcomes.filter((o) => o.runId === run?.runId)).toHaveLength(members.length);
      expect(sim.organizationsService.listAccountsCalls).toBe(0);
    },
  );
});

describe('an account that joins', () => {
  it('is onboarded only if the rules let it in: its OUs found through ListParents, its tags read by its worker once and before each write, a skip saying why', async () => {
    const { sim, system } = world(EXAMPLE, 50);
    const joinedAt = new Date(sim.time.now()).toISOString();
    const joining = { inSandbox: '100000000901', optedOut: '100000000902', workload: '100000000903' };
    for (const id of Object.values(joining))
      sim.model.addAccount({ id, name: `joined-${id}`, state: 'ACTIVE', joinedAt, isManagement: false });
    sim.model.tree.place(joining.inSandbox, GENERATED_UNITS.hackathons);
    sim.model.tree.place(joining.workload, teamUnitId('prod', 1));
    sim.model.tree.setTags(joining.optedOut, { [OPT_OUT_TAG.key]: OPT_OUT_TAG.value });
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        for (const [n, id] of Object.values(joining).entries())
          system.deliverEvent(newAccountEvent({ eventName: 'AccountJoinedOrganization', accountId: id, eventId: `evt-join-${n}` }));
      }),
    );
    const quiet = await settle(sim, system, new Set());
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    const of = (id: string) => quiet.outcomes.filter((o) => o.accountId === id);
    expect(of(joining.inSandbox).map((o) => [o.status, o.skipReason, o.skipRule])).toEqual(
      EXAMPLE.kinds.map(() => ['SKIPPED', 'EXCLUDED_BY_OU', GENERATED_UNITS.sandboxes]),
    );
    expect(of(joining.optedOut).map((o) => [o.status, o.skipReason, o.skipRule])).toEqual(
      EXAMPLE.kinds.map(() => ['SKIPPED', 'EXCLUDED_BY_TAG', `${OPT_OUT_TAG.key}=${OPT_OUT_TAG.value}`]),
    );
    expect(of(joining.workload).map((o) => o.status)).toEqual(EXAMPLE.kinds.map(() => 'UPDATED'));
    // One ListParents per level above each joining account that the id rule leaves in; no walk of the tree.
    // And, per announcement, its parent and tags once, to name its onboarding run after where it is.
    // Before each of the workload account's writes, its parent and tags again (the OUs above its parent
    // read by the first check only: OUs never move).
    const writes = EXAMPLE.kinds.length;
    expect(sim.organizationsService.calls.ListParents).toBe(3 + 1 + 4 + 3 + (writes + 3));
    expect(sim.organizationsService.calls.ListAccountsForParent).toBe(0);
    expect([...sim.organizationsService.tagsRead.entries()].sort()).toEqual([
      [joining.inSandbox, 1],
      [joining.optedOut, 1 + 1],
      [joining.workload, 1 + 1 + writes],
    ]);
  });
});

describe('the expected targeting, worked out once per account while the tree stays the same', () => {
  it('follows every move, removal and tag change, and every configuration, of an account asked about before', () => {
    const [OUT, IN, LATER] = ['ou-ab12-0000out1', 'ou-ab12-00000in1', 'ou-ab12-0later01'];
    const tree = new OrganizationTree();
    tree.addUnit(OUT);
    tree.addUnit(IN);
    tree.place('111111111111', IN);
    const config = syncConfigOf({ kinds: ['SECURITY'], excludedOrganizationalUnits: [OUT], excludedTags: [{ key: 'skip' }] });
    const wider = syncConfigOf({ kinds: ['SECURITY'] });
    const reason = (c: SyncConfig = config) => expectedTargeting(c, tree, '111111111111').reason;
    expect(reason()).toBeUndefined();
    tree.place('111111111111', OUT);
    expect([reason(), reason(wider)]).toEqual(['EXCLUDED_BY_OU', undefined]);
    tree.place('111111111111', IN);
    expect(reason()).toBeUndefined();
    tree.setTags('111111111111', { skip: 'yes' });
    expect([reason(), reason(wider)]).toEqual(['EXCLUDED_BY_TAG', undefined]);
    tree.setTags('111111111111', {});
    expect(reason()).toBeUndefined();
    tree.place('111111111111', OUT);
    expect(reason()).toBe('EXCLUDED_BY_OU');
    tree.remove('111111111111');
    expect(reason()).toBeUndefined();
    tree.addUnit(LATER, OUT);
    tree.place('111111111111', LATER);
    expect(expectedTargeting(config, tree, '111111111111')).toEqual({ reason: 'EXCLUDED_BY_OU', rule: OUT });
    // Tags change only through setTags, which counts the change: the tags handed out cannot be changed in place.
    expect(() => ((tree.tagsOf('111111111111') as Record<string, string>)['skip'] = 'changed in place')).toThrow(
      /read only|not extensible/,
    );
    tree.setTags('111111111111', { team: 'blue' });
    expect(() => ((tree.tagsOf('111111111111') as Record<string, string>)['skip'] = 'changed in place')).toThrow(
      /read only|not extensible/,
    );
  });
});
