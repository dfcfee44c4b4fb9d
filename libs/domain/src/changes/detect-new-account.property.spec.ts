import fc from 'fast-check';
import { accountIdArb } from '../testing/arbitraries';
import { detectNewAccount, NEW_ACCOUNT_EVENT_NAMES } from './detect-new-account';
import { newAccountEvent } from '../testing/new-account-event-builder';

/** The features that decide acceptance, each drawn from valid and invalid values. */
const featuresArb = fc.record({
  eventName: fc.constantFrom(...NEW_ACCOUNT_EVENT_NAMES, 'CloseAccountResult', 'AcceptHandshake'),
  accountId: fc.oneof(accountIdArb, accountIdArb, fc.constantFrom('12', '', '1234567890123')),
  state: fc.constantFrom('SUCCEEDED', 'SUCCEEDED', 'FAILED', 'IN_PROGRESS'),
  joinedMethod: fc.constantFrom('Invited' as const, 'Created' as const),
  eventId: fc.uuid(),
  source: fc.constantFrom('announced', 'announced', 'aws.organizations', 'aws.controltower', 'aws.account'),
  errorCode: fc.option(fc.constantFrom('AccessDenied', 'InternalFailure'), { nil: undefined }),
});

const sourceOf = (eventName: string) =>
  eventName === 'CreateManagedAccount' || eventName === 'UpdateManagedAccount' ? 'aws.controltower' : 'aws.organizations';

describe('Property: new-account detection', () => {
  it('accepts exactly a successful announcement from its own source, carrying the account and event ids', () => {
    fc.assert(
      fc.property(featuresArb, (f) => {
        const known = (NEW_ACCOUNT_EVENT_NAMES as readonly string[]).includes(f.eventName);
        const base = newAccountEvent({
          eventName: known ? (f.eventName as (typeof NEW_ACCOUNT_EVENT_NAMES)[number]) : 'CreateAccountResult',
          accountId: f.accountId,
          state: f.state,
          joinedMethod: f.joinedMethod,
          eventId: f.eventId,
        });
        const source = f.source === 'announced' ? sourceOf(f.eventName) : f.source;
        const event = { ...base, source, detail: { ...(base['detail'] as object), eventName: f.eventName, errorCode: f.errorCode } };
        const shouldAccept =
          known &&
          source === sourceOf(f.eventName) &&
          f.errorCode === undefined &&
          /^\d{12}$/.test(f.accountId) &&
          (f.eventName === 'AccountJoinedOrganization' || f.state === 'SUCCEEDED');
        const result = detectNewAccount(event);
        expect(result.ok).toBe(shouldAccept);
        if (result.ok) expect(result.value).toMatchObject({ accountId: f.accountId, eventId: f.eventId, eventName: f.eventName });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...NEW_ACCOUNT_EVENT_NAMES), (detail, eventName) => {
        const base = newAccountEvent({ eventName });
        for (const candidate of [
          detail,
          { ...base, detail },
          { ...base, detail: { ...(base['detail'] as object), serviceEventDetails: detail } },
        ]) {
          expect(() => detectNewAccount(candidate)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });
});
