import { DomainError } from '../shared/domain-error';
import { err, Result } from '../shared/result';
import { ValidationError } from '../shared/validation-error';
import { AlternateContact } from './alternate-contact';
import { ContactInformation } from './contact-information';
import { AlternateContactType, CONTACT_KINDS, ContactKind } from './contact-kind';
import { ContactOperation } from './contact-operation';
import { ContactValue } from './contact-value';

/**
 * Everything the product knows of one contact kind, in one place: what its values are, which
 * Account Management operations read, write and unset it (the names rate limits and errors use), and
 * how CloudTrail records a change of it. Code that behaves differently by kind looks the kind up here
 * instead of testing for one, so that a kind with a new shape is one entry plus its value class.
 */
export interface ContactKindSpec<V extends ContactValue = ContactValue> {
  /** The kind this entry describes. */
  readonly kind: ContactKind;
  /** The class of the kind's values (its constructor is private: values come from {@link ContactKindSpec.parse}). */
  readonly valueClass: { readonly prototype: V };
  /**
   * Checks input in the API's shape (the props of {@link ContactInformation} or {@link AlternateContact})
   * as a value of this kind: a value of another kind is refused, every broken rule named by field.
   */
  readonly parse: (input: unknown) => Result<V, ValidationError>;
  /** The operation that reads the kind. */
  readonly read: ContactOperation;
  /** The operation that sets the kind. */
  readonly write: ContactOperation;
  /** The operation that unsets the kind; absent when the API cannot unset it (the primary contact). */
  readonly remove?: ContactOperation;
  /** The CloudTrail `eventName` of a call that sets the kind. */
  readonly putEvent: string;
  /** The CloudTrail `eventName` of a call that unsets the kind; absent when it cannot be unset. */
  readonly deleteEvent?: string;
  /**
   * The `AlternateContactType` that names the kind in the API's requests and in CloudTrail's
   * `requestParameters`; absent when the operation alone names it.
   */
  readonly alternateContactType?: AlternateContactType;
}

/** An alternate contact of `type` only: AlternateContact's own rules, and the type must be this one. */
function alternateOfType(type: AlternateContactType): (input: unknown) => Result<AlternateContact, ValidationError> {
  return (input) => {
    const parsed = AlternateContact.parse(input);
    if (!parsed.ok || parsed.value.type === type) return parsed;
    return err(new ValidationError('alternate contact', [{ field: 'AlternateContactType', rule: `must be ${type}` }]));
  };
}

/** One alternate contact type: the three share their operations and events, told apart by their type. */
const alternate = (type: AlternateContactType): ContactKindSpec<AlternateContact> =>
  Object.freeze({
    kind: type,
    valueClass: AlternateContact,
    parse: alternateOfType(type),
    read: 'GetAlternateContact',
    write: 'PutAlternateContact',
    remove: 'DeleteAlternateContact',
    putEvent: 'PutAlternateContact',
    deleteEvent: 'DeleteAlternateContact',
    alternateContactType: type,
  });

/** The table of contact kinds: one entry for each of {@link CONTACT_KINDS}, which the compiler holds complete. */
export const CONTACT_KIND_SPECS: Readonly<Record<ContactKind, ContactKindSpec>> = Object.freeze({
  PRIMARY: Object.freeze({
    kind: 'PRIMARY',
    valueClass: ContactInformation,
    parse: (input: unknown) => ContactInformation.parse(input),
    read: 'GetContactInformation',
    write: 'PutContactInformation',
    putEvent: 'PutContactInformation',
  }),
  BILLING: alternate('BILLING'),
  OPERATIONS: alternate('OPERATIONS'),
  SECURITY: alternate('SECURITY'),
});

/** The entry of `kind` in {@link CONTACT_KIND_SPECS}. */
export const contactKindSpec = (kind: ContactKind): ContactKindSpec => CONTACT_KIND_SPECS[kind];

/** Checks `input` (in the API's shape) as a value of `kind`; a value of another kind is refused. */
export const parseContact = (kind: ContactKind, input: unknown): Result<ContactValue, ValidationError> =>
  CONTACT_KIND_SPECS[kind].parse(input);

/** Like {@link parseContact}, but throws {@link ValidationError}. */
export function contactOf(kind: ContactKind, input: unknown): ContactValue {
  const parsed = parseContact(kind, input);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/** The Account Management operation that reads a contact of `kind`. */
export const readOperation = (kind: ContactKind): ContactOperation => CONTACT_KIND_SPECS[kind].read;

/** The Account Management operation that sets a contact of `kind`. */
export const writeOperation = (kind: ContactKind): ContactOperation => CONTACT_KIND_SPECS[kind].write;

/** A kind the API can unset: one whose entry has a `remove` operation. */
export type DeletableKind = AlternateContactType;

/** True when the API can unset a contact of `kind` (the primary contact can only be overwritten). */
export const isDeletableKind = (kind: ContactKind): kind is DeletableKind => CONTACT_KIND_SPECS[kind].remove !== undefined;

/**
 * `kind` as a kind the API can unset. Throws INVARIANT_VIOLATED for one it cannot: callers decide
 * that a contact is to be unset only for a kind that can be (a rollback reports CANNOT_UNSET instead).
 */
export function deletableKind(kind: ContactKind): DeletableKind {
  if (!isDeletableKind(kind)) throw cannotUnset(kind);
  return kind;
}

const cannotUnset = (kind: ContactKind) => new DomainError('INVARIANT_VIOLATED', `a ${kind} contact cannot be unset`);

/** The Account Management operation that unsets a contact of `kind`; throws INVARIANT_VIOLATED for a kind that cannot be unset. */
export function removeOperation(kind: ContactKind): ContactOperation {
  const { remove } = CONTACT_KIND_SPECS[kind];
  if (remove === undefined) throw cannotUnset(kind);
  return remove;
}

/**
 * How many of the kinds each operation serves: the most calls of it one account needs when every kind
 * is read, written or unset once.
 */
export function kindsPerOperation(): Readonly<Record<ContactOperation, number>> {
  const counts: Partial<Record<ContactOperation, number>> = {};
  for (const kind of CONTACT_KINDS) {
    const { read, write, remove } = CONTACT_KIND_SPECS[kind];
    for (const operation of [read, write, remove]) if (operation) counts[operation] = (counts[operation] ?? 0) + 1;
  }
  return Object.freeze(counts) as Readonly<Record<ContactOperation, number>>;
}

/** The CloudTrail event names of the contact writes, each once, in the order the table first names them. */
export const contactEventNames = (): string[] => [
  ...new Set(CONTACT_KINDS.flatMap((kind) => [CONTACT_KIND_SPECS[kind].putEvent, CONTACT_KIND_SPECS[kind].deleteEvent ?? []].flat())),
];

/**
 * The kind a call of `operation` addresses: the one kind the operation serves when no type addresses
 * it (the primary contact), else the kind of the `AlternateContactType` the call names; undefined when
 * the call names no kind the operation serves.
 */
export function kindAddressedBy(operation: ContactOperation, alternateContactType?: unknown): ContactKind | undefined {
  const served = CONTACT_KINDS.filter((kind) => {
    const { read, write, remove } = CONTACT_KIND_SPECS[kind];
    return read === operation || write === operation || remove === operation;
  });
  const [only] = served;
  if (served.length === 1 && only !== undefined && CONTACT_KIND_SPECS[only].alternateContactType === undefined) return only;
  return served.find((kind) => CONTACT_KIND_SPECS[kind].alternateContactType === alternateContactType);
}

/** The kinds a CloudTrail event of `eventName` may be a change of, in the table's order. */
export const kindsChangedBy = (eventName: string): ContactKind[] =>
  CONTACT_KINDS.filter((kind) => CONTACT_KIND_SPECS[kind].putEvent === eventName || CONTACT_KIND_SPECS[kind].deleteEvent === eventName);
