import { CLOUDTRAIL_HIDDEN, contactWriteEvent, ParameterCase } from '../testing/cloudtrail-event-builder';
import { CONTACT_EVENT_NAMES, detectContactChange } from './detect-contact-change';

const MANAGEMENT = '111111111111';
const MEMBER = '222222222222';
const detect = (event: unknown) => detectContactChange(event, MANAGEMENT);
const CASES: ParameterCase[] = ['camelCase', 'PascalCase'];

const withDetail = (patch: Record<string, unknown>, base = contactWriteEvent()) => ({
  ...base,
  detail: { ...(base['detail'] as Record<string, unknown>), ...patch },
});

const reasonOf = (event: unknown) => {
  const result = detect(event);
  return result.ok ? 'ACCEPTED' : `${result.error.reason} ${result.error.field}`;
};

describe('detectContactChange', () => {
  it('reads a PutAlternateContact on the management account', () => {
    const result = detect(contactWriteEvent({ eventId: 'e-1', eventTime: '2026-11-22T10:00:00Z', alternateContactType: 'BILLING' }));
    expect(result).toEqual({
      ok: true,
      value: {
        eventId: 'e-1',
        eventTime: '2026-11-22T10:00:00.000Z',
        kind: 'BILLING',
        action: 'PUT',
        initiator: 'arn:aws:sts::111111111111:assumed-role/Admin/operator',
        managementAccountId: '111111111111',
      },
    });
  });

  it('reads PutContactInformation as PRIMARY and DeleteAlternateContact as a DELETE', () => {
    const primary = detect(contactWriteEvent({ eventName: 'PutContactInformation' }));
    expect(primary.ok && primary.value.kind).toBe('PRIMARY');
    const deletion = detect(contactWriteEvent({ eventName: 'DeleteAlternateContact', alternateContactType: 'OPERATIONS' }));
    expect(deletion.ok && [deletion.value.kind, deletion.value.action]).toEqual(['OPERATIONS', 'DELETE']);
  });

  it('falls back to the identity type when CloudTrail gives no ARN', () => {
    const event = withDetail({ userIdentity: { type: 'AWSService', invokedBy: 'account.amazonaws.com' } });
    const result = detect(event);
    expect(result.ok && result.value.initiator).toBe('AWSService');
  });

  it.each<[string, unknown, string]>([
    ['a string', 'event', 'NOT_AN_EVENT (root)'],
    ['null', null, 'NOT_AN_EVENT (root)'],
    ['another source', { ...contactWriteEvent(), source: 'aws.organizations' }, 'WRONG_SOURCE source'],
    ['another detail-type', { ...contactWriteEvent(), 'detail-type': 'Object Created' }, 'WRONG_DETAIL_TYPE detail-type'],
    ['no detail', { ...contactWriteEvent(), detail: null }, 'MALFORMED detail'],
    ['another event source', withDetail({ eventSource: 'iam.amazonaws.com' }), 'WRONG_EVENT_SOURCE detail.eventSource'],
    ['a read', withDetail({ eventName: 'GetAlternateContact' }), 'UNSUPPORTED_EVENT_NAME detail.eventName'],
    [
      'a member-targeted call',
      contactWriteEvent({ memberAccountId: '222222222222' }),
      'MEMBER_ACCOUNT_TARGET detail.requestParameters.accountId',
    ],
    ['a failed call', contactWriteEvent({ errorCode: 'AccessDenied' }), 'FAILED_CALL detail.errorCode'],
    ['a read-only call', withDetail({ readOnly: true }), 'READ_ONLY_CALL detail.readOnly'],
    ['requestParameters of the wrong type', withDetail({ requestParameters: 'x' }), 'MALFORMED detail.requestParameters'],
    ['no event id', withDetail({ eventID: undefined }), 'MALFORMED detail.eventID'],
    ['a bad time', withDetail({ eventTime: 'yesterday' }), 'MALFORMED detail.eventTime'],
    ['a bad recipient', withDetail({ recipientAccountId: 12 }), 'MALFORMED detail.recipientAccountId'],
    [
      'a member’s own write, forwarded to the management bus',
      contactWriteEvent({ recordedIn: MEMBER }),
      'NOT_MANAGEMENT_ACCOUNT detail.recipientAccountId',
    ],
    ['a management record delivered from a member’s bus', { ...contactWriteEvent(), account: MEMBER }, 'NOT_MANAGEMENT_ACCOUNT account'],
    ['a record from a bus that is not an account', { ...contactWriteEvent(), account: null }, 'NOT_MANAGEMENT_ACCOUNT account'],
    [
      'a write recorded in the member it targets',
      withDetail({ recipientAccountId: MEMBER }, contactWriteEvent({ eventName: 'DeleteAlternateContact', parameterCase: 'PascalCase' })),
      'NOT_MANAGEMENT_ACCOUNT detail.recipientAccountId',
    ],
    ['no identity', withDetail({ userIdentity: null }), 'MALFORMED detail.userIdentity'],
    ['an identity with neither arn nor type', withDetail({ userIdentity: {} }), 'MALFORMED detail.userIdentity.arn'],
    [
      'an unknown alternate type',
      contactWriteEvent({ alternateContactType: 'LEGAL' }),
      'MALFORMED detail.requestParameters.alternateContactType',
    ],
    ['no alternate type', withDetail({ requestParameters: {} }), 'MALFORMED detail.requestParameters.alternateContactType'],
  ])('rejects %s', (_name, event, expected) => {
    expect(reasonOf(event)).toBe(expected);
  });

  it('never throws, and never echoes request values, on hostile input', () => {
    const cyclic: Record<string, unknown> = { source: 'aws.account', 'detail-type': 'AWS API Call via CloudTrail' };
    cyclic['detail'] = cyclic;
    expect(reasonOf(cyclic)).toBe('WRONG_EVENT_SOURCE detail.eventSource');
    expect(reasonOf(withDetail({ requestParameters: { AlternateContactType: 'someone@example.com' } }))).toBe(
      'MALFORMED detail.requestParameters.AlternateContactType',
    );
    const result = detect(withDetail({ requestParameters: { accountId: 'someone@example.com' } }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('someone@example.com');
  });
});

/** The request as it would be if CloudTrail did not hide the contact values, at any depth. */
const revealed = (value: unknown): unknown =>
  value === CLOUDTRAIL_HIDDEN
    ? 'Alice <alice@example.com>'
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revealed(inner)]))
      : value;

describe('detectContactChange, with the request keys in either case', () => {
  const keyOf = (parameterCase: ParameterCase, camelCase: string) =>
    parameterCase === 'camelCase' ? camelCase : `${camelCase.charAt(0).toUpperCase()}${camelCase.slice(1)}`;

  it('builds events as CloudTrail records them: AWS’s documented camelCase example, and the PascalCase seen on a real organization', () => {
    const parametersOf = (event: Record<string, unknown>) => (event['detail'] as Record<string, unknown>)['requestParameters'];
    expect(parametersOf(contactWriteEvent({ alternateContactType: 'BILLING' }))).toEqual({
      name: CLOUDTRAIL_HIDDEN,
      emailAddress: CLOUDTRAIL_HIDDEN,
      alternateContactType: 'BILLING',
      title: CLOUDTRAIL_HIDDEN,
      phoneNumber: CLOUDTRAIL_HIDDEN,
    });
    expect(
      parametersOf(contactWriteEvent({ alternateContactType: 'BILLING', parameterCase: 'PascalCase', memberAccountId: MEMBER })),
    ).toEqual({
      AccountId: MEMBER,
      AlternateContactType: 'BILLING',
      EmailAddress: CLOUDTRAIL_HIDDEN,
      Name: CLOUDTRAIL_HIDDEN,
      PhoneNumber: CLOUDTRAIL_HIDDEN,
      Title: CLOUDTRAIL_HIDDEN,
    });
  });

  it.each(CASES)('%s: reads every contact write of the management account', (parameterCase) => {
    const read = CONTACT_EVENT_NAMES.map((eventName) => {
      const result = detect(contactWriteEvent({ eventName, alternateContactType: 'OPERATIONS', parameterCase }));
      return result.ok ? [result.value.kind, result.value.action, result.value.managementAccountId] : result.error.reason;
    });
    expect(read).toEqual([
      ['PRIMARY', 'PUT', MANAGEMENT],
      ['OPERATIONS', 'PUT', MANAGEMENT],
      ['OPERATIONS', 'DELETE', MANAGEMENT],
    ]);
  });

  it.each(CASES)('%s: rejects every write that names a member (this product’s own writes), naming the key found', (parameterCase) => {
    for (const eventName of CONTACT_EVENT_NAMES)
      expect(reasonOf(contactWriteEvent({ eventName, parameterCase, memberAccountId: MEMBER }))).toBe(
        `MEMBER_ACCOUNT_TARGET detail.requestParameters.${keyOf(parameterCase, 'accountId')}`,
      );
  });

  it.each(CASES)('%s: rejects every write a member made on itself, forwarded to the management bus', (parameterCase) => {
    for (const eventName of CONTACT_EVENT_NAMES)
      expect(reasonOf(contactWriteEvent({ eventName, parameterCase, recordedIn: MEMBER }))).toBe(
        'NOT_MANAGEMENT_ACCOUNT detail.recipientAccountId',
      );
  });

  it.each(CASES)('%s: rejects a failed call', (parameterCase) => {
    for (const eventName of CONTACT_EVENT_NAMES)
      expect(reasonOf(contactWriteEvent({ eventName, parameterCase, errorCode: 'ValidationException' }))).toBe(
        'FAILED_CALL detail.errorCode',
      );
  });

  it('takes a type given in both spellings when they agree, and refuses it when they do not', () => {
    const both = (camel: string, pascal: string) =>
      withDetail({ requestParameters: { alternateContactType: camel, AlternateContactType: pascal } });
    expect(detect(both('BILLING', 'BILLING'))).toMatchObject({ ok: true, value: { kind: 'BILLING' } });
    expect(reasonOf(both('BILLING', 'SECURITY'))).toBe('MALFORMED detail.requestParameters.alternateContactType');
    expect(reasonOf(withDetail({ requestParameters: { AlternateContactType: 'billing' } }))).toBe(
      'MALFORMED detail.requestParameters.AlternateContactType',
    );
  });

  it.each(CASES)('%s: reads no contact value: hidden, removed or in clear, flat or nested, the result is the same', (parameterCase) => {
    for (const eventName of CONTACT_EVENT_NAMES) {
      const event = contactWriteEvent({ eventName, parameterCase });
      const parameters = (event['detail'] as { requestParameters: Record<string, unknown> }).requestParameters;
      const type = keyOf(parameterCase, 'alternateContactType');
      const typeOnly = type in parameters ? { [type]: parameters[type] } : {};
      const inClear = revealed(parameters) as Record<string, unknown>;
      const expected = detect(event);
      expect(expected.ok).toBe(true);
      expect(detect(withDetail({ requestParameters: typeOnly }, event))).toEqual(expected);
      const clear = detect(withDetail({ requestParameters: { ...inClear, EmailAddress: 'alice@example.com', Name: 'Alice' } }, event));
      expect(clear).toEqual(expected);
      expect(JSON.stringify(clear)).not.toContain('alice');
    }
  });
});
