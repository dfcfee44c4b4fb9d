import { DEFAULT_LAUNCH_OPTIONS, dryRunNote, SyncConfigInput, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import { generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { OrganizationChanges } from './organization-changes';
import { changeOnManagement } from './scenario-run';

// Issue 24: the rules are checked again immediately before every member write. A configuration
// change, a move or a retag made while a work item is being worked stops that item's later writes:
// every write the API applies was let in by the configuration, tree and tags in force when it was
// sent (wronglyWritten 0), and the reports say what was written and what was held back.

const MEMBERS = 40;
/** One work item for the whole run: every change below is made while it is being worked. */
const ONE_ITEM = { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: MEMBERS };
/** Writes slow enough that the item lasts about a minute and a half (each of the 4 workers paces itself at a quarter of it). */
const SLOW_WRITES = { rates: { PutAlternateContact: { ratePerSecond: 2, burst: 1 } } };
/** Writes applied before the change is made. */
const WRITES_BEFORE = 5;

const PROD = 'ou-sim0-prod0001';
const SANDBOX = 'ou-sim0-sandbox01';
const EXCLUDE = { key: 'contact-sync:exclude', value: 'true' };

/** Active members, all in PROD (beside SANDBOX, both under the root), a SECURITY change, and the deployed system to carry it. */
function world(input: SyncConfigInput) {
  const random = new SeededRandom(24);
  const spec = { members: MEMBERS, drift: 0, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf({ ...input, ...SLOW_WRITES });
  const sim = createSimulatedAws({ accounts, seed: 25, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  sim.model.tree.addUnit(PROD);
  sim.model.tree.addUnit(SANDBOX);
  for (const account of accounts) if (!account.isManagement) sim.model.tree.place(account.id, PROD);
  const system = new DeployedSystem(sim, config.rates, {
    ...AWS_DELIVERY,
    sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0 },
    eventDuplicateRate: 0,
    launch: ONE_ITEM,
  });
  const members = accounts.filter((a) => !a.isManagement).map((a) => a.id);
  return { sim, system, random, members, changes: new OrganizationChanges(sim, system) };
}

type World = ReturnType<typeof world>;

/**
 * A SECURITY change; once its launch has listed every member and `WRITES_BEFORE` writes are applied,
 * `disturb` changes the world. What the quiet system holds, when the change was made, and the change run.
 */
async function changeMidItem(w: World, disturb: () => Promise<void> | void) {
  const { sim, system, random } = w;
  let changedAt = 0;
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1');
      while (system.applied.length < WRITES_BEFORE || sim.syncState.allRuns()[0]?.launch !== 'LAUNCHED') await sim.time.sleep(100);
      await disturb();
      changedAt = sim.time.now();
    }),
  );
  const quiet = await settle(sim, system, new Set());
  const [changeRun] = quiet.runs;
  // The change was made while the run's only item was being worked: it was neither done nor left.
  expect(changeRun?.totalItems).toBe(1);
  const ofChangeRun = quiet.outcomes.filter((o) => o.runId === changeRun?.runId);
  return {
    quiet,
    changeRun,
    ofChangeRun,
    written: system.applied.filter((w) => w.runId === changeRun?.runId),
    sentAfter: system.applied.filter((w) => w.sentAt >= changedAt),
  };
}

/** The run's report counts the writes the API applied for it and the account-kinds it only planned. */
function expectTruthfulReport(r: Awaited<ReturnType<typeof changeMidItem>>) {
  expect(r.changeRun?.report).toMatchObject({
    updated: r.written.length,
    unconfirmedWrites: 0,
    planned: r.ofChangeRun.filter((o) => o.skipReason === 'DRY_RUN_WOULD_PUT').length,
  });
  expect(r.ofChangeRun.filter((o) => o.status === 'UPDATED')).toHaveLength(r.written.length);
}

describe('the configuration changed while an item with slow writes is being worked', () => {
  it('dry run switched on: no write is sent after it, the rest of the item is reported as would-put, and the notification says both', async () => {
    const w = world({ kinds: ['SECURITY'] });
    const r = await changeMidItem(w, () => w.changes.configure((c) => ({ ...c, dryRun: true })).then(() => undefined));
    expect(r.quiet.invariants).toEqual(PROMISES_KEPT);
    expect(r.sentAfter).toEqual([]);
    expect(r.written.length).toBeGreaterThanOrEqual(WRITES_BEFORE);
    expect(r.written.length).toBeLessThan(MEMBERS);
    const planned = r.ofChangeRun.filter((o) => o.skipReason === 'DRY_RUN_WOULD_PUT');
    expect(planned).toHaveLength(MEMBERS - r.written.length);
    // Held back by the check before the write: each says what it would have written, as a dry run's plan does.
    for (const o of planned) expect(o).toMatchObject({ status: 'SKIPPED', action: 'PUT', afterFingerprint: expect.any(String) });
    expectTruthfulReport(r);
    expect(w.sim.notifier.sent.map((n) => dryRunNote(n.report))).toEqual([
      `dry run for part of the run: ${r.written.length} written, ${planned.length} only planned`,
    ]);
  });

  it('the kind disabled: no write of it is sent after, the rest are KIND_DISABLED', async () => {
    const w = world({ kinds: ['SECURITY', 'BILLING'] });
    const r = await changeMidItem(w, () => w.changes.configure((c) => ({ ...c, kinds: ['BILLING'] })).then(() => undefined));
    expect(r.quiet.invariants).toEqual(PROMISES_KEPT);
    expect(r.sentAfter).toEqual([]);
    expect(r.ofChangeRun.filter((o) => o.skipReason === 'KIND_DISABLED')).toHaveLength(MEMBERS - r.written.length);
    expectTruthfulReport(r);
  });

  it('accounts excluded by id: none of them is written after, each is EXCLUDED_BY_ID; the others are still written', async () => {
    const w = world({ kinds: ['SECURITY'] });
    const excluded = w.members.slice(-20);
    const r = await changeMidItem(w, () => w.changes.configure((c) => ({ ...c, excludedAccountIds: excluded })).then(() => undefined));
    expect(r.quiet.invariants).toEqual(PROMISES_KEPT);
    expect(r.sentAfter.filter((s) => excluded.includes(s.accountId))).toEqual([]);
    expect(r.sentAfter.length).toBeGreaterThan(0);
    const ofExcluded = r.ofChangeRun.filter((o) => excluded.includes(o.accountId));
    expect(ofExcluded.map((o) => o.skipReason)).toEqual(excluded.map(() => 'EXCLUDED_BY_ID'));
    expect(r.written).toHaveLength(MEMBERS - excluded.length);
    expectTruthfulReport(r);
  });
});

describe('a member moved after the launch listed it, while its item is being worked', () => {
  it('moved into an excluded OU: not written, SKIPPED EXCLUDED_BY_OU naming the OU', async () => {
    const w = world({ kinds: ['SECURITY'], excludedOrganizationalUnits: [SANDBOX] });
    const moved = w.members.slice(-5);
    const r = await changeMidItem(w, () => moved.forEach((id) => w.changes.move(id, SANDBOX)));
    expect(r.quiet.invariants).toEqual(PROMISES_KEPT);
    expect(w.system.applied.filter((s) => moved.includes(s.accountId))).toEqual([]);
    expect(r.ofChangeRun.filter((o) => moved.includes(o.accountId)).map((o) => [o.status, o.skipReason, o.skipRule])).toEqual(
      moved.map(() => ['SKIPPED', 'EXCLUDED_BY_OU', SANDBOX]),
    );
    expect(r.written).toHaveLength(MEMBERS - moved.length);
    expectTruthfulReport(r);
  });

  it('moved out of the included OU: not written, SKIPPED NOT_IN_INCLUDED_OU', async () => {
    const w = world({ kinds: ['SECURITY'], includedOrganizationalUnits: [PROD] });
    const moved = w.members.slice(-5);
    const r = await changeMidItem(w, () => moved.forEach((id) => w.changes.move(id, SANDBOX)));
    expect(r.quiet.invariants).toEqual(PROMISES_KEPT);
    expect(w.system.applied.filter((s) => moved.includes(s.accountId))).toEqual([]);
    expect(r.ofChangeRun.filter((o) => moved.includes(o.accountId)).map((o) => [o.status, o.skipReason])).toEqual(
      moved.map(() => ['SKIPPED', 'NOT_IN_INCLUDED_OU']),
    );
    expectTruthfulReport(r);
  });
});

describe('a member tagged for exclusion between its tag read and its write', () => {
  it('is not written: its tags are read again before the write, and it is SKIPPED EXCLUDED_BY_TAG', async () => {
    const w = world({ kinds: ['SECURITY'], excludedTags: [EXCLUDE] });
    const target = w.members.at(-1) as string;
    const tagsRead = (sim: SimulatedAws) => sim.organizationsService.tagsRead.get(target) ?? 0;
    const r = await changeMidItem(w, async () => {
      // The item read its tags when it began; its write waits behind the others.
      while (tagsRead(w.sim) === 0) await w.sim.time.sleep(10);
      expect(w.system.applied.some((s) => s.accountId === target)).toBe(false);
      w.changes.tag(target, { [EXCLUDE.key]: EXCLUDE.value });
    });
    expect(r.quiet.invariants).toEqual(PROMISES_KEPT);
    expect(w.system.applied.filter((s) => s.accountId === target)).toEqual([]);
    expect(r.ofChangeRun.filter((o) => o.accountId === target).map((o) => [o.status, o.skipReason, o.skipRule])).toEqual([
      ['SKIPPED', 'EXCLUDED_BY_TAG', 'contact-sync:exclude=true'],
    ]);
    expect(tagsRead(w.sim)).toBeGreaterThanOrEqual(2);
    expect(r.written).toHaveLength(MEMBERS - 1);
    expectTruthfulReport(r);
  });
});
