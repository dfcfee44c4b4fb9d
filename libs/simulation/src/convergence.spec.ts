import { CONTACT_KINDS, ContactKind, DEFAULT_LAUNCH_OPTIONS, SyncConfigInput, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import {
  accountId,
  GENERATED_UNITS,
  generateAccounts,
  generateStructure,
  OPT_OUT_TAG,
  SeededRandom,
  seedContacts,
  StoredContact,
} from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { joinAccounts } from './joining-accounts';
import { OrganizationChanges } from './organization-changes';
import { changeOnManagement } from './scenario-run';
import { expectedTargeting } from './targeting-check';

const MEMBERS = 60;
const MINUTE = 60_000;
const { production, sandboxes, workloads } = GENERATED_UNITS;

/** A landing-zone organization of active members (OUs and tags as the simulator generates them), and the deployed system. */
function world(input: SyncConfigInput, options: { readonly oneAccountPerItem?: boolean } = {}, seed = 21) {
  const random = new SeededRandom(seed);
  const spec = { members: MEMBERS, drift: 0, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const sim = createSimulatedAws({ accounts, seed: seed + 1, config: syncConfigOf(input) });
  seedContacts(sim.model, spec, random, sim.time.now());
  generateStructure(sim.model, new SeededRandom(seed + 2));
  // One account per item makes many items, so that a configuration change lands while most are still queued.
  const system = new DeployedSystem(sim, syncConfigOf(input).rates, {
    ...AWS_DELIVERY,
    ...(options.oneAccountPerItem ? { launch: { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: 1 } } : {}),
  });
  const changes = new OrganizationChanges(sim, system);
  const change = (kind: ContactKind, eventId: string) => changeOnManagement({ sim, random }, system, kind, `.${eventId}`, eventId);
  const run = (work: () => Promise<void>) => sim.time.run(() => system.runUntilQuiet(work));
  return { sim, system, changes, change, run };
}

const text = (value: StoredContact | undefined) =>
  value === undefined ? 'unset' : JSON.stringify(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Judged from outside the design, against the world: every ACTIVE member that the final
 * configuration, tree and tags leave in (worked out apart from the domain's rules), whether or not a
 * run listed it, must hold the management account's value of every synced kind. The account-kinds
 * that do not, as `account kind`.
 */
async function outOfLine(sim: SimulatedAws): Promise<string[]> {
  sim.time.advance(60_000);
  const { config } = await sim.syncConfig.load();
  if (config.dryRun) return [];
  const management = sim.model.managementAccountId;
  const bad: string[] = [];
  for (const account of sim.model.listAccounts()) {
    if (account.isManagement || account.state !== 'ACTIVE') continue;
    if (expectedTargeting(config, sim.model.tree, account.id).reason !== undefined) continue;
    for (const kind of config.kinds) {
      const wanted = sim.model.settled(management, kind);
      if (wanted === undefined && !config.propagateDeletions) continue;
      if (text(sim.model.settled(account.id, kind)) !== text(wanted)) bad.push(`${account.id} ${kind}`);
    }
  }
  return bad;
}

/** Reports and notifications tell the truth: a run is reported dry only when it started dry and wrote nothing, and counts what it wrote. */
async function untruthfulReports(sim: SimulatedAws): Promise<string[]> {
  const bad: string[] = [];
  for (const run of sim.syncState.allRuns()) {
    const outcomes = await sim.syncState.listOutcomes(run.runId);
    const updated = outcomes.filter((o) => o.status === 'UPDATED').length;
    const dry = run.dryRun && updated === 0 && !outcomes.some((o) => o.unconfirmedWrite);
    if (run.report?.dryRun !== dry || run.report?.updated !== updated) bad.push(run.runId);
    const notified = sim.notifier.sent.filter((n) => n.report.runId === run.runId);
    if (notified.length === 0 || notified.some((n) => n.report.dryRun !== dry)) bad.push(`${run.runId} (notification)`);
  }
  return bad;
}

/** Members in an OU or in OUs under it, in a stable order. */
const membersIn = (sim: SimulatedAws, unit: string) =>
  sim.model
    .listAccounts()
    .filter((a) => !a.isManagement && (sim.model.tree.parentOf(a.id) === unit || sim.model.tree.unitsAbove(a.id).includes(unit)))
    .map((a) => a.id);

describe('a joining account is targeted where it is when its work is done (Control Tower creates it in the root, then moves it)', () => {
  it('moved a minute later into an included OU: the move re-evaluates it and it gets every kind', async () => {
    const w = world({ includedOrganizationalUnits: [workloads] });
    const joined = accountId(MEMBERS + 1);
    await w.run(() => joinAccounts(w.sim, w.system, [{ id: joined, method: 'CONTROL_TOWER', placeIn: production }]));
    const quiet = await settle(w.sim, w.system, new Set());
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    const outcomes = quiet.outcomes.filter((o) => o.accountId === joined);
    // In the root at first: left out by the inclusion; then written by the move's run.
    expect(outcomes.filter((o) => o.skipReason === 'NOT_IN_INCLUDED_OU')).toHaveLength(4);
    expect(
      outcomes
        .filter((o) => o.status === 'UPDATED' && o.runId.startsWith('acct-'))
        .map((o) => o.kind)
        .sort(),
    ).toEqual([...CONTACT_KINDS].sort());
    expect(await untruthfulReports(w.sim)).toEqual([]);
  });

  it('with the move’s event lost, Control Tower’s later enrolment event is no duplicate: it names the account’s new place', async () => {
    const w = world({ includedOrganizationalUnits: [workloads] });
    const joined = accountId(MEMBERS + 1);
    await w.run(() => joinAccounts(w.sim, w.system, [{ id: joined, method: 'CONTROL_TOWER', placeIn: production, moveUnannounced: true }]));
    const quiet = await settle(w.sim, w.system, new Set());
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    const writers = new Set(quiet.outcomes.filter((o) => o.accountId === joined && o.status === 'UPDATED').map((o) => o.runId));
    expect([...writers]).toEqual([expect.stringMatching(new RegExp(`^new-${joined}-\\d+-[0-9a-f]{8}$`))]);
    // Four announcements, two placements: two onboarding runs, and the retried enrolment is a duplicate.
    expect(w.sim.syncState.allRuns().filter((r) => r.trigger === 'NEW_ACCOUNT')).toHaveLength(2);
    expect(w.system.stats.events['DUPLICATE']).toBeGreaterThanOrEqual(2);
  });

  it('moved a minute later into an excluded OU: written only while the rules left it in (in the root), never after the move', async () => {
    const w = world({ excludedOrganizationalUnits: [sandboxes] });
    const joined = accountId(MEMBERS + 1);
    await w.run(async () => {
      await joinAccounts(w.sim, w.system, [{ id: joined, method: 'CONTROL_TOWER', placeIn: sandboxes }]);
      w.change('SECURITY', 'evt-after-move');
    });
    const quiet = await settle(w.sim, w.system, new Set());
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    const movedAt = w.sim.model.reshapedAt.get(joined) as number;
    expect(w.system.applied.filter((a) => a.accountId === joined && a.at >= movedAt)).toEqual([]);
    // Its later announcements and the change find it excluded, by the OU it is in.
    expect(quiet.outcomes.filter((o) => o.accountId === joined && o.skipReason === 'EXCLUDED_BY_OU').length).toBeGreaterThanOrEqual(4);
  });
});

describe('configuration changes that widen what is synced start a run for what they widen', () => {
  /** Waits until a run has this many outcomes: the middle of a run. */
  const midRun = async (sim: SimulatedAws, runId: string, outcomes: number) => {
    while ((await sim.syncState.listOutcomes(runId)).length < outcomes) await sim.time.sleep(200);
  };

  it('a kind disabled then enabled again mid-run: every member ends on the latest value', async () => {
    const w = world({}, { oneAccountPerItem: true });
    let widened: string | undefined;
    await w.run(async () => {
      w.change('SECURITY', 'evt-1');
      await midRun(w.sim, 'chg-evt-1', 10);
      await w.changes.configure((c) => ({ ...c, kinds: c.kinds?.filter((k) => k !== 'SECURITY') }));
      await midRun(w.sim, 'chg-evt-1', 30);
      widened = (await w.changes.configure((c) => ({ ...c, kinds: [...CONTACT_KINDS] }))).runId;
    });
    const quiet = await settle(w.sim, w.system, new Set());
    expect(quiet.outcomes.some((o) => o.runId === 'chg-evt-1' && o.skipReason === 'KIND_DISABLED')).toBe(true);
    expect(w.sim.syncState.allRuns().find((r) => r.runId === widened)).toMatchObject({ trigger: 'CONFIG_CHANGE', kinds: ['SECURITY'] });
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(await untruthfulReports(w.sim)).toEqual([]);
  });

  it('a management change made while its kind is disabled reaches every member once the kind is enabled', async () => {
    const w = world({ kinds: ['PRIMARY', 'BILLING', 'OPERATIONS'] });
    await w.run(async () => {
      w.change('SECURITY', 'evt-while-disabled');
      await w.sim.time.sleep(10 * MINUTE);
      await w.changes.configure((c) => ({ ...c, kinds: [...CONTACT_KINDS] }));
    });
    const quiet = await settle(w.sim, w.system, new Set());
    expect(w.system.stats.events['KIND_NOT_SYNCED']).toBe(1);
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(w.sim.notifier.sent.map((n) => [n.report.trigger, n.report.kinds])).toEqual([['CONFIG_CHANGE', ['SECURITY']]]);
  });

  it('dry run released mid-run: every member ends on the latest value, and each report says whether it wrote', async () => {
    const w = world({ dryRun: true }, { oneAccountPerItem: true });
    await w.run(async () => {
      w.change('SECURITY', 'evt-1');
      await midRun(w.sim, 'chg-evt-1', 20);
      await w.changes.configure((c) => ({ ...c, dryRun: false }));
    });
    const quiet = await settle(w.sim, w.system, new Set());
    expect(quiet.outcomes.some((o) => o.runId === 'chg-evt-1' && o.skipReason === 'DRY_RUN_WOULD_PUT')).toBe(true);
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(await untruthfulReports(w.sim)).toEqual([]);
  });

  it('a configuration stored by a tool that stopped before recording its run: the sweeper brings every synced kind in line', async () => {
    const w = world({ kinds: ['PRIMARY'] });
    await w.run(async () => {
      await w.changes.configure((c) => ({ ...c, kinds: [...CONTACT_KINDS] }), { interrupted: true });
    });
    const quiet = await settle(w.sim, w.system, new Set());
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(w.sim.syncState.allRuns().map((r) => [r.runId, r.trigger, r.kinds])).toEqual([['cfg-v2', 'CONFIG_CHANGE', [...CONTACT_KINDS]]]);
  });

  it('a change that only narrows starts nothing', async () => {
    const w = world({});
    let applied: unknown;
    await w.run(async () => {
      applied = await w.changes.configure((c) => ({ ...c, excludedOrganizationalUnits: [sandboxes] }));
    });
    expect(applied).toEqual({ version: 2 });
    expect(w.sim.syncState.allRuns()).toEqual([]);
  });
});

describe('moves and tag changes of member accounts re-evaluate the account', () => {
  it('moved out of an excluded OU, tagged out, untagged back in, between runs: every member ends in line', async () => {
    const w = world({ excludedOrganizationalUnits: [sandboxes], excludedTags: [{ key: OPT_OUT_TAG.key }] });
    const sandboxed = membersIn(w.sim, sandboxes).find((id) => !(OPT_OUT_TAG.key in w.sim.model.tree.tagsOf(id))) as string;
    await w.run(async () => {
      w.change('SECURITY', 'evt-1');
      await w.sim.time.sleep(20 * MINUTE);
      w.changes.move(sandboxed, production);
      await w.sim.time.sleep(20 * MINUTE);
      w.changes.tag(sandboxed, { [OPT_OUT_TAG.key]: 'true' });
      await w.sim.time.sleep(5 * MINUTE);
      // Changed while it is tagged out: it is left stale until the tag goes.
      w.change('SECURITY', 'evt-2');
      await w.sim.time.sleep(20 * MINUTE);
      expect(w.sim.model.settled(sandboxed, 'SECURITY')).not.toEqual(w.sim.model.settled(w.sim.model.managementAccountId, 'SECURITY'));
      w.changes.untag(sandboxed, [OPT_OUT_TAG.key]);
    });
    const quiet = await settle(w.sim, w.system, new Set());
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    const reevaluations = w.sim.syncState.allRuns().filter((r) => r.trigger === 'ACCOUNT_CHANGE');
    expect(reevaluations.map((r) => r.report?.skippedBy ?? {})).toEqual([{}, { [`EXCLUDED_BY_TAG ${OPT_OUT_TAG.key}`]: 4 }, {}]);
    expect(await untruthfulReports(w.sim)).toEqual([]);
  });
});

describe('the periodic resync is the backstop for what no event says', () => {
  it('a member admin’s own edit and an unannounced move stay stale until the resync, which brings them in line', async () => {
    const w = world({ excludedOrganizationalUnits: [sandboxes] });
    const [edited] = membersIn(w.sim, production);
    const [moved] = membersIn(w.sim, sandboxes);
    await w.run(async () => {
      w.change('SECURITY', 'evt-1');
      await w.sim.time.sleep(20 * MINUTE);
      w.changes.editOnMember(edited as string, 'SECURITY', {
        ...w.sim.model.settled(w.sim.model.managementAccountId, 'SECURITY'),
        Name: 'Someone Else',
      });
      w.changes.move(moved as string, production, { silently: true });
    });
    expect((await outOfLine(w.sim)).filter((e) => e.endsWith('SECURITY'))).toEqual(
      expect.arrayContaining([`${edited} SECURITY`, `${moved} SECURITY`]),
    );
    await w.run(async () => w.system.resync('daily-1'));
    const quiet = await settle(w.sim, w.system, new Set());
    expect(await outOfLine(w.sim)).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(w.sim.syncState.allRuns().find((r) => r.runId === 'rec-daily-1')?.report).toMatchObject({ status: 'SUCCEEDED', dryRun: false });
  });

  it('in a stage whose configuration is dry, the resync only plans: it writes nothing and says what it would write', async () => {
    const w = world({ dryRun: true });
    const [edited] = membersIn(w.sim, production);
    w.changes.editOnMember(edited as string, 'SECURITY', undefined);
    await w.run(async () => w.system.resync('daily-1'));
    await settle(w.sim, w.system, new Set());
    expect(w.system.applied).toEqual([]);
    const report = w.sim.syncState.allRuns().find((r) => r.runId === 'rec-daily-1')?.report;
    expect(report).toMatchObject({ dryRun: true, updated: 0 });
    expect(report?.skippedBy?.['DRY_RUN_WOULD_PUT']).toBeGreaterThanOrEqual(1);
  });
});
