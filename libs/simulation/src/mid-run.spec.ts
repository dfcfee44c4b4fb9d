import {
  ConvergeConfiguration,
  DEFAULT_LAUNCH_OPTIONS,
  CARRY_ON_INITIATOR,
  DEFAULT_SWEEP_OPTIONS,
  MAX_CARRY_ONS,
  syncConfigOf,
  SyncConfigInput,
  toSyncConfigJson,
} from '@contact-sync/domain';
import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import { generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { changeOnManagement } from './scenario-run';
import { PROMISES_KEPT, settle } from './invariants';

const MEMBERS = 80;
const ONE_ACCOUNT_PER_ITEM = { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: 1 };

/** An organization of active members, a SECURITY change on its management account, and the deployed system to carry it. */
function world(input: SyncConfigInput, outages: Array<[number, number]> = [], organizationsOutages: Array<[number, number]> = []) {
  const random = new SeededRandom(5);
  const spec = { members: MEMBERS, drift: 0, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf(input);
  const sim = createSimulatedAws({
    accounts,
    seed: 6,
    config,
    behaviour: { outages },
    organizations: { outages: organizationsOutages, outageSpares: ['DescribeOrganization'] },
  });
  seedContacts(sim.model, spec, random, sim.time.now());
  const system = new DeployedSystem(sim, config.rates, {
    ...AWS_DELIVERY,
    sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0 },
    eventDuplicateRate: 0,
    launch: ONE_ACCOUNT_PER_ITEM,
  });
  const change = () => {
    changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1');
  };
  return { sim, system, change };
}

/** Writes applied before the configuration changes. */
const WRITES_BEFORE = 10;

/** A SECURITY change; once `WRITES_BEFORE` writes are applied, the stored configuration is edited. What the quiet system holds, and the writes applied after the edit. */
async function changeConfigMidRun(edit: (config: SyncConfigInput, sim: SimulatedAws) => SyncConfigInput) {
  const { sim, system, change } = world({});
  let changedAt = 0;
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      change();
      while (system.applied.length < WRITES_BEFORE) await sim.time.sleep(100);
      // As `config set` stores it: these edits widen nothing, so no run is recorded for them.
      const loaded = await sim.syncConfig.load();
      await system
        .operatorContainer()
        .get(ConvergeConfiguration)
        .apply(syncConfigOf(edit(toSyncConfigJson(loaded.config), sim)), loaded, 'operator');
      changedAt = sim.time.now();
    }),
  );
  const quiet = await settle(sim, system, new Set());
  return {
    quiet,
    sim,
    writesAfter: system.applied.filter((w) => w.at > changedAt),
    sentAfter: system.applied.filter((w) => w.sentAt > changedAt),
  };
}

/** The last 40 members in listing order. */
const lastForty = (sim: SimulatedAws) =>
  sim.model
    .listAccounts()
    .filter((a) => !a.isManagement)
    .map((a) => a.id)
    .slice(-40);

// Every write is checked against the rules read again immediately before it is sent (issue 24), so a
// change reaches the items already being worked too: no write left out by it is sent after it.
describe('configuration changed while a run is in flight takes effect for every write not yet sent', () => {
  it('dry run switched on as a brake: no write sent after it, the rest reported as would-put', async () => {
    const { quiet: r, writesAfter, sentAfter } = await changeConfigMidRun((c) => ({ ...c, dryRun: true }));
    expect(r.invariants).toEqual(PROMISES_KEPT);
    expect(sentAfter).toEqual([]);
    // Only requests already on their way when dry run was switched on may land after it.
    expect(writesAfter.length).toBeLessThanOrEqual(AWS_DELIVERY.workerConcurrency * AWS_DELIVERY.batchSize);
    expect(r.outcomes.filter((o) => o.skipReason === 'DRY_RUN_WOULD_PUT').length).toBe(
      MEMBERS - r.outcomes.filter((o) => o.status === 'UPDATED').length,
    );
    expect(r.runs.map((run) => [run.status, run.notified])).toEqual([['FINISHED', true]]);
  });

  it('a kind disabled mid-run: its remaining members are skipped as KIND_DISABLED, not written', async () => {
    const {
      quiet: r,
      writesAfter,
      sentAfter,
    } = await changeConfigMidRun((c) => ({
      ...c,
      kinds: c.kinds?.filter((k) => k !== 'SECURITY'),
    }));
    expect(r.invariants).toEqual(PROMISES_KEPT);
    expect(sentAfter).toEqual([]);
    expect(writesAfter.length).toBeLessThanOrEqual(AWS_DELIVERY.workerConcurrency * AWS_DELIVERY.batchSize);
    expect(r.outcomes.filter((o) => o.skipReason === 'KIND_DISABLED').length).toBe(
      MEMBERS - r.outcomes.filter((o) => o.status === 'UPDATED').length,
    );
  });

  it('accounts excluded mid-run: none written after the change', async () => {
    const { quiet: r, sim, writesAfter, sentAfter } = await changeConfigMidRun((c, sim) => ({ ...c, excludedAccountIds: lastForty(sim) }));
    const excluded = lastForty(sim);
    expect(r.invariants).toEqual(PROMISES_KEPT);
    expect(sentAfter.filter((w) => excluded.includes(w.accountId))).toEqual([]);
    expect(writesAfter.filter((w) => excluded.includes(w.accountId)).length).toBeLessThanOrEqual(
      AWS_DELIVERY.workerConcurrency * AWS_DELIVERY.batchSize,
    );
    const writtenBefore = r.outcomes.filter((o) => o.status === 'UPDATED' && excluded.includes(o.accountId)).length;
    expect(r.outcomes.filter((o) => o.skipReason === 'EXCLUDED_BY_ID').length).toBe(40 - writtenBefore);
  });
});

describe('a change whose start fails on every retry', () => {
  it('lands in the failed events, is counted, and is started by the sweeper once the API answers again', async () => {
    const t0 = Date.UTC(2026, 10, 22, 9, 0, 0);
    // Account Management down for 10 minutes: the start function cannot read the management account's value, through all three attempts.
    const { sim, system, change } = world({}, [[t0, t0 + 10 * 60_000]]);
    await sim.time.run(() => system.runUntilQuiet(async () => change()));
    const r = await settle(sim, system, new Set());
    expect(system.stats.failedEvents).toBeGreaterThanOrEqual(1);
    expect(r.invariants).toEqual(PROMISES_KEPT);
    expect(r.outcomes.filter((o) => o.status === 'UPDATED')).toHaveLength(MEMBERS);
    expect(r.runs.map((run) => [run.status, run.report?.status, run.notified])).toEqual([['FINISHED', 'SUCCEEDED', true]]);
  });
});

describe('a launch that fails on every try', () => {
  it('is given up by the sweeper after its re-drives, reported as an incomplete launch and notified, not left RUNNING; its kind is carried on, at most three times', async () => {
    const t0 = Date.UTC(2026, 10, 22, 9, 0, 0);
    // Organizations' listings down for two days: no launch can list a single member (DescribeOrganization, which the
    // start function asks first, still answers, so that the run is recorded and given up rather than never started).
    const { sim, system, change } = world({}, [], [[t0, t0 + 48 * 3_600_000]]);
    await sim.time.run(() => system.runUntilQuiet(async () => change()));
    const r = await settle(sim, system, new Set());
    expect(r.invariants.stuckRuns).toBe(0);
    expect(r.outcomes).toHaveLength(0);
    const [run, ...carried] = r.runs;
    // The change's run held SECURITY when it was given up: a run carries the kind on, and so on, until the fault is taken to be lasting.
    expect(carried.map((c) => [c.runId, c.initiator, c.kinds])).toEqual(
      Array.from({ length: MAX_CARRY_ONS }, (_, n) => [`${run?.runId}${'~again'.repeat(n + 1)}`, CARRY_ON_INITIATOR, ['SECURITY']]),
    );
    for (const given of r.runs) {
      expect([given.status, given.launch, given.notified, given.redrives]).toEqual([
        'FINISHED',
        'CLAIMED',
        true,
        DEFAULT_SWEEP_OPTIONS.maxRedrives,
      ]);
      expect(given.report).toMatchObject({ status: 'FAILED', launchIncomplete: true, updated: 0 });
    }
    expect(sim.notifier.sent.map((n) => [n.report.runId, n.priority])).toEqual(r.runs.map((given) => [given.runId, 'HIGH']));
    expect(sim.logger.records.filter((l) => l.message === 'run stalled after every re-drive: finishing it with what it has')).toHaveLength(
      1 + MAX_CARRY_ONS,
    );
  });
});
