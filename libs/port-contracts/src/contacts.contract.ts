import {
  AccountId,
  ALTERNATE_CONTACT_TYPES,
  AlternateContact,
  AlternateContactType,
  ContactApiError,
  ContactInformation,
  ContactKind,
  ContactsPort,
  ContactSlot,
  Removal,
} from '@contact-sync/domain';
import { textsOf } from './personal-data';

/** A contacts port over an organization with one ACTIVE member, whose contacts are all unset. */
export interface ContactsFixture {
  readonly port: ContactsPort;
  readonly memberId: AccountId;
  /**
   * Stores `raw` as the contact of `kind` (`accountId` undefined: the management account) past any
   * validation, as a value set elsewhere would be, so that reads of values breaking the rules can be checked.
   */
  plant(kind: ContactKind, raw: Readonly<Record<string, string>>, accountId?: AccountId): Promise<void>;
  /**
   * What deleting an unset contact answers. ABSENT where the API answers ResourceNotFoundException,
   * as AWS documents for DeleteAlternateContact; REMOVED where it answers success for it (moto 5.2.1
   * deletes silently, so the adapter cannot tell that nothing was set).
   */
  readonly removingUnset: Removal;
}

type Target = 'the management account' | 'a member account';
const TARGETS: readonly Target[] = ['the management account', 'a member account'];
/** `AccountId` is left out for the management account: the API refuses the caller's own id. */
const idOf = (target: Target, fixture: ContactsFixture): AccountId | undefined =>
  target === 'a member account' ? fixture.memberId : undefined;

/** A valid alternate contact of `type`, different for each `tag`. */
export const anAlternateContact = (type: AlternateContactType, tag: string): AlternateContact =>
  AlternateContact.of({
    AlternateContactType: type,
    Name: `Avery Quinn ${tag}`,
    Title: `${type} lead`,
    EmailAddress: `avery.${tag}@example.com`,
    PhoneNumber: '+1 206 555 0100',
  });

/** A valid primary contact, different for each `tag`. */
export const aContactInformation = (tag: string): ContactInformation =>
  ContactInformation.of({
    FullName: `Jordan Reyes ${tag}`,
    AddressLine1: '410 Terry Ave N',
    City: 'Seattle',
    StateOrRegion: 'WA',
    PostalCode: '98109',
    CountryCode: 'US',
    PhoneNumber: '+1 206 555 0199',
  });

/** Values no contact may hold: each breaks an API rule, and each is easy to find in a text. */
const BAD_ALTERNATE = {
  Name: 'Unlisted Person',
  Title: 'Hidden Title',
  EmailAddress: 'not-an-email-address',
  PhoneNumber: 'call me maybe',
};
const BAD_PRIMARY = {
  FullName: 'Unlisted Person',
  AddressLine1: '1 Secret Lane',
  City: 'Hiddenville',
  PostalCode: '00000',
  CountryCode: 'ZZ',
  PhoneNumber: '555-no-plus',
};

const json = (slot: ContactSlot) => slot?.toJSON();

/** Reading a planted bad value fails with INVALID for `operation`, and no text of the error holds a planted value. */
async function expectInvalid(read: Promise<ContactSlot>, operation: string, planted: Readonly<Record<string, string>>): Promise<void> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContactApiError);
  expect(error).toMatchObject({ code: 'INVALID', operation });
  const texts = textsOf(error).join('\n');
  for (const value of Object.values(planted)) expect(texts).not.toContain(value);
}

/**
 * The alternate contacts (BILLING, OPERATIONS, SECURITY) every {@link ContactsPort} handles, on the
 * management account and on a member. Call inside a test file; it declares its own `describe` block.
 */
export function contactsContract(adapterName: string, make: () => Promise<ContactsFixture>): void {
  describe(`ContactsPort contract, alternate contacts: ${adapterName}`, () => {
    it.each(TARGETS)('reads every unset alternate contact of %s as undefined', async (target) => {
      const fixture = await make();
      const id = idOf(target, fixture);
      expect(await Promise.all(ALTERNATE_CONTACT_TYPES.map((type) => fixture.port.read(type, id)))).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    });

    it.each(TARGETS)(
      'writes each alternate contact of %s and reads back the same value, one type never touching another',
      async (target) => {
        const fixture = await make();
        const id = idOf(target, fixture);
        const billing = anAlternateContact('BILLING', 'b1');
        await fixture.port.write(billing, id);
        expect(await Promise.all(ALTERNATE_CONTACT_TYPES.map(async (type) => json(await fixture.port.read(type, id))))).toEqual([
          billing.toJSON(),
          undefined,
          undefined,
        ]);
        const all = ALTERNATE_CONTACT_TYPES.map((type) => anAlternateContact(type, 'all'));
        for (const contact of all) await fixture.port.write(contact, id);
        expect(await Promise.all(ALTERNATE_CONTACT_TYPES.map(async (type) => json(await fixture.port.read(type, id))))).toEqual(
          all.map((c) => c.toJSON()),
        );
      },
    );

    it.each(TARGETS)('replaces a contact of %s on a second write', async (target) => {
      const fixture = await make();
      const id = idOf(target, fixture);
      await fixture.port.write(anAlternateContact('SECURITY', 'old'), id);
      await fixture.port.write(anAlternateContact('SECURITY', 'new'), id);
      expect(json(await fixture.port.read('SECURITY', id))).toEqual(anAlternateContact('SECURITY', 'new').toJSON());
    });

    it('keeps accounts apart: a member write leaves the management account alone, and the other way round', async () => {
      const fixture = await make();
      const management = anAlternateContact('OPERATIONS', 'management');
      const member = anAlternateContact('OPERATIONS', 'member');
      await fixture.port.write(management);
      expect(await fixture.port.read('OPERATIONS', fixture.memberId)).toBeUndefined();
      await fixture.port.write(member, fixture.memberId);
      expect([json(await fixture.port.read('OPERATIONS')), json(await fixture.port.read('OPERATIONS', fixture.memberId))]).toEqual([
        management.toJSON(),
        member.toJSON(),
      ]);
    });

    it.each(TARGETS)('removes a contact of %s: it then reads as undefined, and the other types stay', async (target) => {
      const fixture = await make();
      const id = idOf(target, fixture);
      const billing = anAlternateContact('BILLING', 'stays');
      await fixture.port.write(billing, id);
      await fixture.port.write(anAlternateContact('SECURITY', 'goes'), id);
      expect(await fixture.port.remove('SECURITY', id)).toBe('REMOVED');
      expect([json(await fixture.port.read('BILLING', id)), await fixture.port.read('SECURITY', id)]).toEqual([
        billing.toJSON(),
        undefined,
      ]);
    });

    it.each(TARGETS)('removes an unset contact of %s without an error, saying what the API answered', async (target) => {
      const fixture = await make();
      const id = idOf(target, fixture);
      await expect(fixture.port.remove('BILLING', id)).resolves.toBe(fixture.removingUnset);
      expect(await fixture.port.read('BILLING', id)).toBeUndefined();
    });

    it.each(TARGETS)('reads a stored value of %s that breaks the API rules as INVALID, naming no value', async (target) => {
      const fixture = await make();
      const id = idOf(target, fixture);
      const planted = { AlternateContactType: 'SECURITY', ...BAD_ALTERNATE };
      await fixture.plant('SECURITY', planted, id);
      await expectInvalid(fixture.port.read('SECURITY', id), 'GetAlternateContact', BAD_ALTERNATE);
    });
  });
}

/**
 * The primary contact (ContactInformation) every {@link ContactsPort} handles. A separate suite
 * because moto, the AWS emulator the AWS adapters are tested on, does not implement it.
 */
export function contactInformationContract(adapterName: string, make: () => Promise<ContactsFixture>): void {
  describe(`ContactsPort contract, primary contact (ContactInformation): ${adapterName}`, () => {
    it.each(TARGETS)('reads an unset primary contact of %s as undefined', async (target) => {
      const fixture = await make();
      expect(await fixture.port.read('PRIMARY', idOf(target, fixture))).toBeUndefined();
    });

    it.each(TARGETS)('writes the primary contact of %s and reads back the same value, replacing it on a second write', async (target) => {
      const fixture = await make();
      const id = idOf(target, fixture);
      await fixture.port.write(aContactInformation('first'), id);
      expect(json(await fixture.port.read('PRIMARY', id))).toEqual(aContactInformation('first').toJSON());
      await fixture.port.write(aContactInformation('second'), id);
      expect(json(await fixture.port.read('PRIMARY', id))).toEqual(aContactInformation('second').toJSON());
    });

    it('keeps the primary contact apart from the alternate contacts and from the other account', async () => {
      const fixture = await make();
      await fixture.port.write(aContactInformation('management'));
      expect([await fixture.port.read('PRIMARY', fixture.memberId), await fixture.port.read('BILLING')]).toEqual([undefined, undefined]);
    });

    it.each(TARGETS)('reads a stored primary contact of %s that breaks the API rules as INVALID, naming no value', async (target) => {
      const fixture = await make();
      const id = idOf(target, fixture);
      await fixture.plant('PRIMARY', BAD_PRIMARY, id);
      await expectInvalid(fixture.port.read('PRIMARY', id), 'GetContactInformation', BAD_PRIMARY);
    });
  });
}
