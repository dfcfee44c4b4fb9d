import { DomainError } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { redactText } from './personal-data';
import { redact } from './redact';

const sam = {
  AlternateContactType: 'SECURITY',
  Name: 'Sam Secure',
  Title: 'CISO',
  EmailAddress: 'sam@example.com',
  PhoneNumber: '+1 206 555 0100',
};

describe('redact', () => {
  it('replaces contact fields at any depth, in objects, arrays, maps and sets, and keeps ids, counts and times', () => {
    const fields = {
      runId: 'chg-6f1e2c3a-1234-5678-9abc-def012345678',
      accountIds: ['222222222222', '333333333333'],
      startedAt: '2026-11-22T09:01:00.000Z',
      accounts: 1200,
      run: { desired: { SECURITY: sam, PRIMARY: null } },
      items: [[{ contact: { full_name: 'Jane Doe', AddressLine2: 'Flat 4' } }]],
      byKind: new Map([['SECURITY', { phone: '206 555 0100' }]]),
      names: new Set([{ companyName: 'Example Corp' }]),
    };
    expect(redact(fields)).toEqual({
      runId: 'chg-6f1e2c3a-1234-5678-9abc-def012345678',
      accountIds: ['222222222222', '333333333333'],
      startedAt: '2026-11-22T09:01:00.000Z',
      accounts: 1200,
      run: {
        desired: {
          SECURITY: {
            AlternateContactType: 'SECURITY',
            Name: '[redacted]',
            Title: '[redacted]',
            EmailAddress: '[redacted]',
            PhoneNumber: '[redacted]',
          },
          PRIMARY: null,
        },
      },
      items: [[{ contact: { full_name: '[redacted]', AddressLine2: '[redacted]' } }]],
      byKind: { SECURITY: { phone: '[redacted]' } },
      names: [{ companyName: '[redacted]' }],
    });
  });

  it('logs an Error as its name and code, and its cause, never a message', () => {
    const cause = Object.assign(new Error(`Value '${sam.Name}' at 'alternateContact.name' failed to satisfy constraint`), {
      name: 'ValidationException',
    });
    const error = new AwsAdapterError('STORAGE_FAILED', `failed for ${sam.EmailAddress}`, { cause });
    expect(redact({ error, errors: [new DomainError('CONFLICT', sam.Name)] })).toEqual({
      error: { name: 'AwsAdapterError', code: 'STORAGE_FAILED', cause: { name: 'ValidationException' } },
      errors: [{ name: 'DomainError', code: 'CONFLICT' }],
    });
  });

  it('takes e-mail addresses out of ids, as in an IAM Identity Center session ARN', () => {
    expect(redact({ initiatorArn: 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123/sam@example.com' })).toEqual({
      initiatorArn: 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123/[redacted-email]',
    });
  });

  it('survives cycles and stops at a depth', () => {
    const loop: Record<string, unknown> = { kind: 'SECURITY' };
    loop['self'] = loop;
    let deep: Record<string, unknown> = { Name: sam.Name };
    for (let i = 0; i < 20; i += 1) deep = { next: deep };
    const safe = JSON.stringify(redact({ loop, deep }));
    expect(safe).toContain('"self":"[circular]"');
    expect(safe).toContain('[too deep]');
    expect(safe).not.toContain(sam.Name);
  });
});

describe('redactText', () => {
  it.each([
    ['call +1 206 555 0100 today', 'call [redacted-phone] today'],
    ['call (206) 555-0100 today', 'call [redacted-phone] today'],
    ['call 2065550100', 'call [redacted-phone]'],
    ['write <sam.secure+ops@example.co.uk> now', 'write <[redacted-email]> now'],
    ['contact Name=Sam Secure, Title=CISO', 'contact Name=[redacted], Title=[redacted]'],
    ['{"FullName":"Jane O\'Doe","City":"Paris"}', '{"FullName":"[redacted]","City":"[redacted]"}'],
    [
      "1 validation error detected: Value 'Sam O'Secure' at 'alternateContact.name' failed",
      "1 validation error detected: Value '[redacted]' at 'alternateContact.name' failed",
    ],
    ['eventName must be PutAlternateContact', 'eventName must be PutAlternateContact'],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });
});
