import { AlternateContact } from './alternate-contact';
import { ValidationError } from '../shared/validation-error';

const valid = {
  AlternateContactType: 'SECURITY',
  Name: 'Dana Reyes',
  Title: 'CISO',
  EmailAddress: 'security@example.com',
  PhoneNumber: '+1 (555) 010-0199',
};

const issuesOf = (input: unknown) => {
  const result = AlternateContact.parse(input);
  return result.ok ? [] : result.error.issues;
};

describe('AlternateContact', () => {
  it('accepts a valid contact and keeps its fields', () => {
    expect(AlternateContact.of(valid).toJSON()).toEqual(valid);
  });

  it.each([
    ['Name', 64],
    ['Title', 50],
    ['PhoneNumber', 25],
  ])('accepts %s at 1 and %i characters and rejects one more', (field, max) => {
    const filler = field === 'PhoneNumber' ? '5' : 'a';
    expect(issuesOf({ ...valid, [field]: filler })).toEqual([]);
    expect(issuesOf({ ...valid, [field]: filler.repeat(max) })).toEqual([]);
    expect(issuesOf({ ...valid, [field]: filler.repeat(max + 1) })).toEqual([{ field, rule: `must be 1-${max} characters` }]);
    expect(issuesOf({ ...valid, [field]: '' })).toEqual([{ field, rule: `must be 1-${max} characters` }]);
  });

  it('accepts an email of 254 characters and rejects 255', () => {
    const at254 = `${'a'.repeat(254 - '@example.com'.length)}@example.com`;
    expect(issuesOf({ ...valid, EmailAddress: at254 })).toEqual([]);
    expect(issuesOf({ ...valid, EmailAddress: `a${at254}` })).toEqual([{ field: 'EmailAddress', rule: 'must be 1-254 characters' }]);
  });

  it.each(['no-at-sign.example.com', 'a@b', 'a b@example.com', 'a@example.', '@example.com'])('rejects the email %p', (email) => {
    expect(issuesOf({ ...valid, EmailAddress: email })).toEqual([
      { field: 'EmailAddress', rule: 'must be an email address (local@domain.tld)' },
    ]);
  });

  it.each(['ops+oncall@example.co.uk', 'a.b#c|d!e&f=g@sub.example.io', '  padded@example.com  '])('accepts the email %p', (email) => {
    expect(issuesOf({ ...valid, EmailAddress: email })).toEqual([]);
  });

  it('rejects a phone number with letters', () => {
    expect(issuesOf({ ...valid, PhoneNumber: '555-CALL-NOW' })).toEqual([
      { field: 'PhoneNumber', rule: 'may contain only digits, spaces, ( ) + and -' },
    ]);
  });

  it('rejects an unknown type, a blank name, unknown keys and missing fields, naming each', () => {
    expect(issuesOf({ AlternateContactType: 'LEGAL', Name: '   ', Nickname: 'x' })).toEqual([
      { field: 'Nickname', rule: 'is not a known field' },
      { field: 'AlternateContactType', rule: 'must be one of BILLING, OPERATIONS, SECURITY' },
      { field: 'Title', rule: 'is required' },
      { field: 'EmailAddress', rule: 'is required' },
      { field: 'PhoneNumber', rule: 'is required' },
      { field: 'Name', rule: 'must not be blank' },
    ]);
  });

  it('rejects wrong types and non-objects', () => {
    expect(issuesOf({ ...valid, Name: 42 })).toEqual([{ field: 'Name', rule: 'must be a string' }]);
    expect(issuesOf(null)).toEqual([{ field: '(root)', rule: 'must be an object' }]);
    expect(issuesOf(['SECURITY'])).toEqual([{ field: '(root)', rule: 'must be an object' }]);
  });

  it('never puts the rejected value in the error message', () => {
    const secret = 'private.person@example';
    const result = AlternateContact.parse({ ...valid, EmailAddress: secret, Name: 'N'.repeat(65) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(ValidationError);
      expect(result.error.code).toBe('VALIDATION_FAILED');
      expect(result.error.message).toBe(
        'Invalid alternate contact: Name: must be 1-64 characters; EmailAddress: must be an email address (local@domain.tld)',
      );
      expect(result.error.message).not.toContain(secret);
    }
  });

  it('throws ValidationError from of()', () => {
    expect(() => AlternateContact.of({ ...valid, Title: '' })).toThrow(ValidationError);
  });

  it('compares canonical values: surrounding whitespace never makes contacts differ', () => {
    const padded = AlternateContact.of({ ...valid, Name: `  ${valid.Name} `, EmailAddress: ` ${valid.EmailAddress}\t` });
    expect(padded.equals(AlternateContact.of(valid))).toBe(true);
    expect(padded.props.Name).toBe(valid.Name);
    expect(AlternateContact.of({ ...valid, Title: 'CTO' }).equals(AlternateContact.of(valid))).toBe(false);
    expect(AlternateContact.of({ ...valid, AlternateContactType: 'BILLING' }).equals(AlternateContact.of(valid))).toBe(false);
    expect(AlternateContact.of(valid).equals(undefined)).toBe(false);
  });

  it('is immutable', () => {
    const contact = AlternateContact.of(valid);
    expect(Object.isFrozen(contact)).toBe(true);
    expect(Object.isFrozen(contact.props)).toBe(true);
  });
});
