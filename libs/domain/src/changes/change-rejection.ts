/** Why an event is not a contact change to propagate. */
export type ChangeRejectionReason =
  | 'NOT_AN_EVENT'
  | 'WRONG_SOURCE'
  | 'WRONG_DETAIL_TYPE'
  | 'WRONG_EVENT_SOURCE'
  | 'UNSUPPORTED_EVENT_NAME'
  | 'MEMBER_ACCOUNT_TARGET'
  | 'NOT_MANAGEMENT_ACCOUNT'
  | 'FAILED_CALL'
  | 'READ_ONLY_CALL'
  | 'MALFORMED';

/** A typed rejection: the reason, the field that decided it, and a message without personal data. */
export interface ChangeRejection {
  readonly reason: ChangeRejectionReason;
  readonly field: string;
  readonly message: string;
}
