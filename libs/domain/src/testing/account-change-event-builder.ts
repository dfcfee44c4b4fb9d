import { AccountChangeEventName } from '../changes/detect-account-change';
import { apiCallEvent, pascal } from './cloudtrail-api-call';

/** What varies between the Organizations move and tag events the tests and the simulator build. */
export interface AccountChangeEventOptions {
  readonly eventName?: AccountChangeEventName;
  readonly accountId?: string;
  readonly eventId?: string;
  readonly eventTime?: string;
  /** MoveAccount's parents. */
  readonly sourceParentId?: string;
  readonly destinationParentId?: string;
  /** TagResource's tags, or UntagResource's keys (their keys). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Request parameters with PascalCase keys, as some trails record them. */
  readonly pascalCase?: boolean;
  readonly errorCode?: string;
  readonly managementAccountId?: string;
}

/** An Organizations MoveAccount, TagResource or UntagResource call as EventBridge delivers it from CloudTrail; a MoveAccount by default. */
export function accountChangeEvent(options: AccountChangeEventOptions = {}): Record<string, unknown> {
  const eventName = options.eventName ?? 'MoveAccount';
  const accountId = options.accountId ?? '222222222222';
  const management = options.managementAccountId ?? '111111111111';
  const eventId = options.eventId ?? 'ac0ffee0-0000-4000-8000-000000000001';
  const eventTime = options.eventTime ?? '2026-11-22T10:00:00Z';
  const tags = Object.entries(options.tags ?? { team: 'payments' });
  const camel: Record<string, unknown> =
    eventName === 'MoveAccount'
      ? {
          accountId,
          sourceParentId: options.sourceParentId ?? 'r-abcd',
          destinationParentId: options.destinationParentId ?? 'ou-abcd-12345678',
        }
      : eventName === 'TagResource'
        ? { resourceId: accountId, tags: tags.map(([key, value]) => ({ key, value })) }
        : { resourceId: accountId, tagKeys: tags.map(([key]) => key) };
  const requestParameters = options.pascalCase ? Object.fromEntries(Object.entries(camel).map(([k, v]) => [pascal(k), v])) : camel;
  return apiCallEvent({
    source: 'aws.organizations',
    eventSource: 'organizations.amazonaws.com',
    eventName,
    account: management,
    eventId,
    eventTime,
    requestId: 'f1e2d3c4-0000-4000-8000-000000000001',
    requestParameters,
    ...(options.errorCode ? { errorCode: options.errorCode } : {}),
  });
}
