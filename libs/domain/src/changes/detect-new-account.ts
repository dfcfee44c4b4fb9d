import { AccountId, isAccountId } from '../accounts/account-id';
import { isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { ChangeRejection, ChangeRejectionReason } from './change-rejection';

/** The CloudTrail events that announce an account joining the organization. */
export const NEW_ACCOUNT_EVENT_NAMES = [
  'CreateAccountResult',
  'AccountJoinedOrganization',
  'CreateManagedAccount',
  'UpdateManagedAccount',
] as const;
/** One of {@link NEW_ACCOUNT_EVENT_NAMES}. */
export type NewAccountEventName = (typeof NEW_ACCOUNT_EVENT_NAMES)[number];

/** A member account that has just joined the organization (created, invited, or enrolled by Control Tower). */
export interface NewAccount {
  readonly accountId: AccountId;
  /** CloudTrail's `eventID`, for correlation: onboarding is idempotent per account, not per event. */
  readonly eventId: string;
  readonly eventName: NewAccountEventName;
  readonly initiator: string;
}

interface EventShape {
  readonly source: 'aws.organizations' | 'aws.controltower';
  readonly detailTypes: readonly string[];
  /** Path (under `detail`) of the object whose `state` must be SUCCEEDED, for events that report an outcome. */
  readonly status?: readonly string[];
  /** Paths (under `detail`) where the account id may be, tried in order. */
  readonly accountId: ReadonlyArray<readonly string[]>;
}

const SERVICE_EVENT = 'AWS Service Event via CloudTrail';

/**
 * Where each event keeps what matters. AWS documents `AccountJoinedOrganization` (its
 * `joinedMethod`: Created or Invited, and `joinedTime`) but publishes no sample record, so its account
 * id is looked for wherever a CloudTrail record keeps call details. Every join method is accepted:
 * onboarding is idempotent per account, so a created account announced twice is onboarded once.
 */
const SHAPES: Readonly<Record<NewAccountEventName, EventShape>> = {
  CreateAccountResult: {
    source: 'aws.organizations',
    detailTypes: [SERVICE_EVENT],
    status: ['serviceEventDetails', 'createAccountStatus'],
    accountId: [['serviceEventDetails', 'createAccountStatus', 'accountId']],
  },
  AccountJoinedOrganization: {
    source: 'aws.organizations',
    detailTypes: [SERVICE_EVENT, 'AWS API Call via CloudTrail'],
    accountId: [
      ['serviceEventDetails', 'accountId'],
      ['requestParameters', 'accountId'],
      // CloudTrail has shown request keys in PascalCase too (see detectContactChange).
      ['requestParameters', 'AccountId'],
      ['additionalEventData', 'accountId'],
    ],
  },
  CreateManagedAccount: {
    source: 'aws.controltower',
    detailTypes: [SERVICE_EVENT],
    status: ['serviceEventDetails', 'createManagedAccountStatus'],
    accountId: [['serviceEventDetails', 'createManagedAccountStatus', 'account', 'accountId']],
  },
  UpdateManagedAccount: {
    source: 'aws.controltower',
    detailTypes: [SERVICE_EVENT],
    status: ['serviceEventDetails', 'updateManagedAccountStatus'],
    accountId: [['serviceEventDetails', 'updateManagedAccountStatus', 'account', 'accountId']],
  },
};

const reject = (reason: ChangeRejectionReason, field: string, message: string) => err<ChangeRejection>({ reason, field, message });
const at = (root: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), root);
const fieldOf = (path: readonly string[]) => `detail.${path.join('.')}`;
const isNewAccountEventName = (name: unknown): name is NewAccountEventName =>
  (NEW_ACCOUNT_EVENT_NAMES as readonly unknown[]).includes(name);

/**
 * Reads an event that announces a joining account: Organizations' `CreateAccountResult` (state
 * SUCCEEDED) and `AccountJoinedOrganization` (created or invited), Control Tower's
 * `CreateManagedAccount` and `UpdateManagedAccount` (a retried enrolment; state SUCCEEDED). Never throws.
 */
export function detectNewAccount(event: unknown): Result<NewAccount, ChangeRejection> {
  if (!isRecord(event)) return reject('NOT_AN_EVENT', '(root)', 'the event is not an object');
  const source = event['source'];
  if (source !== 'aws.organizations' && source !== 'aws.controltower')
    return reject('WRONG_SOURCE', 'source', 'source is not aws.organizations or aws.controltower');
  const detail = event['detail'];
  if (!isRecord(detail)) return reject('MALFORMED', 'detail', 'detail is not an object');
  const eventName = detail['eventName'];
  if (!isNewAccountEventName(eventName) || SHAPES[eventName].source !== source) {
    return reject('UNSUPPORTED_EVENT_NAME', 'detail.eventName', `eventName is not one that announces a new account from ${source}`);
  }
  const shape = SHAPES[eventName];
  if (!shape.detailTypes.includes(event['detail-type'] as string))
    return reject('WRONG_DETAIL_TYPE', 'detail-type', `detail-type is not "${shape.detailTypes.join('" or "')}"`);
  const eventId = detail['eventID'];
  if (typeof eventId !== 'string' || eventId.length === 0) return reject('MALFORMED', 'detail.eventID', 'eventID is missing');
  if (detail['errorCode'] !== undefined && detail['errorCode'] !== null)
    return reject('FAILED_CALL', 'detail.errorCode', 'the call failed');
  if (shape.status) {
    const status = at(detail, shape.status);
    if (!isRecord(status)) return reject('MALFORMED', fieldOf(shape.status), `${shape.status.at(-1)} is not an object`);
    if (status['state'] !== 'SUCCEEDED')
      return reject('FAILED_CALL', `${fieldOf(shape.status)}.state`, 'the account was not created or enrolled');
  }
  const accountId = shape.accountId.map((path) => at(detail, path)).find(isAccountId);
  if (accountId === undefined)
    return reject('MALFORMED', fieldOf(shape.accountId[0] as readonly string[]), 'the account id is not 12 digits');
  const identity = detail['userIdentity'];
  const initiator = isRecord(identity) && typeof identity['invokedBy'] === 'string' ? identity['invokedBy'] : source;
  return ok(Object.freeze({ accountId, eventId, eventName, initiator }));
}
