import fc from 'fast-check';
import { detectContactChange } from '../changes/detect-contact-change';
import { CONTACT_EVENT_NAMES } from '../changes/detect-contact-change';
import { DomainError } from '../shared/domain-error';
import { alternateContactPropsArb, contactInformationPropsArb } from '../testing/arbitraries';
import { contactWriteEvent, ParameterCase } from '../testing/cloudtrail-event-builder';
import { AlternateContactProps } from './alternate-contact';
import { ContactInformationProps } from './contact-information';
import { CONTACT_KINDS, ContactKind, isAlternateContactType } from './contact-kind';
import {
  CONTACT_KIND_SPECS,
  contactKindSpec,
  ContactKindSpec,
  contactOf,
  deletableKind,
  isDeletableKind,
  kindAddressedBy,
  kindsChangedBy,
  kindsPerOperation,
  parseContact,
  readOperation,
  removeOperation,
  writeOperation,
} from './contact-kinds';
import { CONTACT_OPERATIONS } from './contact-operation';
import { kindOf, sameContact } from './contact-value';

const MANAGEMENT = '111111111111';
const REQUIRED: readonly (keyof ContactKindSpec)[] = ['kind', 'valueClass', 'parse', 'read', 'write', 'putEvent'];
const ON_DELETABLE_ONLY: readonly (keyof ContactKindSpec)[] = ['remove', 'deleteEvent'];

/** A valid value of `kind` in the API's shape. */
const propsArb = (kind: ContactKind): fc.Arbitrary<ContactInformationProps | AlternateContactProps> =>
  isAlternateContactType(kind) ? alternateContactPropsArb(kind) : contactInformationPropsArb;

const operationsOf = (spec: ContactKindSpec) => [spec.read, spec.write, ...(spec.remove ? [spec.remove] : [])];

describe('the table of contact kinds', () => {
  it('has an entry for every kind, each with every field, and the unset fields only where the kind can be unset', () => {
    expect(Object.keys(CONTACT_KIND_SPECS).sort()).toEqual([...CONTACT_KINDS].sort());
    for (const kind of CONTACT_KINDS) {
      const spec = contactKindSpec(kind);
      expect(spec.kind).toBe(kind);
      for (const field of REQUIRED) expect({ kind, field, defined: spec[field] !== undefined }).toEqual({ kind, field, defined: true });
      for (const field of ON_DELETABLE_ONLY)
        expect({ kind, field, defined: spec[field] !== undefined }).toEqual({ kind, field, defined: isDeletableKind(kind) });
      // An alternate contact is addressed by its type; the primary contact by its operations alone.
      expect(spec.alternateContactType).toBe(isAlternateContactType(kind) ? kind : undefined);
    }
    expect(CONTACT_KINDS.filter(isDeletableKind)).toEqual(['BILLING', 'OPERATIONS', 'SECURITY']);
  });

  it('names only operations that have a quota, and every operation that has one', () => {
    const named = new Set(CONTACT_KINDS.flatMap((kind) => operationsOf(contactKindSpec(kind))));
    expect([...named].sort()).toEqual([...CONTACT_OPERATIONS].sort());
  });

  it('addresses each kind by its operation and type alone: each operation of an entry, with its type, names that kind and no other', () => {
    for (const kind of CONTACT_KINDS) {
      const spec = contactKindSpec(kind);
      for (const operation of operationsOf(spec)) {
        const addressed = CONTACT_KINDS.filter((other) => {
          const candidate = contactKindSpec(other);
          return operationsOf(candidate).includes(operation) && candidate.alternateContactType === spec.alternateContactType;
        });
        expect({ operation, addressed }).toEqual({ operation, addressed: [kind] });
        expect({ operation, addressed: kindAddressedBy(operation, spec.alternateContactType) }).toEqual({ operation, addressed: kind });
      }
    }
    expect(CONTACT_KINDS.map((kind) => [readOperation(kind), writeOperation(kind)])).toEqual(
      CONTACT_KINDS.map((kind) => [contactKindSpec(kind).read, contactKindSpec(kind).write]),
    );
  });

  it('addresses no kind by a type its operation does not serve', () => {
    expect(kindAddressedBy('GetAlternateContact', 'PRIMARY')).toBeUndefined();
    expect(kindAddressedBy('DeleteAlternateContact', undefined)).toBeUndefined();
    // The primary contact's operations name no type: one named anyway is not what addresses it.
    expect(kindAddressedBy('PutContactInformation', 'BILLING')).toBe('PRIMARY');
  });

  it('counts the calls of each operation one account needs from the table: a read, a write and an unset per kind', () => {
    expect(kindsPerOperation()).toEqual({
      GetContactInformation: 1,
      GetAlternateContact: 3,
      PutContactInformation: 1,
      PutAlternateContact: 3,
      DeleteAlternateContact: 3,
    });
  });

  it('refuses to unset a kind that cannot be unset, with a code and no value', () => {
    expect(() => removeOperation('PRIMARY')).toThrow(new DomainError('INVARIANT_VIOLATED', 'a PRIMARY contact cannot be unset'));
    expect(() => deletableKind('PRIMARY')).toThrow(DomainError);
    expect(removeOperation('SECURITY')).toBe('DeleteAlternateContact');
    expect(deletableKind('BILLING')).toBe('BILLING');
  });

  it.each(CONTACT_KINDS)('parses a value of %s into its value class and back, and refuses every other kind', (kind) => {
    const spec = contactKindSpec(kind);
    fc.assert(
      fc.property(propsArb(kind), (props) => {
        const value = contactOf(kind, props);
        expect(Object.getPrototypeOf(value)).toBe(spec.valueClass.prototype);
        expect(kindOf(value)).toBe(kind);
        expect(sameContact(contactOf(kind, value.toJSON()), value)).toBe(true);
        for (const other of CONTACT_KINDS.filter((k) => k !== kind)) expect(parseContact(other, props).ok).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it.each(
    CONTACT_KINDS.flatMap((kind) =>
      (['camelCase', 'PascalCase'] as ParameterCase[]).map((parameterCase) => [kind, parameterCase] as const),
    ),
  )('reads back %s from the CloudTrail events of its own put and delete (%s keys)', (kind, parameterCase) => {
    const spec = contactKindSpec(kind);
    const events = [[spec.putEvent, 'PUT'], ...(spec.deleteEvent ? [[spec.deleteEvent, 'DELETE']] : [])] as const;
    for (const [eventName, action] of events) {
      const event = contactWriteEvent({ eventName, alternateContactType: spec.alternateContactType, parameterCase });
      const change = detectContactChange(event, MANAGEMENT);
      expect(change.ok && { kind: change.value.kind, action: change.value.action }).toEqual({ kind, action });
      expect(kindsChangedBy(eventName)).toContain(kind);
    }
  });

  it('lists as contact events exactly the events of the table', () => {
    const events = CONTACT_KINDS.flatMap((kind) => [contactKindSpec(kind).putEvent, contactKindSpec(kind).deleteEvent ?? []].flat());
    expect([...CONTACT_EVENT_NAMES].sort()).toEqual([...new Set(events)].sort());
    expect(CONTACT_EVENT_NAMES).toEqual(['PutContactInformation', 'PutAlternateContact', 'DeleteAlternateContact']);
  });
});
