import fc from 'fast-check';
import { AccountState, ACCOUNT_STATES, MemberAccount } from '../accounts/member-account';
import { ALTERNATE_CONTACT_TYPES, CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { AlternateContactProps } from '../contacts/alternate-contact';
import { ContactInformationProps } from '../contacts/contact-information';
import { SyncConfigInput } from '../config/sync-config';

/** A 12-digit account id. */
export const accountIdArb = fc.stringMatching(/^\d{12}$/);

const wordArb = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z][A-Za-z .'-]{${min - 1},${max - 1}}$`)).map((s) => s.trim() || 'X');

/** A valid alternate contact of a given type, in canonical form. */
export const alternateContactPropsArb = (type?: (typeof ALTERNATE_CONTACT_TYPES)[number]): fc.Arbitrary<AlternateContactProps> =>
  fc.record({
    AlternateContactType: type ? fc.constant(type) : fc.constantFrom(...ALTERNATE_CONTACT_TYPES),
    Name: wordArb(1, 64),
    Title: wordArb(1, 50),
    EmailAddress: fc.stringMatching(/^[a-z0-9._+-]{1,20}@[a-z0-9-]{1,20}\.[a-z]{2,6}$/),
    PhoneNumber: fc.stringMatching(/^\+?[0-9]{6,15}$/),
  });

/** A valid primary contact, in canonical form. */
export const contactInformationPropsArb: fc.Arbitrary<ContactInformationProps> = fc.record(
  {
    FullName: wordArb(1, 50),
    AddressLine1: wordArb(1, 60),
    AddressLine2: wordArb(1, 60),
    City: wordArb(1, 50),
    StateOrRegion: wordArb(1, 50),
    PostalCode: fc.stringMatching(/^[0-9A-Z]{3,10}$/),
    CountryCode: fc.constantFrom('US', 'GB', 'FR', 'DE', 'JP', 'NZ', 'BR'),
    PhoneNumber: fc.stringMatching(/^\+[0-9]{6,15}$/),
    CompanyName: wordArb(1, 50),
  },
  { requiredKeys: ['FullName', 'AddressLine1', 'City', 'StateOrRegion', 'PostalCode', 'CountryCode', 'PhoneNumber'] },
);

/** An account in any state; never the management account. */
export const memberAccountArb: fc.Arbitrary<MemberAccount> = fc.record({
  id: accountIdArb,
  name: wordArb(1, 30),
  state: fc.constantFrom<AccountState>(...ACCOUNT_STATES),
  joinedAt: fc.date({ min: new Date('2015-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  isManagement: fc.constant(false),
});

/** An organization: one management account and members with unique ids. */
export const organizationArb = (maxMembers = 40): fc.Arbitrary<MemberAccount[]> =>
  fc
    .tuple(accountIdArb, fc.uniqueArray(memberAccountArb, { maxLength: maxMembers, selector: (a) => a.id }))
    .filter(([managementId, members]) => members.every((m) => m.id !== managementId))
    .map(([managementId, members]) => [
      { id: managementId, name: 'management', state: 'ACTIVE' as AccountState, joinedAt: '2015-01-01T00:00:00.000Z', isManagement: true },
      ...members,
    ]);

/** A non-empty subset of contact kinds. */
export const kindsArb: fc.Arbitrary<ContactKind[]> = fc.subarray([...CONTACT_KINDS], { minLength: 1 });

/** A valid tag rule: a key, and maybe a value. */
const tagRuleInputArb: fc.Arbitrary<{ key: string; value?: string }> = fc.record(
  { key: fc.stringMatching(/^[A-Za-z0-9_.:/=+@-]{1,20}$/), value: fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{0,20}$/) },
  { requiredKeys: ['key'] },
);

/** A valid sync configuration in its JSON form. */
export const validConfigInputArb = (accountIds: fc.Arbitrary<string> = accountIdArb): fc.Arbitrary<SyncConfigInput> =>
  fc.record(
    {
      kinds: kindsArb,
      excludedAccountIds: fc.array(accountIds, { maxLength: 10 }),
      excludedOrganizationalUnits: fc.array(fc.stringMatching(/^ou-[0-9a-z]{4}-[a-z0-9]{8}$/), { maxLength: 5 }),
      includedOrganizationalUnits: fc.array(fc.stringMatching(/^ou-[0-9a-z]{4}-[a-z0-9]{8}$/), { maxLength: 3 }),
      excludedTags: fc.array(tagRuleInputArb, { maxLength: 4 }),
      includedTags: fc.array(tagRuleInputArb, { maxLength: 2 }),
      propagateDeletions: fc.boolean(),
      dryRun: fc.boolean(),
      rates: fc.record(
        {
          GetAlternateContact: fc.record({ ratePerSecond: fc.integer({ min: 1, max: 100 }), burst: fc.integer({ min: 1, max: 100 }) }),
          PutAlternateContact: fc.record({
            // From just above the slowest rate a work item can be finished at (minimumRatePerSecond: 0.22 a second).
            ratePerSecond: fc.double({ min: 0.25, max: 50, noNaN: true }),
            burst: fc.integer({ min: 1, max: 50 }),
          }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
