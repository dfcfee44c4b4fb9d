import { AlternateContact } from '../contacts/alternate-contact';
import { desiredSlots } from './desired-values';

const billing = {
  AlternateContactType: 'BILLING',
  Name: 'B',
  Title: 'T',
  EmailAddress: 'b@example.com',
  PhoneNumber: '+1 555 0100',
} as const;

describe('desiredSlots', () => {
  it('gives each kind its parsed value, or undefined when the management account has none', () => {
    const slots = desiredSlots(['BILLING', 'SECURITY'], { BILLING: billing, SECURITY: null });
    expect(slots.get('BILLING')).toBeInstanceOf(AlternateContact);
    expect(slots.has('SECURITY')).toBe(true);
    expect(slots.get('SECURITY')).toBeUndefined();
  });

  it('marks a value of another kind, a listed kind with no entry and a repeated kind INVALID, one kind at a time', () => {
    const slots = desiredSlots(['SECURITY', 'OPERATIONS', 'BILLING', 'BILLING'], { SECURITY: billing, BILLING: billing });
    expect(slots.get('SECURITY')).toBe('INVALID');
    expect(slots.get('OPERATIONS')).toBe('INVALID');
    expect(slots.get('BILLING')).toBe('INVALID');
    expect(desiredSlots(['PRIMARY'], { PRIMARY: billing }).get('PRIMARY')).toBe('INVALID');
    expect(desiredSlots(['BILLING', 'OPERATIONS'], { BILLING: billing }).get('BILLING')).toBeInstanceOf(AlternateContact);
  });

  it('marks a value that breaks the API rules INVALID and an unreadable kind UNREADABLE', () => {
    const slots = desiredSlots(['BILLING', 'OPERATIONS'], { BILLING: { ...billing, EmailAddress: 'not-an-email' } }, ['OPERATIONS']);
    expect(slots.get('BILLING')).toBe('INVALID');
    expect(slots.get('OPERATIONS')).toBe('UNREADABLE');
  });
});
