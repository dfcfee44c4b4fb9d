import { AlternateContact } from '../contacts/alternate-contact';
import { ContactSlot } from '../contacts/contact-value';
import { decideAfterRead, decideBeforeRead } from './account-kind-decision';
import { diffContact } from './diff-contact';

const security = (name: string) =>
  AlternateContact.of({
    AlternateContactType: 'SECURITY',
    Name: name,
    Title: 'CISO',
    EmailAddress: 'sec@example.com',
    PhoneNumber: '+1 206 555 0100',
  });
const fingerprint = (value: ContactSlot) => (value instanceof AlternateContact ? `fp:${value.props.Name}` : 'absent');

describe('decideBeforeRead', () => {
  const input = { kind: 'SECURITY' as const, enabledKinds: ['SECURITY' as const], wanted: security('Sam') };

  it('reads the member when the kind is synced, no rule leaves the account out and the wanted value is sound', () => {
    expect(decideBeforeRead(input)).toEqual({ decision: 'READ', wanted: security('Sam') });
    expect(decideBeforeRead({ ...input, wanted: undefined })).toEqual({ decision: 'READ', wanted: undefined });
  });

  it('skips a kind no longer synced before anything else, then an account a rule leaves out', () => {
    const skip = { reason: 'EXCLUDED_BY_TAG' as const, rule: 'frozen' };
    expect(decideBeforeRead({ ...input, enabledKinds: ['BILLING'], skip, wanted: 'INVALID' })).toEqual({
      decision: 'SKIP',
      why: 'KIND_DISABLED',
    });
    expect(decideBeforeRead({ ...input, skip, wanted: 'INVALID' })).toEqual({ decision: 'SKIP', why: skip });
  });

  it('fails a kind whose wanted value is broken or could not be read', () => {
    expect(decideBeforeRead({ ...input, wanted: 'INVALID' })).toEqual({ decision: 'FAIL', errorCode: 'INVALID' });
    expect(decideBeforeRead({ ...input, wanted: 'UNREADABLE' })).toEqual({ decision: 'FAIL', errorCode: 'DESIRED_VALUE_UNREADABLE' });
  });
});

describe('decideAfterRead', () => {
  const decide = (wanted: ContactSlot, current: ContactSlot, dryRun = false, propagateDeletions = false) =>
    decideAfterRead(current, diffContact(wanted, current, propagateDeletions), dryRun, fingerprint);

  it('leaves a member that holds the wanted value UNCHANGED, in dry run too', () => {
    expect(decide(security('Sam'), security('Sam'))).toEqual({ decision: 'UNCHANGED', fingerprint: 'fp:Sam' });
    expect(decide(security('Sam'), security('Sam'), true)).toEqual({ decision: 'UNCHANGED', fingerprint: 'fp:Sam' });
    expect(decide(undefined, undefined, false, true)).toEqual({ decision: 'UNCHANGED', fingerprint: 'absent' });
  });

  it('writes the wanted value where the member differs, with the fingerprints before and after', () => {
    expect(decide(security('Sam'), security('Old'))).toEqual({
      decision: 'WRITE',
      write: { action: 'PUT', beforeFingerprint: 'fp:Old', afterFingerprint: 'fp:Sam' },
      value: security('Sam'),
    });
    expect(decide(security('Sam'), undefined)).toMatchObject({ decision: 'WRITE', write: { action: 'PUT', beforeFingerprint: 'absent' } });
  });

  it('deletes only when deletions are propagated, and otherwise skips with what the member holds', () => {
    expect(decide(undefined, security('Old'), false, true)).toEqual({
      decision: 'WRITE',
      write: { action: 'DELETE', beforeFingerprint: 'fp:Old', afterFingerprint: 'absent' },
      value: undefined,
    });
    expect(decide(undefined, security('Old'))).toEqual({
      decision: 'SKIP',
      reason: 'DELETION_NOT_PROPAGATED',
      beforeFingerprint: 'fp:Old',
    });
  });

  it('in dry run, tells the write it would make and makes none', () => {
    expect(decide(security('Sam'), security('Old'), true)).toEqual({
      decision: 'DRY_RUN',
      write: { action: 'PUT', beforeFingerprint: 'fp:Old', afterFingerprint: 'fp:Sam' },
    });
  });
});
