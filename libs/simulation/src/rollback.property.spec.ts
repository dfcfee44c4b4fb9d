import fc from 'fast-check';
import { CONTACT_KINDS, ContactKind, MemberAccount, RollbackRun, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import { OrganizationModel, randomContact, SeededRandom, StoredContact } from '@contact-sync/simulated-aws';
import { contactWriteEvent, organizationArb } from '@contact-sync/domain/testing';
import { DeployedSystem } from './deployed-system';
import { hostileDelivery } from './hostile-delivery';
import { settle } from './invariants';

/** What happens to a member contact after the run: left as the run made it, or edited by hand. */
type LaterEdit = 'NONE' | 'OTHER_VALUE' | 'DELETE' | 'SAME_VALUE_AGAIN';

/** A generated organization (with drift), the change the run propagates, how AWS delivers, and the edits made after it. */
const scenarioArb = organizationArb(12)
  .filter((accounts) => accounts.length >= 3)
  .chain((accounts) =>
    fc.record({
      accounts: fc.constant(accounts),
      kind: fc.constantFrom<ContactKind>('PRIMARY', 'BILLING', 'SECURITY', 'OPERATIONS'),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      drift: fc.double({ min: 0.2, max: 1, noNaN: true }),
      delivery: fc.record({
        sqsDuplicateRate: fc.constantFrom(0, 0.5),
        workerConcurrency: fc.constantFrom(1, 4),
        accountsPerItem: fc.constantFrom(1, 3, 25),
        crashFactor: fc.constant(0),
      }),
      edits: fc.array(fc.constantFrom<LaterEdit>('NONE', 'NONE', 'OTHER_VALUE', 'DELETE', 'SAME_VALUE_AGAIN'), {
        minLength: accounts.length,
        maxLength: accounts.length,
      }),
    }),
  );
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** Field order does not matter to the API: contacts are compared by their sorted fields. */
const canonical = (contact: StoredContact | undefined): string =>
  contact === undefined ? 'unset' : JSON.stringify(Object.entries(contact).sort(([a], [b]) => a.localeCompare(b)));

function snapshot(model: OrganizationModel, accounts: readonly MemberAccount[]): Map<string, StoredContact | undefined> {
  return new Map(accounts.flatMap((a) => CONTACT_KINDS.map((k) => [`${a.id}#${k}`, model.settled(a.id, k)] as const)));
}

/** The run, the edits, then the rollback: every member's contacts before the run, after the edits, and after the rollback. */
async function runThenRollback(s: Scenario) {
  const random = new SeededRandom(s.seed);
  const sim: SimulatedAws = createSimulatedAws({ accounts: s.accounts, seed: s.seed, config: syncConfigOf({}) });
  const management = sim.model.managementAccountId;
  for (const account of s.accounts)
    for (const kind of CONTACT_KINDS) {
      if (!account.isManagement && random.next() < s.drift) continue;
      sim.model.write(
        account.id,
        kind,
        randomContact(kind, random, account.isManagement ? '' : `.${account.id.slice(-3)}`),
        sim.time.now(),
      );
    }
  const before = snapshot(sim.model, s.accounts);
  const system = new DeployedSystem(sim, syncConfigOf({}).rates, hostileDelivery(s.delivery));
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      const now = sim.time.now();
      sim.model.write(management, s.kind, randomContact(s.kind, random, '.mgmt'), now, sim.accountService.visibleAt(now));
      system.deliverEvent(
        contactWriteEvent({
          eventId: 'evt-run',
          eventTime: new Date(now).toISOString(),
          eventName: s.kind === 'PRIMARY' ? 'PutContactInformation' : 'PutAlternateContact',
          alternateContactType: s.kind === 'PRIMARY' ? undefined : s.kind,
          managementAccountId: management,
        }),
      );
    }),
  );
  const { runs } = await settle(sim, system, new Set());
  const run = runs.find((r) => r.trigger === 'CHANGE');
  if (!run) throw new Error('the change started no run');
  const afterRun = snapshot(sim.model, s.accounts);
  // Later edits by hand, on the run's kind and on another (which the rollback must not touch either).
  for (const [i, account] of s.accounts.entries()) {
    if (account.isManagement) continue;
    const edit = s.edits[i] ?? 'NONE';
    const now = sim.time.now();
    const kind = edit === 'DELETE' && s.kind === 'PRIMARY' ? 'BILLING' : s.kind;
    if (edit === 'OTHER_VALUE') sim.model.write(account.id, kind, randomContact(kind, random, `.edit${i}`), now);
    if (edit === 'DELETE') sim.model.write(account.id, kind, undefined, now);
    if (edit === 'SAME_VALUE_AGAIN') sim.model.write(account.id, kind, afterRun.get(`${account.id}#${kind}`), now);
  }
  sim.time.advance(60_000);
  const edited = snapshot(sim.model, s.accounts);
  const rollback = system.operatorContainer().get(RollbackRun);
  const report = await sim.time.run(() =>
    rollback.apply(run.runId, { rollbackRunId: 'rollback-1', initiator: 'arn:aws:iam::111111111111:user/op' }),
  );
  sim.time.advance(60_000);
  return { sim, run, before, edited, after: snapshot(sim.model, s.accounts), report, management };
}

describe('Property: rollback', () => {
  /** Over all generated runs, so that the property is known not to hold only vacuously. */
  const seen = { restored: 0, leftAlone: 0 };
  afterAll(() => {
    expect(seen.restored).toBeGreaterThan(0);
    expect(seen.leftAlone).toBeGreaterThan(0);
  });

  it('restores exactly the members still holding the run’s value to what they held before it, and leaves every other contact as it is', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const r = await runThenRollback(s);
        const written = new Set(
          (await r.sim.syncState.listOutcomes(r.run.runId)).filter((o) => o.status === 'UPDATED').map((o) => `${o.accountId}#${o.kind}`),
        );
        const runValue = canonical(r.sim.model.settled(r.management, s.kind));
        let restored = 0;
        for (const [key, now] of r.after) {
          const stillRuns = written.has(key) && canonical(r.edited.get(key)) === runValue;
          const unsetPrimary = key.endsWith('#PRIMARY') && r.before.get(key) === undefined;
          const expected = stillRuns && !unsetPrimary ? r.before.get(key) : r.edited.get(key);
          expect({ key, value: canonical(now) }).toEqual({ key, value: canonical(expected) });
          if (stillRuns && !unsetPrimary) restored += 1;
          if (written.has(key) && !stillRuns) seen.leftAlone += 1;
        }
        expect(r.report.trigger).toBe('ROLLBACK');
        expect(r.report.updated).toBe(restored);
        seen.restored += restored;
        expect(r.report.failed).toBe(0);
        expect(r.sim.notifier.sent.map((n) => n.report.runId)).toContain('rollback-1');
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('keeps previous values sealed: no value a member held before the run is in a log, a notification, an audit entry, the run state or a kept record', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const r = await runThenRollback(s);
        const previous = [...r.before.values()].flatMap((c) => (c ? Object.values(c).filter((v) => /@|\d{4}$/.test(v)) : []));
        const visible = JSON.stringify({
          logs: r.sim.logger.records,
          notifications: r.sim.notifier.sent,
          audit: r.sim.auditLog.all(),
          state: r.sim.syncState.snapshot(),
          kept: r.sim.previousValues.all(),
        });
        for (const value of previous) expect(visible).not.toContain(value);
        // Every write, the run's and the rollback's, kept the value it overwrote.
        const kept = new Set(r.sim.previousValues.all().map((k) => `${k.runId}#${k.accountId}#${k.kind}`));
        for (const runId of [r.run.runId, 'rollback-1'])
          for (const o of await r.sim.syncState.listOutcomes(runId))
            if (o.status === 'UPDATED') expect(kept).toContain(`${runId}#${o.accountId}#${o.kind}`);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
