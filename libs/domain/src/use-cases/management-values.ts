import { ContactKind } from '../contacts/contact-kind';
import { ContactSlot } from '../contacts/contact-value';
import { ResilientContacts } from '../resilience/resilient-contacts';

/** The management account's value of each kind, as read now, and the kinds that could not be read, with why. */
export interface ManagementValues {
  readonly values: ReadonlyMap<ContactKind, ContactSlot>;
  readonly unreadable: ReadonlyArray<{ readonly kind: ContactKind; readonly error: unknown }>;
}

/** Reads the management account's value of each kind, one after another: what a run or a plan brings the members to. */
export async function readManagementValues(contacts: ResilientContacts, kinds: readonly ContactKind[]): Promise<ManagementValues> {
  const values = new Map<ContactKind, ContactSlot>();
  const unreadable: Array<{ kind: ContactKind; error: unknown }> = [];
  for (const kind of kinds) {
    try {
      values.set(kind, (await contacts.read(kind)).value);
    } catch (error) {
      unreadable.push({ kind, error });
    }
  }
  return { values, unreadable };
}
