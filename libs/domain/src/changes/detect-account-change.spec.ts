import fc from 'fast-check';
import { ACCOUNT_CHANGE_EVENT_NAMES, detectAccountChange } from './detect-account-change';
import { accountChangeEvent } from '../testing/account-change-event-builder';
import { contactWriteEvent } from '../testing/cloudtrail-event-builder';
import { newAccountEvent } from '../testing/new-account-event-builder';

const withDetail = (event: Record<string, unknown>, change: (detail: Record<string, unknown>) => Record<string, unknown>) => ({
  ...event,
  detail: change(event['detail'] as Record<string, unknown>),
});

describe('detectAccountChange', () => {
  it.each(ACCOUNT_CHANGE_EVENT_NAMES.flatMap((eventName) => [false, true].map((pascalCase) => [eventName, pascalCase] as const)))(
    'reads %s (PascalCase keys: %s) for the account it names',
    (eventName, pascalCase) => {
      expect(detectAccountChange(accountChangeEvent({ eventName, accountId: '555555555555', eventId: 'ev-9', pascalCase }))).toEqual({
        ok: true,
        value: {
          accountId: '555555555555',
          eventId: 'ev-9',
          eventName,
          moved: eventName === 'MoveAccount',
          initiator: 'arn:aws:sts::111111111111:assumed-role/Admin/operator',
        },
      });
    },
  );

  it('ignores a tag change of an OU, a root or a policy: only accounts are targeted by tags', () => {
    for (const resourceId of ['ou-abcd-12345678', 'r-abcd', 'p-12345678'])
      expect(detectAccountChange(accountChangeEvent({ eventName: 'TagResource', accountId: resourceId }))).toEqual({
        ok: false,
        error: {
          reason: 'UNSUPPORTED_EVENT_NAME',
          field: 'detail.requestParameters.resourceId',
          message: 'resourceId is not a 12-digit account id',
        },
      });
  });

  it('ignores a call that failed: it moved or tagged nothing', () => {
    expect(detectAccountChange(accountChangeEvent({ errorCode: 'AccessDenied' }))).toMatchObject({
      ok: false,
      error: { reason: 'FAILED_CALL', field: 'detail.errorCode' },
    });
  });

  it('names the field that is missing or wrong', () => {
    const event = accountChangeEvent();
    expect(detectAccountChange(withDetail(event, (d) => ({ ...d, requestParameters: {} })))).toMatchObject({
      ok: false,
      error: { reason: 'MALFORMED', field: 'detail.requestParameters.accountId' },
    });
    expect(detectAccountChange(withDetail(event, (d) => ({ ...d, requestParameters: null })))).toMatchObject({
      ok: false,
      error: { reason: 'MALFORMED', field: 'detail.requestParameters' },
    });
    expect(detectAccountChange(withDetail(event, (d) => ({ ...d, eventID: '' })))).toMatchObject({
      ok: false,
      error: { reason: 'MALFORMED', field: 'detail.eventID' },
    });
    expect(detectAccountChange(withDetail(event, (d) => ({ ...d, eventSource: 'account.amazonaws.com' })))).toMatchObject({
      ok: false,
      error: { reason: 'WRONG_EVENT_SOURCE' },
    });
    expect(detectAccountChange(withDetail(event, (d) => ({ ...d, eventName: 'CreateOrganizationalUnit' })))).toMatchObject({
      ok: false,
      error: { reason: 'UNSUPPORTED_EVENT_NAME', field: 'detail.eventName' },
    });
    expect(detectAccountChange({ ...event, 'detail-type': 'AWS Service Event via CloudTrail' })).toMatchObject({
      ok: false,
      error: { reason: 'WRONG_DETAIL_TYPE' },
    });
  });

  it('is no other handler’s event: contact writes and joins are not account changes', () => {
    expect(detectAccountChange(contactWriteEvent())).toMatchObject({ ok: false, error: { reason: 'WRONG_SOURCE' } });
    expect(detectAccountChange(newAccountEvent({ eventName: 'AccountJoinedOrganization' }))).toMatchObject({ ok: false });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (anything) => {
        const result = detectAccountChange(anything);
        expect(typeof result.ok).toBe('boolean');
        const mutated = detectAccountChange(withDetail(accountChangeEvent(), (d) => ({ ...d, requestParameters: anything })));
        expect(typeof mutated.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
