import { AlternateContact } from '../contacts/alternate-contact';
import { ContactInformation } from '../contacts/contact-information';
import { diffContact } from './diff-contact';

const security = AlternateContact.of({
  AlternateContactType: 'SECURITY',
  Name: 'Sec Team',
  Title: 'Security',
  EmailAddress: 'sec@example.com',
  PhoneNumber: '+15550100',
});
const primary = ContactInformation.of({
  FullName: 'A B',
  AddressLine1: '1 Main St',
  City: 'Paris',
  PostalCode: '75001',
  CountryCode: 'FR',
  PhoneNumber: '+33 1 00 00 00 00',
});

describe('diffContact', () => {
  it('PUT when the member lacks the contact or has another value', () => {
    expect(diffContact(security, undefined, false)).toEqual({ action: 'PUT', value: security });
    const other = AlternateContact.of({ ...security.toJSON(), Title: 'Old title' });
    expect(diffContact(security, other, false)).toEqual({ action: 'PUT', value: security });
    const primaryOther = ContactInformation.of({ ...primary.toJSON(), City: 'Lyon' });
    expect(diffContact(primary, primaryOther, false)).toEqual({ action: 'PUT', value: primary });
  });

  it('UNCHANGED when the canonical values are equal, or both absent', () => {
    const padded = AlternateContact.of({ ...security.toJSON(), Name: ' Sec Team ' });
    expect(diffContact(security, padded, true)).toEqual({ action: 'UNCHANGED' });
    expect(diffContact(undefined, undefined, true)).toEqual({ action: 'UNCHANGED' });
  });

  it('DELETE only when the source is absent and deletions are propagated', () => {
    expect(diffContact(undefined, security, true)).toEqual({ action: 'DELETE' });
    expect(diffContact(undefined, security, false)).toEqual({ action: 'SKIP', reason: 'DELETION_NOT_PROPAGATED' });
  });

  it('a primary contact never equals an alternate contact', () => {
    expect(diffContact(primary, security, false)).toEqual({ action: 'PUT', value: primary });
  });
});
