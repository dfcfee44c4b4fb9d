import { AccountId } from '../accounts/account-id';
import { DEFAULT_RATE_SETTINGS } from '../config/rate-settings';
import { AlternateContact } from '../contacts/alternate-contact';
import { AlternateContactType, ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue } from '../contacts/contact-value';
import { ContactsPort, Removal } from '../ports/contacts.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { resilientContactsFor } from '../resilience/resilient-contacts';
import { readOperation } from '../contacts/contact-kinds';
import { ManualTime } from '../testing/manual-time';
import { readManagementValues } from './management-values';
import { compareMember } from './member-comparison';

const MEMBER = '222222222222';
const security = (name: string) =>
  AlternateContact.of({
    AlternateContactType: 'SECURITY',
    Name: name,
    Title: 'CISO',
    EmailAddress: 'sec@example.com',
    PhoneNumber: '+1 206 555 0100',
  });

/** Contacts kept by account and kind (the management account under `management`); reads of `denied` kinds are refused. */
class StoredContacts implements ContactsPort {
  readonly stored = new Map<string, ContactValue>();
  readonly denied = new Set<ContactKind>();

  async read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    if (this.denied.has(kind)) throw new ContactApiError('ACCESS_DENIED', readOperation(kind));
    return this.stored.get(`${accountId ?? 'management'}#${kind}`);
  }

  async write(): Promise<void> {
    throw new Error('these steps only read');
  }

  async remove(_type: AlternateContactType): Promise<Removal> {
    throw new Error('these steps only read');
  }
}

const resilient = (contacts: ContactsPort) => {
  const time = new ManualTime();
  return resilientContactsFor({
    contacts,
    rates: DEFAULT_RATE_SETTINGS,
    clock: time,
    sleeper: time,
    random: { next: () => 0.5 },
    metrics: { add: () => undefined, flush: async () => undefined },
  });
};

describe('readManagementValues', () => {
  it('reads every kind, an unset one as undefined, and lists a kind it cannot read with its error without giving up the others', async () => {
    const contacts = new StoredContacts();
    contacts.stored.set('management#SECURITY', security('Sam Secure'));
    contacts.denied.add('BILLING');
    const { values, unreadable } = await readManagementValues(resilient(contacts), ['BILLING', 'SECURITY', 'OPERATIONS']);
    expect([...values]).toEqual([
      ['SECURITY', security('Sam Secure')],
      ['OPERATIONS', undefined],
    ]);
    expect(unreadable).toEqual([{ kind: 'BILLING', error: new ContactApiError('ACCESS_DENIED', 'GetAlternateContact') }]);
  });
});

describe('compareMember', () => {
  it('reads the member and says what bringing it to the wanted value takes', async () => {
    const contacts = new StoredContacts();
    contacts.stored.set(`${MEMBER}#SECURITY`, security('Old Owner'));
    const compare = (wanted: ContactSlot, propagateDeletions = false) =>
      compareMember(resilient(contacts), MEMBER, 'SECURITY', wanted, propagateDeletions);
    expect(await compare(security('Sam Secure'))).toEqual({
      current: security('Old Owner'),
      diff: { action: 'PUT', value: security('Sam Secure') },
      attempts: 1,
    });
    expect((await compare(security('Old Owner'))).diff).toEqual({ action: 'UNCHANGED' });
    expect((await compare(undefined)).diff).toEqual({ action: 'SKIP', reason: 'DELETION_NOT_PROPAGATED' });
    expect((await compare(undefined, true)).diff).toEqual({ action: 'DELETE' });
  });
});
