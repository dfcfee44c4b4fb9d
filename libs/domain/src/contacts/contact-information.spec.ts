import { ContactInformation } from './contact-information';
import { COUNTRIES_REQUIRING_STATE, ISO_3166_ALPHA2 } from './country-codes';

const valid = {
  FullName: 'Avery Quinn',
  AddressLine1: '410 Terry Ave N',
  City: 'Seattle',
  StateOrRegion: 'WA',
  PostalCode: '98109',
  CountryCode: 'US',
  PhoneNumber: '+1 206-555-0100',
};

const issuesOf = (input: unknown) => {
  const result = ContactInformation.parse(input);
  return result.ok ? [] : result.error.issues;
};

describe('ContactInformation', () => {
  it('accepts the required fields alone and keeps them', () => {
    expect(ContactInformation.of(valid).toJSON()).toEqual(valid);
  });

  it.each([
    ['FullName', 50, true],
    ['AddressLine1', 60, true],
    ['AddressLine2', 60, false],
    ['AddressLine3', 60, false],
    ['City', 50, true],
    ['StateOrRegion', 50, false],
    ['DistrictOrCounty', 50, false],
    ['CompanyName', 50, false],
    ['PostalCode', 20, true],
    ['WebsiteUrl', 256, false],
  ] as const)('%s: 1 and %i characters pass, one more fails', (field, max, required) => {
    expect(issuesOf({ ...valid, [field]: 'a' })).toEqual([]);
    expect(issuesOf({ ...valid, [field]: 'a'.repeat(max) })).toEqual([]);
    expect(issuesOf({ ...valid, [field]: 'a'.repeat(max + 1) })).toEqual([{ field, rule: `must be 1-${max} characters` }]);
    const withoutIt: Record<string, string> = { ...valid };
    delete withoutIt[field];
    const expected = required
      ? [{ field, rule: 'is required' }]
      : field === 'StateOrRegion'
        ? [{ field, rule: 'is required when CountryCode is US' }]
        : [];
    expect(issuesOf(withoutIt)).toEqual(expected);
  });

  it('phone: needs a leading +, 20 characters at most', () => {
    expect(issuesOf({ ...valid, PhoneNumber: '+' + '1'.repeat(19) })).toEqual([]);
    expect(issuesOf({ ...valid, PhoneNumber: '+' + '1'.repeat(20) })).toEqual([{ field: 'PhoneNumber', rule: 'must be 1-20 characters' }]);
    expect(issuesOf({ ...valid, PhoneNumber: '206-555-0100' })).toEqual([
      { field: 'PhoneNumber', rule: 'must start with + and contain only digits, spaces, ( ) and -' },
    ]);
    expect(issuesOf({ ...valid, PhoneNumber: '+1 206 EXT 5' })).toHaveLength(1);
  });

  it('country code: exactly two letters of ISO 3166-1, canonically upper case', () => {
    expect(issuesOf({ ...valid, CountryCode: 'USA' })).toEqual([{ field: 'CountryCode', rule: 'must be exactly 2 characters' }]);
    expect(issuesOf({ ...valid, CountryCode: '1A' })).toEqual([{ field: 'CountryCode', rule: 'must be 2 letters' }]);
    expect(issuesOf({ ...valid, CountryCode: 'XX' })).toEqual([
      { field: 'CountryCode', rule: 'must be an ISO 3166-1 alpha-2 country code' },
    ]);
    expect(ContactInformation.of({ ...valid, CountryCode: 'us' }).props.CountryCode).toBe('US');
    expect(ISO_3166_ALPHA2.size).toBe(249);
  });

  it.each([...COUNTRIES_REQUIRING_STATE])('StateOrRegion is required for %s', (country) => {
    const { StateOrRegion: _ignored, ...withoutState } = valid;
    expect(issuesOf({ ...withoutState, CountryCode: country })).toEqual([
      { field: 'StateOrRegion', rule: `is required when CountryCode is ${country}` },
    ]);
    expect(issuesOf({ ...withoutState, CountryCode: country, StateOrRegion: '' })).toEqual([
      { field: 'StateOrRegion', rule: `is required when CountryCode is ${country}` },
    ]);
    expect(issuesOf({ ...valid, CountryCode: country })).toEqual([]);
  });

  it('StateOrRegion is optional elsewhere', () => {
    const { StateOrRegion: _ignored, ...withoutState } = valid;
    expect(issuesOf({ ...withoutState, CountryCode: 'FR' })).toEqual([]);
    expect(issuesOf({ ...withoutState, CountryCode: 'NZ' })).toEqual([]);
  });

  it('names every broken rule at once, and unknown keys', () => {
    expect(issuesOf({ FullName: '', CountryCode: 'ZZ', Fax: '+1' })).toEqual([
      { field: 'Fax', rule: 'is not a known field' },
      { field: 'FullName', rule: 'must be 1-50 characters' },
      { field: 'AddressLine1', rule: 'is required' },
      { field: 'City', rule: 'is required' },
      { field: 'PostalCode', rule: 'is required' },
      { field: 'PhoneNumber', rule: 'is required' },
      { field: 'CountryCode', rule: 'must be an ISO 3166-1 alpha-2 country code' },
    ]);
  });

  it('error messages never contain the values', () => {
    const result = ContactInformation.parse({ ...valid, FullName: 'Very Private Person'.repeat(3), PhoneNumber: '2065550100' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).not.toContain('Private');
      expect(result.error.message).not.toContain('2065550100');
    }
  });

  it('equality is on canonical values: whitespace, case of the country, and empty optionals do not count', () => {
    const a = ContactInformation.of(valid);
    const b = ContactInformation.of({ ...valid, FullName: ` ${valid.FullName}  `, CountryCode: 'us', AddressLine2: '', CompanyName: null });
    expect(a.equals(b)).toBe(true);
    expect(b.toJSON()).toEqual(valid);
    expect(a.equals(ContactInformation.of({ ...valid, AddressLine2: 'Suite 1' }))).toBe(false);
    expect(a.equals(ContactInformation.of({ ...valid, PostalCode: '98110' }))).toBe(false);
  });
});
