import {
  DEFAULT_LAUNCH_OPTIONS,
  dryRunNote,
  JOINING_READ_ATTEMPTS,
  SyncConfig,
  syncConfigOf,
  toSyncConfigJson,
} from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { newAccountEvent } from '@contact-sync/domain/testing';
import {
  DEFAULT_ORGANIZATION,
  generateAccounts,
  generateStructure,
  SeededRandom,
  seedContacts,
  teamUnitId,
} from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { changeOnManagement } from './scenario-run';

// Issue 24, "fail closed": a tag, parent or account read that fails in any way never leads to a write,
// nor to a run of 0 targets that SUCCEEDED. These rows of the table are reproduced here.

const EXCLUDE_TAG = { key: 'contact-sync:exclude', value: 'true' };

/** A generated organization with OUs, the configuration, and the deployed system (no duplicates, so that counts are exact). */
function world(config: SyncConfig, members = 60, launch = DEFAULT_LAUNCH_OPTIONS) {
  const random = new SeededRandom(71);
  const spec = { ...DEFAULT_ORGANIZATION, members };
  const sim = createSimulatedAws({ accounts: generateAccounts(spec, random), seed: 72, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  generateStructure(sim.model, new SeededRandom(73));
  const system = new DeployedSystem(sim, config.rates, {
    ...AWS_DELIVERY,
    eventDuplicateRate: 0,
    sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0 },
    launch,
  });
  return { sim, system, random };
}

const activeMembers = (sim: ReturnType<typeof world>['sim']) =>
  sim.model
    .listAccounts()
    .filter((a) => !a.isManagement && a.state === 'ACTIVE')
    .map((a) => a.id);

describe('ListTagsForResource answers TargetNotFoundException (fails open before issue 24)', () => {
  const config = syncConfigOf({ kinds: ['SECURITY'], excludedTags: [EXCLUDE_TAG] });

  it('five accounts tagged for exclusion whose tags read as not found are never written: FAILED TAGS_UNREADABLE, the run PARTIAL and notified HIGH', async () => {
    const { sim, system, random } = world(config);
    const hidden = activeMembers(sim).slice(0, 5);
    for (const id of hidden) {
      sim.model.tree.setTags(id, { [EXCLUDE_TAG.key]: EXCLUDE_TAG.value });
      sim.organizationsService.answersNotFound.ListTagsForResource.set(id, Number.POSITIVE_INFINITY);
    }
    await sim.time.run(() =>
      system.runUntilQuiet(async () => void changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1')),
    );
    const quiet = await settle(sim, system, new Set());
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(system.applied.filter((w) => hidden.includes(w.accountId))).toEqual([]);
    const ofHidden = quiet.outcomes.filter((o) => hidden.includes(o.accountId));
    expect(ofHidden.map((o) => [o.accountId, o.status, o.errorCode])).toEqual(hidden.map((id) => [id, 'FAILED', 'TAGS_UNREADABLE']));
    const [run] = quiet.runs;
    expect(run?.report).toMatchObject({ status: 'PARTIAL', failed: 5 });
    expect(run?.report?.failures.map((f) => f.errorCode)).toEqual(hidden.map(() => 'TAGS_UNREADABLE'));
    expect(sim.notifier.sent.map((n) => [n.report.status, n.priority])).toEqual([['PARTIAL', 'HIGH']]);
    // Each was read again on later deliveries before it was given up: retried, not failed on the first answer.
    const tagCalls = sim.organizationsService.calls.ListTagsForResource;
    expect(tagCalls).toBeGreaterThanOrEqual(activeMembers(sim).length - hidden.length + hidden.length * 2 * 4);
  });

  it('a not-found answer that passes is retried: the accounts are then skipped by their tag and the run SUCCEEDS', async () => {
    const { sim, system, random } = world(config);
    const hidden = activeMembers(sim).slice(0, 5);
    for (const id of hidden) {
      sim.model.tree.setTags(id, { [EXCLUDE_TAG.key]: EXCLUDE_TAG.value });
      sim.organizationsService.answersNotFound.ListTagsForResource.set(id, 2);
    }
    await sim.time.run(() =>
      system.runUntilQuiet(async () => void changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1')),
    );
    const quiet = await settle(sim, system, new Set());
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(system.applied.filter((w) => hidden.includes(w.accountId))).toEqual([]);
    expect(quiet.outcomes.filter((o) => hidden.includes(o.accountId)).map((o) => o.skipReason)).toEqual(
      hidden.map(() => 'EXCLUDED_BY_TAG'),
    );
    expect(quiet.runs[0]?.report?.status).toBe('SUCCEEDED');
  });
});

describe('ListParents answers not found during onboarding (a run of 0 accounts that SUCCEEDED before issue 24)', () => {
  const config = syncConfigOf({ kinds: ['SECURITY', 'BILLING'], includedOrganizationalUnits: [teamUnitId('prod', 1)] });

  function join(persistently: boolean) {
    const { sim, system } = world(config, 30);
    const id = '100000000777';
    sim.model.addAccount({ id, name: 'joined', state: 'ACTIVE', joinedAt: new Date(sim.time.now()).toISOString(), isManagement: false });
    sim.model.tree.place(id, teamUnitId('prod', 1));
    sim.organizationsService.answersNotFound.ListParents.set(id, persistently ? Number.POSITIVE_INFINITY : JOINING_READ_ATTEMPTS - 1);
    return { sim, system, id };
  }

  it('when it never answers, the account-kinds are FAILED PARENTS_UNREADABLE after every retry, nothing is written, the run FAILED and notified HIGH', async () => {
    const { sim, system, id } = join(true);
    await sim.time.run(() =>
      system.runUntilQuiet(async () =>
        system.deliverEvent(newAccountEvent({ eventName: 'AccountJoinedOrganization', accountId: id, eventId: 'evt-join' })),
      ),
    );
    // An account whose place can never be read can never be synced: held, like a refusing member, to saying so as FAILED.
    const quiet = await settle(sim, system, new Set([id]));
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(system.applied).toEqual([]);
    expect(quiet.outcomes.map((o) => [o.accountId, o.kind, o.status, o.errorCode])).toEqual([
      [id, 'BILLING', 'FAILED', 'PARENTS_UNREADABLE'],
      [id, 'SECURITY', 'FAILED', 'PARENTS_UNREADABLE'],
    ]);
    const [run] = quiet.runs;
    expect(run?.report).toMatchObject({ status: 'FAILED', targeted: 2, failed: 2, missing: 0 });
    expect(sim.notifier.sent.map((n) => [n.report.status, n.priority])).toEqual([['FAILED', 'HIGH']]);
    // One read to name the run after the account's place, then the launch's tries.
    expect(sim.organizationsService.calls.ListParents).toBe(1 + JOINING_READ_ATTEMPTS);
  });

  it('when it answers on a later try, the account is onboarded as its OU says', async () => {
    const { sim, system, id } = join(false);
    await sim.time.run(() =>
      system.runUntilQuiet(async () =>
        system.deliverEvent(newAccountEvent({ eventName: 'AccountJoinedOrganization', accountId: id, eventId: 'evt-join' })),
      ),
    );
    const quiet = await settle(sim, system, new Set());
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(quiet.outcomes.map((o) => [o.kind, o.status])).toEqual([
      ['BILLING', 'UPDATED'],
      ['SECURITY', 'UPDATED'],
    ]);
    expect(quiet.runs[0]?.report?.status).toBe('SUCCEEDED');
  });
});

describe('dry run switched off mid-run (notified "dry run: nothing was written" though it wrote, before issue 24)', () => {
  it('the report counts what was written and what was only planned, and the notification says both', async () => {
    const config = syncConfigOf({ kinds: ['SECURITY'], dryRun: true });
    const { sim, system, random } = world(config, 60, { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: 1 });
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1');
        while ((sim.syncState.allRuns()[0]?.completedItems ?? 0) < 10) await sim.time.sleep(100);
        const { config: stored, version } = await sim.syncConfig.load();
        await sim.syncConfig.save(syncConfigOf({ ...toSyncConfigJson(stored), dryRun: false }), version);
      }),
    );
    const quiet = await settle(sim, system, new Set());
    const [run] = quiet.runs;
    const report = run?.report;
    const written = system.applied.filter((w) => w.runId === run?.runId).length;
    const planned = quiet.outcomes.filter((o) => o.skipReason === 'DRY_RUN_WOULD_PUT').length;
    expect(written).toBeGreaterThan(0);
    expect(planned).toBeGreaterThanOrEqual(10);
    expect(report).toMatchObject({ dryRun: false, updated: written, planned });
    expect(sim.notifier.sent.map((n) => dryRunNote(n.report))).toEqual([
      `dry run for part of the run: ${written} written, ${planned} only planned`,
    ]);
    // The release widened what is synced: the sweeper's configuration step runs it, and the members
    // the first run only planned for are brought in line by that run, not by this one.
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(quiet.runs.map((r) => r.trigger)).toEqual(['CHANGE', 'CONFIG_CHANGE']);
  });
});
