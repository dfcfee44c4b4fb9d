import { AlternateContact } from './alternate-contact';
import { ContactInformation } from './contact-information';
import { differingFields } from './contact-value';

const security = {
  AlternateContactType: 'SECURITY' as const,
  Name: 'Sam Secure',
  Title: 'CISO',
  EmailAddress: 'sam@example.com',
  PhoneNumber: '+1 206 555 0100',
};
const primary = {
  FullName: 'Avery Quinn',
  AddressLine1: '410 Terry Ave N',
  City: 'Seattle',
  StateOrRegion: 'WA',
  PostalCode: '98109',
  CountryCode: 'US',
  PhoneNumber: '+1 206-555-0100',
};

describe('differingFields', () => {
  it('names the fields that differ, in the API order, and nothing else', () => {
    const other = AlternateContact.of({ ...security, EmailAddress: 'sec@example.com', Name: 'Sasha Secure' });
    expect(differingFields(AlternateContact.of(security), other)).toEqual(['Name', 'EmailAddress']);
  });

  it('names an optional field that only one value has', () => {
    const withCompany = ContactInformation.of({ ...primary, CompanyName: 'Example Corp' });
    expect(differingFields(ContactInformation.of(primary), withCompany)).toEqual(['CompanyName']);
    expect(differingFields(withCompany, ContactInformation.of({ ...primary, City: 'Tacoma' }))).toEqual(['City', 'CompanyName']);
  });

  it('is empty for equal values (canonically equal counts), and when either is absent', () => {
    expect(differingFields(AlternateContact.of(security), AlternateContact.of({ ...security, Title: ' CISO ' }))).toEqual([]);
    expect(differingFields(undefined, AlternateContact.of(security))).toEqual([]);
    expect(differingFields(AlternateContact.of(security), undefined)).toEqual([]);
  });

  it('returns names only, never a value', () => {
    const other = AlternateContact.of({ ...security, EmailAddress: 'sec@example.com', PhoneNumber: '+44 20 7946 0000' });
    const text = JSON.stringify(differingFields(AlternateContact.of(security), other));
    for (const value of [...Object.values(security), 'sec@example.com', '+44 20 7946 0000'].filter((v) => v !== 'SECURITY'))
      expect(text).not.toContain(value);
  });
});
