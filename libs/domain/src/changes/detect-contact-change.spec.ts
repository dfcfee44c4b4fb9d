import { contactWriteEvent } from '../testing/cloudtrail-event-builder';
import { detectContactChange } from './detect-contact-change';

const withDetail = (patch: Record<string, unknown>, base = contactWriteEvent()) => ({
  ...base,
  detail: { ...(base['detail'] as Record<string, unknown>), ...patch },
});

const reasonOf = (event: unknown) => {
  const result = detectContactChange(event);
  return result.ok ? 'ACCEPTED' : `${result.error.reason} ${result.error.field}`;
};

describe('detectContactChange', () => {
  it('reads a PutAlternateContact on the management account', () => {
    const result = detectContactChange(
      contactWriteEvent({ eventId: 'e-1', eventTime: '2026-11-22T10:00:00Z', alternateContactType: 'BILLING' }),
    );
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
    const primary = detectContactChange(contactWriteEvent({ eventName: 'PutContactInformation' }));
    expect(primary.ok && primary.value.kind).toBe('PRIMARY');
    const deletion = detectContactChange(contactWriteEvent({ eventName: 'DeleteAlternateContact', alternateContactType: 'OPERATIONS' }));
    expect(deletion.ok && [deletion.value.kind, deletion.value.action]).toEqual(['OPERATIONS', 'DELETE']);
  });

  it('falls back to the identity type when CloudTrail gives no ARN', () => {
    const event = withDetail({ userIdentity: { type: 'AWSService', invokedBy: 'account.amazonaws.com' } });
    const result = detectContactChange(event);
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
    const result = detectContactChange(withDetail({ requestParameters: { accountId: 'someone@example.com' } }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('someone@example.com');
  });
});
