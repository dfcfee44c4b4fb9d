import {
  ContactKind,
  DEFAULT_LAUNCH_OPTIONS,
  DEFAULT_SWEEP_OPTIONS,
  detectContactChange,
  isVerificationRun,
  OnboardAccount,
  ProcessWorkItem,
  Reconcile,
  StartSyncFromChange,
  SyncConfig,
  syncConfigOf,
  tagReadLimitFor,
} from '@contact-sync/domain';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import { ExecutionEnvironment, generateAccounts, randomContact, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { createFunctionContainer } from './composition';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { LateWritesContacts } from './late-writes';

const MINUTE = 60_000;

/** An organization of `members` active members with settled contacts, on the simulated AWS. */
function organization(members: number, seed: number): { sim: SimulatedAws; config: SyncConfig; random: SeededRandom } {
  const random = new SeededRandom(seed);
  const spec = { members, drift: 0.3, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf({});
  const sim = createSimulatedAws({ accounts, seed: seed + 1, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  return { sim, config, random };
}

/** Members whose `kind` is not the management account's (settled) value. */
function staleMembers(sim: SimulatedAws, kind: ContactKind): string[] {
  const wanted = JSON.stringify(sim.model.settled(sim.model.managementAccountId, kind));
  return sim.model
    .listAccounts()
    .filter((a) => !a.isManagement && JSON.stringify(sim.model.settled(a.id, kind)) !== wanted)
    .map((a) => a.id);
}

/** A SECURITY change on the management account, visible to reads `visibleAfterMs` later, and its CloudTrail event with `eventTime` skewed by `skewMs`. */
function securityChange(sim: SimulatedAws, random: SeededRandom, n: number, options: { visibleAfterMs?: number; skewMs?: number } = {}) {
  const now = sim.time.now();
  const management = sim.model.managementAccountId;
  sim.model.write(
    management,
    'SECURITY',
    randomContact('SECURITY', random, `.v${n}`),
    now,
    options.visibleAfterMs !== undefined ? now + options.visibleAfterMs : sim.accountService.visibleAt(now),
  );
  return contactWriteEvent({
    eventId: `evt-${n}`,
    eventTime: new Date(now + (options.skewMs ?? 0)).toISOString(),
    alternateContactType: 'SECURITY',
    managementAccountId: management,
  });
}

describe('issue 24 table rows on timing, each ending with every member in line', () => {
  it('an onboarding that starts inside the management write’s read-after-write window never writes the old value last', async () => {
    // Step by step, in one environment: the change's run claims SECURITY, the account joins and its
    // onboarding starts while the new value does not show yet, and the onboarding's item is worked last.
    const { sim, config, random } = organization(4, 31);
    const env = new ExecutionEnvironment('env-1', sim.time);
    const container = createFunctionContainer(sim, env, {
      rates: config.rates,
      tagReads: tagReadLimitFor(1),
      launch: DEFAULT_LAUNCH_OPTIONS,
      sweep: DEFAULT_SWEEP_OPTIONS,
    });
    const joined = '999999999999';
    await sim.time.run(async () => {
      const event = securityChange(sim, random, 1, { visibleAfterMs: 3_000 });
      const change = detectContactChange(event, sim.model.managementAccountId);
      if (!change.ok) throw new Error('the change event is not read as one');
      await sim.time.sleep(500);
      const started = container.get(StartSyncFromChange).execute(change.value);
      await sim.time.sleep(500);
      sim.model.addAccount({
        id: joined,
        name: 'joined',
        state: 'ACTIVE',
        joinedAt: new Date(sim.time.now()).toISOString(),
        isManagement: false,
      });
      const onboarded = await container.get(OnboardAccount).execute({ accountId: joined, eventId: 'evt-join', initiator: 'organizations' });
      expect(onboarded.status).toBe('STARTED');
      expect((await started).status).toBe('STARTED');
      // Work the change's items first and the onboarding's last: the order that left the old value.
      const items = [];
      for (let item = sim.workQueue.take(); item; item = sim.workQueue.take()) items.push(item);
      const ordered = [...items.filter((i) => i.runId.startsWith('chg-')), ...items.filter((i) => i.runId.startsWith('new-'))];
      expect(ordered.map((i) => i.runId.slice(0, 4))).toContain('new-');
      for (const item of ordered) await container.get(ProcessWorkItem).execute(item, { holder: `h-${item.itemId}` });
    });
    sim.time.advance(MINUTE);
    expect(staleMembers(sim, 'SECURITY')).toEqual([]);
    expect(sim.model.settled(joined, 'SECURITY')).toEqual(sim.model.settled(sim.model.managementAccountId, 'SECURITY'));
  });

  it.each([
    ['10 minutes', 10 * MINUTE],
    ['a day', 24 * 60 * MINUTE],
  ])('a CloudTrail eventTime %s ahead of the functions’ clock never makes the genuine later change stale', async (_ahead, skewMs) => {
    const { sim, config, random } = organization(12, 41);
    const system = new DeployedSystem(sim, config.rates, AWS_DELIVERY);
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        system.deliverEvent(securityChange(sim, random, 1, { skewMs }));
        await sim.time.sleep(2 * MINUTE);
        system.deliverEvent(securityChange(sim, random, 2));
      }),
    );
    const quiet = await settle(sim, system, new Set());
    expect(system.stats.events['STARTED']).toBe(2);
    expect(system.stats.events['STALE']).toBeUndefined();
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(staleMembers(sim, 'SECURITY')).toEqual([]);
  });

  it('a reconcile takes a kind over from a change whose eventTime is a day ahead', async () => {
    const { sim, config, random } = organization(6, 43);
    const system = new DeployedSystem(sim, config.rates, AWS_DELIVERY);
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        system.deliverEvent(securityChange(sim, random, 1, { skewMs: 24 * 60 * MINUTE }));
        await sim.time.sleep(2 * MINUTE);
        // A member edits its own contact; the reconcile brings it back.
        const member = sim.model.listAccounts().find((a) => !a.isManagement)?.id as string;
        sim.model.write(member, 'SECURITY', randomContact('SECURITY', random, '.edited'), sim.time.now());
        const result = await system.operatorContainer().get(Reconcile).execute({ dryRun: false, runId: 'rec-1', initiator: 'operator' });
        expect(result.status).toBe('STARTED');
      }),
    );
    const quiet = await settle(sim, system, new Set());
    expect(quiet.runs.find((r) => r.runId === 'rec-1')?.generations).toEqual({
      PRIMARY: 1,
      BILLING: 1,
      OPERATIONS: 1,
      SECURITY: 2,
    });
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(staleMembers(sim, 'SECURITY')).toEqual([]);
  });

  it('Account Management requests slower than the write fence (up to 5 minutes) leave no member on the older value under overlapping changes', async () => {
    const { sim, config, random } = organization(20, 47);
    // The first change's writes meet latency tails up to SigV4's 5 minutes (the client gives up after
    // 10 s, the request still lands); the second change, 30 s later, writes over a fast network.
    const contacts = new LateWritesContacts(sim.contacts, sim.time, new SeededRandom(48), {
      slowWriteRate: 0.5,
      maxDelayMs: 5 * MINUTE,
      lostAnswerRate: 0.1,
      clientTimeoutMs: 10_000,
    });
    const system = new DeployedSystem({ ...sim, contacts }, config.rates, AWS_DELIVERY);
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        system.deliverEvent(securityChange(sim, random, 1));
        await sim.time.sleep(30_000);
        contacts.hostility = { ...contacts.hostility, slowWriteRate: 0, lostAnswerRate: 0 };
        system.deliverEvent(securityChange(sim, random, 2));
      }),
    );
    const quiet = await settle(sim, system, new Set());
    expect(staleMembers(sim, 'SECURITY')).toEqual([]);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    // The hazard was there: older writes landed after their client gave up, and were verified.
    expect(contacts.landedAfterTimeout).toBeGreaterThan(0);
    expect(quiet.runs.some(isVerificationRun)).toBe(true);
  });
});
