import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';

/** Whether the management account's contact was set or removed. */
export type ChangeAction = 'PUT' | 'DELETE';

/**
 * A contact change on the management account, detected from CloudTrail. It says only what changed
 * and when: the new value is re-read from the API, because CloudTrail omits or redacts fields.
 */
export interface ContactChange {
  /** CloudTrail's `eventID`: the same for every delivery of one API call, so it keys idempotency. */
  readonly eventId: string;
  /** When the call was made, ISO-8601. */
  readonly eventTime: string;
  readonly kind: ContactKind;
  readonly action: ChangeAction;
  /** Who made the change: the caller's ARN, or its identity type when CloudTrail gives no ARN. */
  readonly initiator: string;
  readonly managementAccountId: AccountId;
}
