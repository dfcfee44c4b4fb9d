import { AlternateContact, ContactFingerprints, ContactInformation, DEFAULT_RATE_SETTINGS, MemberAccount } from '@contact-sync/domain';
import { InMemoryKeyedHash } from '@contact-sync/adapters-memory';
import {
  AccountServiceBehaviour,
  DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
  OrganizationModel,
  SeededRandom,
  SimulatedAccountService,
  VirtualTime,
} from '@contact-sync/simulated-aws';
import { WriteLedger } from './write-ledger';

const START = Date.UTC(2026, 10, 22, 9, 0, 0);
const MEMBERS = ['100000000001', '100000000002', '100000000003'];
const account = (id: string, isManagement = false): MemberAccount => ({
  id,
  name: id,
  state: 'ACTIVE',
  isManagement,
  joinedAt: new Date(START).toISOString(),
});
/** Quotas far above what the test asks, so that nothing is throttled. */
const UNLIMITED = Object.fromEntries(
  Object.keys(DEFAULT_RATE_SETTINGS).map((op) => [op, { ratePerSecond: 1000, burst: 1000 }]),
) as unknown as AccountServiceBehaviour['quotas'];

const security = (name: string, email: string) =>
  AlternateContact.of({ AlternateContactType: 'SECURITY', Name: name, Title: 'CISO', EmailAddress: email, PhoneNumber: '+1 555 0100' });

describe('WriteLedger', () => {
  it('fingerprints each applied value as the workers do, however many values of a kind are written and however alike they are', async () => {
    const time = new VirtualTime(START);
    const model = new OrganizationModel([account('100000000000', true), ...MEMBERS.map((id) => account(id))]);
    const service = new SimulatedAccountService(model, time, new SeededRandom(1), {
      ...DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
      quotas: UNLIMITED,
    });
    const fingerprints = new ContactFingerprints(new InMemoryKeyedHash());
    const ledger = new WriteLedger(service, { time, random: new SeededRandom(2) }, () => undefined, fingerprints);
    const contacts = ledger.contactsFor('run-1');
    // Values that differ only in one field's text, values that share every text but under other
    // fields (in another order, or the same), 300 values (more than the ledger keeps), and the first
    // value again.
    const values = [
      security('Ana', 'ana@example.com'),
      security('Bo', 'ana@example.com'),
      AlternateContact.of({
        AlternateContactType: 'SECURITY',
        Name: 'CISO',
        Title: 'Ana',
        EmailAddress: 'ana@example.com',
        PhoneNumber: '+1 555 0100',
      }),
      ...Array.from({ length: 300 }, (_, i) => security(`Team ${i}`, `team${i}@example.com`)),
      security('Ana', 'ana@example.com'),
      ContactInformation.of({
        FullName: 'Ana',
        AddressLine1: '1 Main St',
        AddressLine2: 'Floor 2',
        City: 'Springfield',
        CountryCode: 'DE',
        StateOrRegion: 'Berlin',
        PhoneNumber: '+1 555 0100',
        PostalCode: '12345',
      }),
      ContactInformation.of({
        FullName: 'Ana',
        AddressLine1: '1 Main St',
        AddressLine3: 'Floor 2',
        City: 'Springfield',
        CountryCode: 'DE',
        StateOrRegion: 'Berlin',
        PhoneNumber: '+1 555 0100',
        PostalCode: '12345',
      }),
    ];
    await time.run(async () => {
      for (const [i, value] of values.entries()) await contacts.write(value, MEMBERS[i % MEMBERS.length]);
    });
    expect(ledger.applied.map((w) => w.afterFingerprint)).toEqual(values.map((v) => fingerprints.of(v)));
    const other = new ContactFingerprints(new InMemoryKeyedHash());
    expect(new Set(values.map((v) => other.of(v))).size).toBe(values.length - 1);
  });
});
