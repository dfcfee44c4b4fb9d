import fc from 'fast-check';
import { accountIdArb } from '../testing/arbitraries';
import { CLOUDTRAIL_HIDDEN, contactWriteEvent } from '../testing/cloudtrail-event-builder';
import { CONTACT_EVENT_NAMES, detectContactChange } from './detect-contact-change';

/** Absent half the time: each feature that rejects an event is drawn as often as not. */
const halfTheTime = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

/** The event's features that decide acceptance, each drawn from valid and invalid values. */
const featuresArb = fc.record({
  eventId: fc.uuid(),
  eventTime: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  eventName: fc.constantFrom(...CONTACT_EVENT_NAMES, ...CONTACT_EVENT_NAMES, 'GetAlternateContact', 'ListRegions', 'PutAccountName'),
  alternateContactType: fc.constantFrom('BILLING', 'OPERATIONS', 'SECURITY'),
  managementAccountId: accountIdArb,
  memberAccountId: halfTheTime(accountIdArb),
  /** The account whose CloudTrail recorded the write, when it is not the management account (a member's own write). */
  otherRecipient: halfTheTime(accountIdArb),
  parameterCase: fc.constantFrom('camelCase' as const, 'PascalCase' as const),
  errorCode: halfTheTime(fc.constantFrom('AccessDenied', 'ValidationException', 'TooManyRequestsException')),
  source: fc.constantFrom('aws.account', 'aws.account', 'aws.organizations'),
  readOnly: fc.constantFrom(false, false, true),
});

/** Contact fields of a request, flat or nested, in either key case, each hidden as CloudTrail hides it or holding any value. */
const contactValuesArb = fc.dictionary(
  fc.constantFrom(
    'name',
    'Name',
    'emailAddress',
    'EmailAddress',
    'title',
    'Title',
    'phoneNumber',
    'PhoneNumber',
    'contactInformation',
    'ContactInformation',
    'fullName',
    'FullName',
  ),
  fc.oneof(
    fc.constant(CLOUDTRAIL_HIDDEN),
    fc.string({ minLength: 6 }).map((s) => `value:${s}`),
    fc.dictionary(fc.constantFrom('fullName', 'FullName', 'addressLine1', 'AddressLine1'), fc.constant(CLOUDTRAIL_HIDDEN)),
  ),
);

/** The kind each accepted event name changes. */
const expectedKind = (eventName: string, type: string) => (eventName === 'PutContactInformation' ? 'PRIMARY' : type);

/** A required field removed, or replaced by a value of the wrong type. */
const truncationArb = fc.record({
  field: fc.constantFrom('eventID', 'eventTime', 'recipientAccountId', 'userIdentity', 'eventSource', 'eventName'),
  replacement: fc.constantFrom(undefined, null, 42, [], {}, ''),
});

describe('Property 1: change detection', () => {
  it('accepts exactly the successful contact writes the management account made on itself, in either key case, carrying id, time and kind', () => {
    const accepted = new Set<string>();
    fc.assert(
      fc.property(featuresArb, (f) => {
        const recordedIn = f.otherRecipient !== f.managementAccountId ? f.otherRecipient : undefined;
        const event: Record<string, unknown> = { ...contactWriteEvent({ ...f, recordedIn }), source: f.source };
        (event['detail'] as Record<string, unknown>)['readOnly'] = f.readOnly;
        const shouldAccept =
          f.source === 'aws.account' &&
          (CONTACT_EVENT_NAMES as readonly string[]).includes(f.eventName) &&
          f.memberAccountId === undefined &&
          recordedIn === undefined &&
          f.errorCode === undefined &&
          !f.readOnly;
        const result = detectContactChange(event, f.managementAccountId);
        expect(result.ok).toBe(shouldAccept);
        if (shouldAccept) accepted.add(`${f.parameterCase} ${f.eventName}`);
        if (result.ok) {
          expect(result.value.eventId).toBe(f.eventId);
          expect(result.value.eventTime).toBe(f.eventTime);
          expect(result.value.kind).toBe(expectedKind(f.eventName, f.alternateContactType));
          expect(result.value.managementAccountId).toBe(f.managementAccountId);
        }
      }),
      { numRuns: 1000 },
    );
    // The runs met an event to accept of every name in both key cases, not only events to refuse.
    expect(accepted.size).toBe(2 * CONTACT_EVENT_NAMES.length);
  });

  it('rejects, without throwing, any event with a required field missing or of the wrong type', () => {
    fc.assert(
      fc.property(featuresArb, truncationArb, (f, t) => {
        const event = contactWriteEvent({ ...f, memberAccountId: undefined, errorCode: undefined, eventName: 'PutAlternateContact' });
        (event['detail'] as Record<string, unknown>)[t.field] = t.replacement;
        const result = detectContactChange(event, f.managementAccountId);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.field).toContain(t.field === 'userIdentity' ? 'userIdentity' : t.field);
      }),
      { numRuns: 300 },
    );
  });

  it('decides the same whatever the contact values in the request (hidden, absent or any value, any key case), and never carries them', () => {
    fc.assert(
      fc.property(featuresArb, contactValuesArb, (f, values) => {
        const event = contactWriteEvent(f);
        const detail = event['detail'] as { requestParameters: Record<string, unknown> };
        const expected = detectContactChange(event, f.managementAccountId);
        const typeKeys = ['alternateContactType', 'AlternateContactType', 'accountId', 'AccountId'];
        const kept = Object.fromEntries(Object.entries(detail.requestParameters).filter(([key]) => typeKeys.includes(key)));
        detail.requestParameters = { ...kept, ...values };
        const result = detectContactChange(event, f.managementAccountId);
        expect(result).toEqual(expected);
        for (const value of Object.values(values)) if (typeof value === 'string') expect(JSON.stringify(result)).not.toContain(value);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (detail, top) => {
        const candidates = [top, { source: 'aws.account', 'detail-type': 'AWS API Call via CloudTrail', detail }];
        for (const candidate of candidates) expect(() => detectContactChange(candidate, '111111111111')).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
