import { detectNewAccount, NEW_ACCOUNT_EVENT_NAMES } from './detect-new-account';
import { newAccountEvent } from '../testing/new-account-event-builder';

const withDetail = (event: Record<string, unknown>, change: (detail: Record<string, unknown>) => Record<string, unknown>) => ({
  ...event,
  detail: change(event['detail'] as Record<string, unknown>),
});

describe('detectNewAccount', () => {
  it.each(NEW_ACCOUNT_EVENT_NAMES)('accepts %s for the account it names', (eventName) => {
    expect(detectNewAccount(newAccountEvent({ eventName, accountId: '555555555555', eventId: 'ev-1' }))).toEqual({
      ok: true,
      value: {
        accountId: '555555555555',
        eventId: 'ev-1',
        eventName,
        initiator: eventName === 'AccountJoinedOrganization' ? 'organizations.amazonaws.com' : 'AWS Internal',
      },
    });
  });

  it.each(['CreateAccountResult', 'CreateManagedAccount', 'UpdateManagedAccount'] as const)(
    'ignores %s when the account was not created or enrolled',
    (eventName) => {
      expect(detectNewAccount(newAccountEvent({ eventName, state: 'FAILED' }))).toMatchObject({
        ok: false,
        error: { reason: 'FAILED_CALL', field: expect.stringMatching(/\.state$/) },
      });
    },
  );

  it('accepts an account that joined by invitation, and one created, wherever the record keeps its id', () => {
    for (const joinedMethod of ['Invited', 'Created'] as const)
      expect(detectNewAccount(newAccountEvent({ eventName: 'AccountJoinedOrganization', joinedMethod }))).toMatchObject({ ok: true });
    const asApiCall = withDetail(
      { ...newAccountEvent({ eventName: 'AccountJoinedOrganization' }), 'detail-type': 'AWS API Call via CloudTrail' },
      (d) => ({
        ...d,
        serviceEventDetails: undefined,
        requestParameters: { accountId: '666666666666', joinedMethod: 'Invited' },
      }),
    );
    expect(detectNewAccount(asApiCall)).toMatchObject({ ok: true, value: { accountId: '666666666666' } });
    const pascalCase = withDetail(asApiCall, (d) => ({ ...d, requestParameters: { AccountId: '777777777777', JoinedMethod: 'Invited' } }));
    expect(detectNewAccount(pascalCase)).toMatchObject({ ok: true, value: { accountId: '777777777777' } });
  });

  it('refuses a failed call and names the field of a missing account id', () => {
    const joined = newAccountEvent({ eventName: 'AccountJoinedOrganization' });
    expect(detectNewAccount(withDetail(joined, (d) => ({ ...d, errorCode: 'AccessDenied' })))).toMatchObject({
      ok: false,
      error: { reason: 'FAILED_CALL', field: 'detail.errorCode' },
    });
    expect(detectNewAccount(withDetail(joined, (d) => ({ ...d, serviceEventDetails: { joinedMethod: 'Invited' } })))).toMatchObject({
      ok: false,
      error: { reason: 'MALFORMED', field: 'detail.serviceEventDetails.accountId' },
    });
    expect(detectNewAccount(newAccountEvent({ eventName: 'CreateManagedAccount', accountId: '12' }))).toMatchObject({
      ok: false,
      error: { reason: 'MALFORMED', field: 'detail.serviceEventDetails.createManagedAccountStatus.account.accountId' },
    });
  });

  it('rejects other sources, detail types and event names, and an event name from the wrong source', () => {
    expect(detectNewAccount({ ...newAccountEvent(), source: 'aws.account' })).toMatchObject({
      ok: false,
      error: { reason: 'WRONG_SOURCE' },
    });
    expect(detectNewAccount({ ...newAccountEvent(), 'detail-type': 'AWS API Call via CloudTrail' })).toMatchObject({
      ok: false,
      error: { reason: 'WRONG_DETAIL_TYPE' },
    });
    expect(detectNewAccount(withDetail(newAccountEvent(), (d) => ({ ...d, eventName: 'CloseAccountResult' })))).toMatchObject({
      ok: false,
      error: { reason: 'UNSUPPORTED_EVENT_NAME' },
    });
    expect(detectNewAccount({ ...newAccountEvent({ eventName: 'UpdateManagedAccount' }), source: 'aws.organizations' })).toMatchObject({
      ok: false,
      error: { reason: 'UNSUPPORTED_EVENT_NAME' },
    });
    expect(detectNewAccount('nope')).toMatchObject({ ok: false, error: { reason: 'NOT_AN_EVENT' } });
  });
});
