import { apiCallEvent, pascal } from './cloudtrail-api-call';

/**
 * How CloudTrail spells the keys of `requestParameters`: camelCase in AWS's documented example for
 * Account Management (`accountId`, `alternateContactType`), PascalCase as a real deployment showed
 * (`AccountId`, `AlternateContactType`, the API's own input names).
 */
export type ParameterCase = 'camelCase' | 'PascalCase';

/** What varies between the CloudTrail contact-write events that {@link contactWriteEvent} builds for tests and test tooling. */
export interface CloudTrailEventOptions {
  eventId?: string;
  eventTime?: string;
  eventName?: string;
  alternateContactType?: string;
  managementAccountId?: string;
  /** The member account the call names (`accountId`): a write on that member, such as this product makes. */
  memberAccountId?: string;
  /**
   * The account that made the call, whose CloudTrail recorded it and whose bus the event came from
   * (the caller's account, `recipientAccountId` and `account`): by default the management account.
   * A member's id here is that member's own write, forwarded to the management account's bus.
   */
  recordedIn?: string;
  /** camelCase (default) or PascalCase keys in `requestParameters`. */
  parameterCase?: ParameterCase;
  errorCode?: string;
  arn?: string;
}

/** What CloudTrail writes in place of every contact value: it never records them. */
export const CLOUDTRAIL_HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

const CONTACT_INFORMATION_FIELDS = ['fullName', 'addressLine1', 'city', 'stateOrRegion', 'postalCode', 'countryCode', 'phoneNumber'];
const ALTERNATE_CONTACT_FIELDS = ['name', 'emailAddress', 'title', 'phoneNumber'];

const hidden = (fields: readonly string[], spell: (key: string) => string) =>
  Object.fromEntries(fields.map((field) => [spell(field), CLOUDTRAIL_HIDDEN]));

/** The request as CloudTrail records it: every contact value hidden, the keys in the given case. */
function requestParametersOf(eventName: string, options: CloudTrailEventOptions): Record<string, unknown> {
  const spell = options.parameterCase === 'PascalCase' ? pascal : (key: string) => key;
  const parameters: Record<string, unknown> = {};
  if (options.memberAccountId) parameters[spell('accountId')] = options.memberAccountId;
  if (eventName === 'PutContactInformation') parameters[spell('contactInformation')] = hidden(CONTACT_INFORMATION_FIELDS, spell);
  else parameters[spell('alternateContactType')] = options.alternateContactType ?? 'SECURITY';
  if (eventName === 'PutAlternateContact') Object.assign(parameters, hidden(ALTERNATE_CONTACT_FIELDS, spell));
  return parameters;
}

/**
 * A CloudTrail contact write as EventBridge delivers it, shaped as AWS documents it for Account
 * Management; by default a successful PutAlternateContact of SECURITY on the management account.
 */
export function contactWriteEvent(options: CloudTrailEventOptions = {}): Record<string, unknown> {
  const account = options.recordedIn ?? options.managementAccountId ?? '111111111111';
  const eventName = options.eventName ?? 'PutAlternateContact';
  const eventTime = options.eventTime ?? '2026-11-22T10:00:00Z';
  return apiCallEvent({
    source: 'aws.account',
    eventSource: 'account.amazonaws.com',
    eventName,
    account,
    eventId: options.eventId ?? 'c0ffee00-0000-4000-8000-000000000001',
    eventTime,
    requestId: 'f1e2d3c4-0000-4000-8000-000000000000',
    requestParameters: requestParametersOf(eventName, options),
    ...(options.arn ? { arn: options.arn } : {}),
    ...(options.errorCode ? { errorCode: options.errorCode } : {}),
  });
}
