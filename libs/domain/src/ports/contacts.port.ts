import { AccountId } from '../accounts/account-id';
import { AlternateContactType, ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue } from '../contacts/contact-value';

/**
 * What a delete found: REMOVED when it deleted a contact, ABSENT when none was set (the API answers
 * not found). ABSENT means this request changed nothing, so nothing may be audited as written by it.
 */
export type Removal = 'REMOVED' | 'ABSENT';

/**
 * The contacts of the management account (`accountId` undefined: the API refuses the management
 * account's own id) and of its members. Failures are thrown as `ContactApiError`.
 */
export interface ContactsPort {
  /** The contact of `kind`; undefined when it is not set. */
  read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot>;
  /** Sets the contact of the value's kind. */
  write(value: ContactValue, accountId?: AccountId): Promise<void>;
  /** Deletes an alternate contact; one already absent is not an error, and is told apart (ABSENT). */
  remove(type: AlternateContactType, accountId?: AccountId): Promise<Removal>;
}
