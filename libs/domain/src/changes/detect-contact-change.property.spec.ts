import fc from 'fast-check';
import { accountIdArb } from '../testing/arbitraries';
import { contactWriteEvent } from '../testing/cloudtrail-event-builder';
import { CONTACT_EVENT_NAMES, detectContactChange } from './detect-contact-change';

/** The event's features that decide acceptance, each drawn from valid and invalid values. */
const featuresArb = fc.record({
  eventId: fc.uuid(),
  eventTime: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  eventName: fc.constantFrom(...CONTACT_EVENT_NAMES, 'GetAlternateContact', 'ListRegions', 'PutAccountName'),
  alternateContactType: fc.constantFrom('BILLING', 'OPERATIONS', 'SECURITY'),
  managementAccountId: accountIdArb,
  memberAccountId: fc.option(accountIdArb, { nil: undefined }),
  errorCode: fc.option(fc.constantFrom('AccessDenied', 'ValidationException', 'TooManyRequestsException'), { nil: undefined }),
  source: fc.constantFrom('aws.account', 'aws.account', 'aws.organizations'),
  readOnly: fc.boolean(),
});

/** The kind each accepted event name changes. */
const expectedKind = (eventName: string, type: string) => (eventName === 'PutContactInformation' ? 'PRIMARY' : type);

/** A required field removed, or replaced by a value of the wrong type. */
const truncationArb = fc.record({
  field: fc.constantFrom('eventID', 'eventTime', 'recipientAccountId', 'userIdentity', 'eventSource', 'eventName'),
  replacement: fc.constantFrom(undefined, null, 42, [], {}, ''),
});

describe('Property 1: change detection', () => {
  it('accepts exactly the successful management-account contact writes, carrying id, time and kind', () => {
    fc.assert(
      fc.property(featuresArb, (f) => {
        const event: Record<string, unknown> = { ...contactWriteEvent(f), source: f.source };
        (event['detail'] as Record<string, unknown>)['readOnly'] = f.readOnly;
        const shouldAccept =
          f.source === 'aws.account' &&
          (CONTACT_EVENT_NAMES as readonly string[]).includes(f.eventName) &&
          f.memberAccountId === undefined &&
          f.errorCode === undefined &&
          !f.readOnly;
        const result = detectContactChange(event);
        expect(result.ok).toBe(shouldAccept);
        if (result.ok) {
          expect(result.value.eventId).toBe(f.eventId);
          expect(result.value.eventTime).toBe(f.eventTime);
          expect(result.value.kind).toBe(expectedKind(f.eventName, f.alternateContactType));
          expect(result.value.managementAccountId).toBe(f.managementAccountId);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects, without throwing, any event with a required field missing or of the wrong type', () => {
    fc.assert(
      fc.property(featuresArb, truncationArb, (f, t) => {
        const event = contactWriteEvent({ ...f, memberAccountId: undefined, errorCode: undefined, eventName: 'PutAlternateContact' });
        (event['detail'] as Record<string, unknown>)[t.field] = t.replacement;
        const result = detectContactChange(event);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.field).toContain(t.field === 'userIdentity' ? 'userIdentity' : t.field);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (detail, top) => {
        const candidates = [top, { source: 'aws.account', 'detail-type': 'AWS API Call via CloudTrail', detail }];
        for (const candidate of candidates) expect(() => detectContactChange(candidate)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
