import fc from 'fast-check';
import {
  AccountOutcome,
  ALTERNATE_CONTACT_TYPES,
  AUDIT_RETENTION_DAYS,
  ContactKind,
  contactWriteEvent,
  detectContactChange,
  MemberAccount,
  ProcessWorkItem,
  StartSyncFromChange,
  syncConfigOf,
  SyncConfigInput,
  TOKENS,
} from '@contact-sync/domain';
import { InMemoryAuditLog, InMemorySyncState, InMemoryWorkQueue, OrganizationModel, SeededRandom, StoredContact, VirtualTime } from '@contact-sync/adapters-memory';
import { kindsArb, organizationArb } from '@contact-sync/domain/testing';
import { createSimulationContainer, SIM } from './composition';
import { randomContact } from '@contact-sync/adapters-memory';

interface Faults {
  transientErrorRate: number;
  spuriousThrottleRate: number;
  deniedFraction: number;
}

/** A generated organization, a config over it, the changed kind, and a seed. */
const worldArb = organizationArb(15).chain((accounts) =>
  fc.record({
    accounts: fc.constant(accounts),
    excluded: fc.subarray(accounts.map((a) => a.id), { maxLength: Math.min(4, accounts.length) }),
    kinds: kindsArb,
    propagateDeletions: fc.boolean(),
    changed: fc.constantFrom<ContactKind>('PRIMARY', ...ALTERNATE_CONTACT_TYPES),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    drift: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const faultsArb: fc.Arbitrary<Faults> = fc.record({
  transientErrorRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  spuriousThrottleRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  deniedFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
});

const NO_FAULTS: Faults = { transientErrorRate: 0, spuriousThrottleRate: 0, deniedFraction: 0 };

/** Builds the world, changes the management account's contact, delivers `deliveries` (indexes into the changes made) and drains the queue. */
async function simulate(world: World, faults: Faults, deliveries: number[] = [0]) {
  const random = new SeededRandom(world.seed);
  const denied = new Set(world.accounts.filter((a) => !a.isManagement && random.next() < faults.deniedFraction).map((a) => a.id));
  const config: SyncConfigInput = { kinds: world.kinds, excludedAccountIds: world.excluded, propagateDeletions: world.propagateDeletions };
  const container = createSimulationContainer({
    accounts: world.accounts,
    seed: world.seed,
    config: syncConfigOf(config),
    behaviour: { transientErrorRate: faults.transientErrorRate, spuriousThrottleRate: faults.spuriousThrottleRate, accessDeniedAccounts: denied },
  });
  const time = container.get<VirtualTime>(SIM.Time);
  const model = container.get<OrganizationModel>(SIM.Model);
  const management = model.managementAccountId;
  const kinds: ContactKind[] = ['PRIMARY', ...ALTERNATE_CONTACT_TYPES];
  for (const account of world.accounts) {
    for (const kind of kinds) {
      if (!account.isManagement && random.next() < world.drift) continue;
      model.write(account.id, kind, randomContact(kind, random, account.isManagement ? '' : `.${account.id.slice(-3)}`), time.now());
    }
  }
  const before = snapshot(model, world.accounts);
  const events = Math.max(...deliveries) + 1;
  const changes: Array<Record<string, unknown>> = [];
  for (let i = 0; i < events; i += 1) {
    time.advance(1000);
    model.write(management, world.changed, randomContact(world.changed, random, `.v${i}`), time.now());
    changes.push(
      contactWriteEvent({
        eventId: `evt-${i}`,
        eventTime: new Date(time.now()).toISOString(),
        eventName: world.changed === 'PRIMARY' ? 'PutContactInformation' : 'PutAlternateContact',
        alternateContactType: world.changed === 'PRIMARY' ? undefined : world.changed,
        managementAccountId: management,
      }),
    );
  }
  const startSync = container.get<StartSyncFromChange>(TOKENS.StartSyncFromChange);
  const processItem = container.get<ProcessWorkItem>(TOKENS.ProcessWorkItem);
  const queue = container.get<InMemoryWorkQueue>(TOKENS.WorkQueue);
  const state = container.get<InMemorySyncState>(TOKENS.SyncState);
  await time.run(async () => {
    for (const index of deliveries) {
      const change = detectContactChange(changes[index]);
      if (!change.ok) throw new Error(change.error.message);
      await startSync.execute(change.value);
    }
    await Promise.all([0, 1, 2].map(async () => {
      for (let item = queue.take(); item; item = queue.take()) await processItem.execute(item);
    }));
  });
  time.advance(60_000);
  const runs = state.allRuns();
  const outcomes: AccountOutcome[] = [];
  for (const run of runs) outcomes.push(...(await state.listOutcomes(run.runId)));
  const targeted = world.kinds.includes(world.changed)
    ? world.accounts.filter((a) => !a.isManagement && a.state === 'ACTIVE' && !world.excluded.includes(a.id)).map((a) => a.id)
    : [];
  return { model, management, before, after: snapshot(model, world.accounts), runs, outcomes, targeted, denied, audit: container.get<InMemoryAuditLog>(TOKENS.AuditLog), time };
}

function snapshot(model: OrganizationModel, accounts: readonly MemberAccount[]): Map<string, StoredContact | undefined> {
  const kinds: ContactKind[] = ['PRIMARY', ...ALTERNATE_CONTACT_TYPES];
  return new Map(accounts.flatMap((a) => kinds.map((k) => [`${a.id}#${k}`, model.settled(a.id, k)] as const)));
}

describe('Property 2: propagation consistency', () => {
  it("after a sync every targeted account's changed kind equals the management account's, and nothing else was written", async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const r = await simulate(world, NO_FAULTS);
        const wanted = JSON.stringify(r.model.settled(r.management, world.changed));
        for (const id of r.targeted) {
          const current = r.after.get(`${id}#${world.changed}`);
          const deletionKept = current !== undefined && wanted === undefined && !world.propagateDeletions;
          if (!deletionKept) expect(JSON.stringify(current)).toBe(wanted);
        }
        for (const [key, value] of r.after) {
          const [id, kind] = key.split('#');
          const targeted = kind === world.changed && r.targeted.includes(id as string);
          if (!targeted && id !== r.management) expect(value).toEqual(r.before.get(key));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('Property 4: resilient processing', () => {
  it('with any fault pattern, every targeted account-kind has exactly one outcome, and failures stay with their accounts', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, faultsArb, async (world, faults) => {
        const r = await simulate(world, faults);
        const keys = r.outcomes.map((o) => `${o.accountId}#${o.kind}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.sort()).toEqual(r.targeted.map((id) => `${id}#${world.changed}`).sort());
        const wanted = JSON.stringify(r.model.settled(r.management, world.changed));
        for (const o of r.outcomes) {
          if (r.denied.has(o.accountId)) expect(o).toMatchObject({ status: 'FAILED', errorCode: 'ACCESS_DENIED' });
          else expect(o.status === 'FAILED' ? ['TRANSIENT', 'THROTTLED'] : []).toEqual(o.status === 'FAILED' ? expect.arrayContaining([o.errorCode]) : []);
          if (o.status === 'UPDATED' || o.status === 'UNCHANGED') expect(JSON.stringify(r.after.get(`${o.accountId}#${o.kind}`))).toBe(wanted);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('Property 5: audit logging', () => {
  it('every outcome has exactly one audit entry, expiring 90 days after it was written', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, faultsArb, async (world, faults) => {
        const r = await simulate(world, faults, [0, 0]);
        const entries = r.audit.all();
        expect(entries).toHaveLength(r.outcomes.length);
        for (const o of r.outcomes) {
          const matching = entries.filter((e) => e.runId === o.runId && e.accountId === o.accountId && e.kind === o.kind);
          expect(matching).toHaveLength(1);
          const entry = matching[0];
          expect(entry?.status).toBe(o.status);
          expect(entry?.expiresAt).toBe(Math.floor(Date.parse(o.at) / 1000) + AUDIT_RETENTION_DAYS * 86_400);
          expect(JSON.stringify(entry)).not.toMatch(/@example\.com|\+1 206/);
        }
        const page = await r.audit.query({ runId: r.runs[0]?.runId, limit: 1000 });
        expect(page.entries).toHaveLength(r.outcomes.length);
        r.time.advance(AUDIT_RETENTION_DAYS * 86_400_000);
        expect((await r.audit.query({ limit: 1000 })).entries).toHaveLength(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('Property 8: status reporting completeness', () => {
  it('updated + unchanged + skipped + failed = targeted account-kinds, and every failure carries its reason', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, faultsArb, async (world, faults) => {
        const r = await simulate(world, faults);
        for (const run of r.runs) {
          const report = run.report;
          expect(run.status).toBe('FINISHED');
          if (!report) throw new Error('a finished run has a report');
          expect(report.updated + report.unchanged + report.skipped + report.failed).toBe(report.targeted);
          expect(report.missing).toBe(0);
          expect(report.failures).toHaveLength(report.failed);
          for (const failure of report.failures) expect(failure.errorCode).toMatch(/^[A-Z_]+$/);
          expect(report.status).toBe(report.failed === 0 ? 'SUCCEEDED' : report.failed === report.targeted ? 'FAILED' : 'PARTIAL');
        }
        expect(r.runs.reduce((n, run) => n + run.targetCount, 0)).toBe(r.targeted.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('Duplicate and reordered events', () => {
  it('never change the final state', async () => {
    const deliveriesArb = fc.shuffledSubarray([0, 1, 1, 0, 1], { minLength: 1 }).filter((d) => d.includes(1));
    await fc.assert(
      fc.asyncProperty(worldArb, deliveriesArb, async (world, deliveries) => {
        const inOrder = await simulate(world, NO_FAULTS, [0, 1]);
        const shuffled = await simulate(world, NO_FAULTS, deliveries);
        expect(shuffled.after).toEqual(inOrder.after);
        expect(shuffled.runs.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 60 },
    );
  });
});
