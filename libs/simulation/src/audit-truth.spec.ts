import { Container } from 'inversify';
import {
  AccountId,
  AlternateContactType,
  ContactApiError,
  ContactFingerprints,
  ContactsPort,
  DEFAULT_LAUNCH_OPTIONS,
  DEFAULT_SWEEP_OPTIONS,
  detectContactChange,
  ProcessWorkItem,
  ResilientContacts,
  StartSyncFromChange,
  syncConfigOf,
  tagReadLimitFor,
} from '@contact-sync/domain';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { createSimulatedAws } from '@contact-sync/composition';
import { ExecutionEnvironment, generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { createFunctionContainer } from './composition';
import { checkInvariants, PROMISES_KEPT } from './invariants';
import { WriteLedger } from './write-ledger';

/** What happens to one member's BILLING delete on its way, in the order of the members. */
type Hazard =
  /** The member's own admin deletes the contact after the worker read it and before its delete arrives. */
  | 'deleted by another writer after the read'
  /** The delete takes effect and its answer is lost (the SDK times out 10 s later): the retry finds nothing to delete. */
  | 'answer lost, the retry finds it gone'
  /** An earlier delivery stored its write intent and was cut off before its request went out; the admin then deleted the contact. */
  | 'earlier delivery cut off, then deleted by another writer';

const HAZARDS: readonly Hazard[] = [
  'deleted by another writer after the read',
  'answer lost, the retry finds it gone',
  'earlier delivery cut off, then deleted by another writer',
];

/**
 * The contacts API as one run's worker meets it, each request attributed to the run by the write
 * ledger: the world around it (another writer, the network) acts on the members given hazards.
 */
class HostileWorld implements ContactsPort {
  private readonly lostOnce = new Set<AccountId>();

  constructor(
    private readonly inner: ContactsPort,
    private readonly hazards: ReadonlyMap<AccountId, Hazard>,
    private readonly deleteElsewhere: (accountId: AccountId, type: AlternateContactType) => void,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  read: ContactsPort['read'] = (kind, accountId) => this.inner.read(kind, accountId);
  write: ContactsPort['write'] = (value, accountId) => this.inner.write(value, accountId);

  async remove(type: AlternateContactType, accountId?: AccountId) {
    const hazard = accountId === undefined ? undefined : this.hazards.get(accountId);
    if (hazard === 'deleted by another writer after the read') this.deleteElsewhere(accountId as AccountId, type);
    const answer = await this.inner.remove(type, accountId);
    if (hazard === 'answer lost, the retry finds it gone' && !this.lostOnce.has(accountId as AccountId)) {
      this.lostOnce.add(accountId as AccountId);
      await this.sleep(10_000);
      throw new ContactApiError('TRANSIENT', 'DeleteAlternateContact');
    }
    return answer;
  }
}

describe('the audit says what was written: a delete that finds nothing to delete', () => {
  it('is never audited UPDATED, and is unconfirmed when an earlier attempt of the run may be what deleted it', async () => {
    const random = new SeededRandom(24);
    const spec = { members: HAZARDS.length + 1, drift: 0, unset: 0 };
    const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
    const config = syncConfigOf({ propagateDeletions: true });
    const sim = createSimulatedAws({ accounts, seed: 25, config });
    seedContacts(sim.model, spec, random, sim.time.now());
    const since = sim.model.mark();
    const fingerprints = new ContactFingerprints(sim.keyedHash);
    const ledger = new WriteLedger(sim.accountService, sim, () => undefined, fingerprints);
    const env = new ExecutionEnvironment('env-1', sim.time);
    const container = createFunctionContainer(sim, env, {
      rates: config.rates,
      tagReads: tagReadLimitFor(1),
      launch: DEFAULT_LAUNCH_OPTIONS,
      sweep: DEFAULT_SWEEP_OPTIONS,
    });
    const management = sim.model.managementAccountId;
    const members = sim.model
      .listAccounts()
      .filter((a) => !a.isManagement)
      .map((a) => a.id)
      .sort();
    const hazards = new Map(HAZARDS.map((hazard, i) => [members[i] as AccountId, hazard]));
    // The last member meets no hazard: its delete is a plain write of the run.
    const plain = members[HAZARDS.length] as AccountId;
    const deleteElsewhere = (accountId: AccountId, type: AlternateContactType) =>
      sim.model.write(accountId, type, undefined, sim.time.now(), sim.time.now());

    const runId = await sim.time.run(async () => {
      sim.model.write(management, 'BILLING', undefined, sim.time.now(), sim.time.now());
      const change = detectContactChange(
        contactWriteEvent({
          eventId: 'billing-delete',
          eventTime: new Date(sim.time.now()).toISOString(),
          eventName: 'DeleteAlternateContact',
          alternateContactType: 'BILLING',
          managementAccountId: management,
        }),
        management,
      );
      if (!change.ok) throw new Error('the delete event is not read as a change');
      const started = await container.get(StartSyncFromChange).execute(change.value);
      if (started.status !== 'STARTED') throw new Error(`the change did not start a run: ${started.status}`);
      const id = started.run.runId;
      const cutOff = HAZARDS.indexOf('earlier delivery cut off, then deleted by another writer');
      const victim = members[cutOff] as AccountId;
      await sim.syncState.recordIntent({
        runId: id,
        accountId: victim,
        kind: 'BILLING',
        action: 'DELETE',
        beforeFingerprint: fingerprints.of(undefined),
        afterFingerprint: fingerprints.of(undefined),
        at: new Date(sim.time.now()).toISOString(),
      });
      deleteElsewhere(victim, 'BILLING');
      const child = new Container({ parent: container });
      const contacts = new HostileWorld(ledger.contactsFor(id), hazards, deleteElsewhere, (ms) => sim.time.sleep(ms));
      child.bind(ResilientContacts).toConstantValue(container.get(ResilientContacts).withContacts(contacts));
      const worker = child.get(ProcessWorkItem);
      for (let item = sim.workQueue.take(); item; item = sim.workQueue.take()) {
        const result = await worker.execute(item, { holder: `h-${item.itemId}` });
        expect(result.status).toBe('DONE');
      }
      return id;
    });
    sim.time.advance(60_000);

    // Judged from outside: every audit entry against the writes the service applied for its run.
    const runs = sim.syncState.allRuns();
    const outcomes = (await Promise.all(runs.map((r) => sim.syncState.listOutcomes(r.runId)))).flat();
    const invariants = checkInvariants({
      model: sim.model,
      config,
      runs,
      outcomes,
      targets: new Map(runs.map((r) => [r.runId, members])),
      audit: sim.auditLog.all(),
      applied: ledger.applied,
      refusing: new Set(),
      since,
      configs: [config],
    });
    expect(invariants).toEqual(PROMISES_KEPT);

    const billing = sim.auditLog.all().filter((e) => e.runId === runId && e.kind === 'BILLING');
    const entry = (accountId: AccountId) => billing.find((e) => e.accountId === accountId);
    const absent = fingerprints.of(undefined);
    expect(Object.fromEntries(HAZARDS.map((hazard, i) => [hazard, entry(members[i] as AccountId)]))).toEqual({
      'deleted by another writer after the read': expect.objectContaining({ status: 'UNCHANGED', afterFingerprint: absent }),
      'answer lost, the retry finds it gone': expect.objectContaining({
        status: 'UNCHANGED',
        afterFingerprint: absent,
        unconfirmedWrite: true,
      }),
      'earlier delivery cut off, then deleted by another writer': expect.objectContaining({
        status: 'UNCHANGED',
        afterFingerprint: absent,
        unconfirmedWrite: true,
      }),
    });
    expect(entry(members[0] as AccountId)?.unconfirmedWrite).toBeUndefined();
    expect(entry(plain)).toMatchObject({ status: 'UPDATED', detail: 'DELETE', afterFingerprint: absent });
    // What the service applied for the run: the lost answer's delete and the plain one, nothing else.
    expect(
      ledger.applied
        .filter((w) => w.runId === runId && w.kind === 'BILLING')
        .map((w) => w.accountId)
        .sort(),
    ).toEqual([members[HAZARDS.indexOf('answer lost, the retry finds it gone')], plain].sort());
  });
});
