import { detectNewAccount, newAccountEvent } from './detect-new-account';

describe('detectNewAccount', () => {
  it.each(['aws.organizations', 'aws.controltower'] as const)('accepts a succeeded creation from %s', (source) => {
    expect(detectNewAccount(newAccountEvent({ source, accountId: '555555555555', eventId: 'ev-1' }))).toEqual({
      ok: true,
      value: { accountId: '555555555555', eventId: 'ev-1', initiator: 'AWS Internal' },
    });
  });

  it.each(['aws.organizations', 'aws.controltower'] as const)('ignores a creation from %s that did not succeed', (source) => {
    const result = detectNewAccount(newAccountEvent({ source, state: 'FAILED' }));
    expect(result).toMatchObject({ ok: false, error: { reason: 'FAILED_CALL' } });
  });

  it('names the field of a malformed account id', () => {
    const result = detectNewAccount(newAccountEvent({ source: 'aws.controltower', accountId: '12' }));
    expect(result).toMatchObject({ ok: false, error: { reason: 'MALFORMED', field: 'detail.serviceEventDetails.createManagedAccountStatus.account.accountId' } });
  });

  it('rejects other sources, detail types and event names', () => {
    expect(detectNewAccount({ ...newAccountEvent(), source: 'aws.account' })).toMatchObject({ ok: false, error: { reason: 'WRONG_SOURCE' } });
    expect(detectNewAccount({ ...newAccountEvent(), 'detail-type': 'AWS API Call via CloudTrail' })).toMatchObject({ ok: false, error: { reason: 'WRONG_DETAIL_TYPE' } });
    const event = newAccountEvent();
    expect(detectNewAccount({ ...event, detail: { ...(event['detail'] as object), eventName: 'CloseAccountResult' } })).toMatchObject({ ok: false, error: { reason: 'UNSUPPORTED_EVENT_NAME' } });
    expect(detectNewAccount('nope')).toMatchObject({ ok: false, error: { reason: 'NOT_AN_EVENT' } });
  });
});
