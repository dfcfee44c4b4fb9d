import { AccountId, isAccountId } from '../accounts/account-id';
import { isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { ChangeRejection, ChangeRejectionReason } from './change-rejection';

/** The Organizations calls that change where a member account sits or how it is tagged: what the OU and tag rules read. */
export const ACCOUNT_CHANGE_EVENT_NAMES = ['MoveAccount', 'TagResource', 'UntagResource'] as const;
/** One of {@link ACCOUNT_CHANGE_EVENT_NAMES}. */
export type AccountChangeEventName = (typeof ACCOUNT_CHANGE_EVENT_NAMES)[number];

/** A member account moved to another OU, or tagged or untagged, on the management account. */
export interface AccountChange {
  readonly accountId: AccountId;
  /** CloudTrail's `eventID`: each change is re-evaluated once, however often it is delivered. */
  readonly eventId: string;
  readonly eventName: AccountChangeEventName;
  /** Whether the change is to the account's place in the tree (a move) rather than to its tags. */
  readonly moved: boolean;
  readonly initiator: string;
}

/** Where each call names its account, camelCase as AWS documents it, PascalCase as some trails record it. */
const ACCOUNT_FIELDS: Readonly<Record<AccountChangeEventName, readonly string[]>> = {
  MoveAccount: ['accountId', 'AccountId'],
  TagResource: ['resourceId', 'ResourceId'],
  UntagResource: ['resourceId', 'ResourceId'],
};

const reject = (reason: ChangeRejectionReason, field: string, message: string) => err<ChangeRejection>({ reason, field, message });
const isAccountChangeEventName = (name: unknown): name is AccountChangeEventName =>
  (ACCOUNT_CHANGE_EVENT_NAMES as readonly unknown[]).includes(name);

/**
 * Reads an Organizations `MoveAccount`, `TagResource` or `UntagResource` call from the management
 * account's CloudTrail (EventBridge's `AWS API Call via CloudTrail` from `aws.organizations`). A call
 * that failed, or that tags an OU, a root or a policy rather than an account, is rejected: it changes
 * no account's targeting. Never throws.
 */
export function detectAccountChange(event: unknown): Result<AccountChange, ChangeRejection> {
  if (!isRecord(event)) return reject('NOT_AN_EVENT', '(root)', 'the event is not an object');
  if (event['source'] !== 'aws.organizations') return reject('WRONG_SOURCE', 'source', 'source is not aws.organizations');
  if (event['detail-type'] !== 'AWS API Call via CloudTrail')
    return reject('WRONG_DETAIL_TYPE', 'detail-type', 'detail-type is not "AWS API Call via CloudTrail"');
  const detail = event['detail'];
  if (!isRecord(detail)) return reject('MALFORMED', 'detail', 'detail is not an object');
  if (detail['eventSource'] !== 'organizations.amazonaws.com')
    return reject('WRONG_EVENT_SOURCE', 'detail.eventSource', 'eventSource is not organizations.amazonaws.com');
  const eventName = detail['eventName'];
  if (!isAccountChangeEventName(eventName))
    return reject('UNSUPPORTED_EVENT_NAME', 'detail.eventName', 'eventName is not MoveAccount, TagResource or UntagResource');
  const eventId = detail['eventID'];
  if (typeof eventId !== 'string' || eventId.length === 0) return reject('MALFORMED', 'detail.eventID', 'eventID is missing');
  if (detail['errorCode'] !== undefined && detail['errorCode'] !== null)
    return reject('FAILED_CALL', 'detail.errorCode', 'the call failed');
  const parameters = detail['requestParameters'];
  if (!isRecord(parameters)) return reject('MALFORMED', 'detail.requestParameters', 'requestParameters is not an object');
  const fields = ACCOUNT_FIELDS[eventName];
  const named = fields.map((field) => parameters[field]).find((value) => value !== undefined && value !== null);
  if (named === undefined) return reject('MALFORMED', `detail.requestParameters.${fields[0]}`, `${fields[0]} is missing`);
  // An OU, a root or a policy tagged: the targeting rules read only accounts' tags.
  if (!isAccountId(named))
    return reject('UNSUPPORTED_EVENT_NAME', `detail.requestParameters.${fields[0]}`, `${fields[0]} is not a 12-digit account id`);
  const identity = detail['userIdentity'];
  const initiator = isRecord(identity) && typeof identity['arn'] === 'string' ? identity['arn'] : 'aws.organizations';
  return ok(Object.freeze({ accountId: named, eventId, eventName, moved: eventName === 'MoveAccount', initiator }));
}
