import { AccountId, isAccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { contactEventNames, contactKindSpec, kindsChangedBy } from '../contacts/contact-kinds';
import { isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { ChangeRejection, ChangeRejectionReason } from './change-rejection';
import { ChangeAction, ContactChange } from './contact-change';

/** The CloudTrail event names that change a contact: the kinds' put and delete events. */
export const CONTACT_EVENT_NAMES: readonly string[] = Object.freeze(contactEventNames());

const reject = (reason: ChangeRejectionReason, field: string, message: string) => err<ChangeRejection>({ reason, field, message });

/** `A, B or C`: the types the parameter may name, as a rejection states them. */
const oneOf = (kinds: readonly ContactKind[]): string => {
  const types = kinds.map((kind) => contactKindSpec(kind).alternateContactType ?? kind);
  return types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}` : types.join('');
};

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** A request parameter that is there, under the spelling it was found with. */
interface Parameter {
  readonly key: string;
  readonly value: unknown;
}

/**
 * A request parameter under each spelling CloudTrail has used for it, camelCase first: AWS's
 * documented example has `accountId`, a real deployment showed `AccountId`. Null counts as absent.
 */
function parameter(parameters: Readonly<Record<string, unknown>>, camelCase: string): Parameter[] {
  const keys = [camelCase, `${camelCase.charAt(0).toUpperCase()}${camelCase.slice(1)}`];
  return keys.filter((key) => parameters[key] !== undefined && parameters[key] !== null).map((key) => ({ key, value: parameters[key] }));
}

/**
 * Reads an EventBridge event carrying a CloudTrail record. Accepts only a successful contact write
 * that the management account made on itself and that its own CloudTrail recorded:
 * - a call that names a member (`accountId` or `AccountId`) is refused: this product's own writes
 *   look like that, so ignoring them prevents loops;
 * - a call recorded in another account (`recipientAccountId`, or the event's `account`, is not
 *   `managementAccountId`) is refused: a member's own write forwarded to the management bus.
 *
 * Contact values are never read: CloudTrail hides them, and the change is re-read from the API.
 * Never throws.
 */
export function detectContactChange(event: unknown, managementAccountId: AccountId): Result<ContactChange, ChangeRejection> {
  if (!isRecord(event)) return reject('NOT_AN_EVENT', '(root)', 'the event is not an object');
  if (event['source'] !== 'aws.account') return reject('WRONG_SOURCE', 'source', 'source is not aws.account');
  if (event['detail-type'] !== 'AWS API Call via CloudTrail') {
    return reject('WRONG_DETAIL_TYPE', 'detail-type', 'detail-type is not "AWS API Call via CloudTrail"');
  }
  const detail = event['detail'];
  if (!isRecord(detail)) return reject('MALFORMED', 'detail', 'detail is not an object');
  if (detail['eventSource'] !== 'account.amazonaws.com') {
    return reject('WRONG_EVENT_SOURCE', 'detail.eventSource', 'eventSource is not account.amazonaws.com');
  }
  const eventName = detail['eventName'];
  if (typeof eventName !== 'string' || !CONTACT_EVENT_NAMES.includes(eventName)) {
    return reject('UNSUPPORTED_EVENT_NAME', 'detail.eventName', 'eventName is not a contact write');
  }
  if (detail['errorCode'] !== undefined && detail['errorCode'] !== null) {
    return reject('FAILED_CALL', 'detail.errorCode', 'the API call failed');
  }
  if (detail['readOnly'] === true) return reject('READ_ONLY_CALL', 'detail.readOnly', 'the API call was read-only');

  const params = detail['requestParameters'];
  if (params !== undefined && params !== null && !isRecord(params)) {
    return reject('MALFORMED', 'detail.requestParameters', 'requestParameters is not an object');
  }
  const parameters = params ?? {};
  const [target] = parameter(parameters, 'accountId');
  if (target) return reject('MEMBER_ACCOUNT_TARGET', `detail.requestParameters.${target.key}`, 'the call targets a member account');

  const eventId = detail['eventID'];
  if (!isText(eventId)) return reject('MALFORMED', 'detail.eventID', 'eventID is missing');
  const eventTime = detail['eventTime'];
  if (!isText(eventTime) || Number.isNaN(Date.parse(eventTime))) return reject('MALFORMED', 'detail.eventTime', 'eventTime is not a time');
  const recipient = detail['recipientAccountId'];
  if (!isAccountId(recipient)) return reject('MALFORMED', 'detail.recipientAccountId', 'recipientAccountId is not a 12-digit account id');
  const elsewhere = 'the call was recorded in another account than the management account';
  if (recipient !== managementAccountId) return reject('NOT_MANAGEMENT_ACCOUNT', 'detail.recipientAccountId', elsewhere);
  // EventBridge always says which account's bus the event came from; a forwarded event keeps its own.
  if (event['account'] !== undefined && event['account'] !== managementAccountId) {
    return reject('NOT_MANAGEMENT_ACCOUNT', 'account', elsewhere);
  }
  const identity = detail['userIdentity'];
  if (!isRecord(identity)) return reject('MALFORMED', 'detail.userIdentity', 'userIdentity is not an object');
  const initiator = isText(identity['arn']) ? identity['arn'] : identity['type'];
  if (!isText(initiator)) return reject('MALFORMED', 'detail.userIdentity.arn', 'the caller has neither an arn nor a type');

  // The event name alone names the kind when one kind has it; else the alternateContactType parameter does.
  // CONTACT_EVENT_NAMES are the table's events, so at least one kind is changed by this one.
  const candidates = kindsChangedBy(eventName);
  let kind = candidates[0] as ContactKind;
  if (candidates.length > 1 || contactKindSpec(kind).alternateContactType !== undefined) {
    const spellings = parameter(parameters, 'alternateContactType');
    const [first, second] = spellings;
    const field = `detail.requestParameters.${first?.key ?? 'alternateContactType'}`;
    if (second && second.value !== first?.value) {
      return reject('MALFORMED', field, 'alternateContactType and AlternateContactType disagree');
    }
    const named = candidates.find((candidate) => contactKindSpec(candidate).alternateContactType === first?.value);
    if (named === undefined) return reject('MALFORMED', field, `alternateContactType is not ${oneOf(candidates)}`);
    kind = named;
  }
  const action: ChangeAction = contactKindSpec(kind).deleteEvent === eventName ? 'DELETE' : 'PUT';
  return ok(
    Object.freeze({
      eventId,
      eventTime: new Date(eventTime).toISOString(),
      kind,
      action,
      initiator,
      managementAccountId,
    }),
  );
}
