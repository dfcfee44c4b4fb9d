import { AlternateContact } from './alternate-contact';
import { ContactInformation } from './contact-information';
import { ContactKind } from './contact-kind';

/** The value of one contact kind: the primary contact or an alternate contact. */
export type ContactValue = ContactInformation | AlternateContact;

/** The value of `kind`, or absent (an unset alternate contact). */
export type ContactSlot = ContactValue | undefined;

/** True when two values of the same kind are canonically equal (both absent counts as equal). */
export function sameContact(a: ContactSlot, b: ContactSlot): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.equals(b);
}

/** The kind a value belongs to. */
export const kindOf = (value: ContactValue): ContactKind => value.kind;

/**
 * The names of the fields in which two values of a kind differ, in the API's field order; empty when
 * either is absent (then the whole contact differs). Names only: a field's value is personal data.
 */
export function differingFields(a: ContactSlot, b: ContactSlot): string[] {
  if (a === undefined || b === undefined) return [];
  const left = a.props as unknown as Readonly<Record<string, unknown>>;
  const right = b.props as unknown as Readonly<Record<string, unknown>>;
  const names = [...Object.keys(left), ...Object.keys(right).filter((name) => !(name in left))];
  return names.filter((name) => left[name] !== right[name]);
}
