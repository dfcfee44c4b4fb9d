import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { ContactSlot } from '../contacts/contact-value';
import { CallOptions, ResilientContacts } from '../resilience/resilient-contacts';
import { ContactDiff, diffContact } from '../sync/diff-contact';

/** A member's value of one kind and what bringing it to the wanted value takes. */
export interface MemberComparison {
  readonly current: ContactSlot;
  readonly diff: ContactDiff;
  /** Calls the read took. */
  readonly attempts: number;
}

/** Reads a member's value of `kind` and compares it with the wanted one: what a worker acts on and a plan reports. */
export async function compareMember(
  contacts: ResilientContacts,
  accountId: AccountId,
  kind: ContactKind,
  wanted: ContactSlot,
  propagateDeletions: boolean,
  options?: CallOptions,
): Promise<MemberComparison> {
  const { value, attempts } = await contacts.read(kind, accountId, options);
  return { current: value, diff: diffContact(wanted, value, propagateDeletions), attempts };
}
