import { isAccountId } from '../accounts/account-id';
import { isAlternateContactType } from '../contacts/contact-kind';
import { isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { ChangeRejection, ChangeRejectionReason } from './change-rejection';
import { ChangeAction, ContactChange } from './contact-change';

/** The CloudTrail event names that change a contact. */
export const CONTACT_EVENT_NAMES = ['PutContactInformation', 'PutAlternateContact', 'DeleteAlternateContact'] as const;

const reject = (reason: ChangeRejectionReason, field: string, message: string) => err<ChangeRejection>({ reason, field, message });

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Reads an EventBridge event carrying a CloudTrail record. Accepts only a successful contact write
 * made on the management account itself: a call that names `accountId` targets a member (this
 * product's own writes look like that, so ignoring them prevents loops). Never throws.
 */
export function detectContactChange(event: unknown): Result<ContactChange, ChangeRejection> {
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
  if (!(CONTACT_EVENT_NAMES as readonly unknown[]).includes(eventName)) {
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
  if (parameters['accountId'] !== undefined && parameters['accountId'] !== null) {
    return reject('MEMBER_ACCOUNT_TARGET', 'detail.requestParameters.accountId', 'the call targets a member account');
  }

  const eventId = detail['eventID'];
  if (!isText(eventId)) return reject('MALFORMED', 'detail.eventID', 'eventID is missing');
  const eventTime = detail['eventTime'];
  if (!isText(eventTime) || Number.isNaN(Date.parse(eventTime))) return reject('MALFORMED', 'detail.eventTime', 'eventTime is not a time');
  const managementAccountId = detail['recipientAccountId'];
  if (!isAccountId(managementAccountId))
    return reject('MALFORMED', 'detail.recipientAccountId', 'recipientAccountId is not a 12-digit account id');
  const identity = detail['userIdentity'];
  if (!isRecord(identity)) return reject('MALFORMED', 'detail.userIdentity', 'userIdentity is not an object');
  const initiator = isText(identity['arn']) ? identity['arn'] : identity['type'];
  if (!isText(initiator)) return reject('MALFORMED', 'detail.userIdentity.arn', 'the caller has neither an arn nor a type');

  let kind: ContactChange['kind'] = 'PRIMARY';
  if (eventName !== 'PutContactInformation') {
    const type = parameters['alternateContactType'];
    if (!isAlternateContactType(type)) {
      return reject(
        'MALFORMED',
        'detail.requestParameters.alternateContactType',
        'alternateContactType is not BILLING, OPERATIONS or SECURITY',
      );
    }
    kind = type;
  }
  const action: ChangeAction = eventName === 'DeleteAlternateContact' ? 'DELETE' : 'PUT';
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
