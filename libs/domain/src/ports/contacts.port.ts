import { AccountId } from '../accounts/account-id';
import { AlternateContactType, ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue } from '../contacts/contact-value';

/**
 * The contacts of the management account (`accountId` undefined: the API refuses the management
 * account's own id) and of its members. Failures are thrown as `ContactApiError`.
 */
export interface ContactsPort {
  /** The contact of `kind`; undefined when it is not set. */
  read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot>;
  write(value: ContactValue, accountId?: AccountId): Promise<void>;
  remove(type: AlternateContactType, accountId?: AccountId): Promise<void>;
}
