import { AccountId, isAccountId } from '../accounts/account-id';
import { isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { ChangeRejection, ChangeRejectionReason } from './change-rejection';

/** A member account that has just been created in the organization. */
export interface NewAccount {
  readonly accountId: AccountId;
  /** CloudTrail's `eventID`: keys idempotency of the onboarding run. */
  readonly eventId: string;
  readonly initiator: string;
}

/** The service events that announce a new account, and where each keeps its status. */
const SOURCES = {
  'aws.organizations': { eventName: 'CreateAccountResult', status: 'createAccountStatus', accountId: ['accountId'] },
  'aws.controltower': { eventName: 'CreateManagedAccount', status: 'createManagedAccountStatus', accountId: ['account', 'accountId'] },
} as const;

const reject = (reason: ChangeRejectionReason, field: string, message: string) => err<ChangeRejection>({ reason, field, message });

/**
 * Reads an Organizations `CreateAccountResult` or a Control Tower `CreateManagedAccount` service
 * event; accepts it only when the account was created (state SUCCEEDED). Never throws.
 */
export function detectNewAccount(event: unknown): Result<NewAccount, ChangeRejection> {
  if (!isRecord(event)) return reject('NOT_AN_EVENT', '(root)', 'the event is not an object');
  const source = event['source'];
  if (source !== 'aws.organizations' && source !== 'aws.controltower') return reject('WRONG_SOURCE', 'source', 'source is not aws.organizations or aws.controltower');
  const shape = SOURCES[source];
  if (event['detail-type'] !== 'AWS Service Event via CloudTrail') {
    return reject('WRONG_DETAIL_TYPE', 'detail-type', 'detail-type is not "AWS Service Event via CloudTrail"');
  }
  const detail = event['detail'];
  if (!isRecord(detail)) return reject('MALFORMED', 'detail', 'detail is not an object');
  if (detail['eventName'] !== shape.eventName) return reject('UNSUPPORTED_EVENT_NAME', 'detail.eventName', `eventName is not ${shape.eventName}`);
  const eventId = detail['eventID'];
  if (typeof eventId !== 'string' || eventId.length === 0) return reject('MALFORMED', 'detail.eventID', 'eventID is missing');
  const serviceDetails = detail['serviceEventDetails'];
  const status = isRecord(serviceDetails) ? serviceDetails[shape.status] : undefined;
  const statusField = `detail.serviceEventDetails.${shape.status}`;
  if (!isRecord(status)) return reject('MALFORMED', statusField, `${shape.status} is not an object`);
  if (status['state'] !== 'SUCCEEDED') return reject('FAILED_CALL', `${statusField}.state`, 'the account was not created');
  let accountId: unknown = status;
  for (const key of shape.accountId) accountId = isRecord(accountId) ? accountId[key] : undefined;
  if (!isAccountId(accountId)) return reject('MALFORMED', `${statusField}.${shape.accountId.join('.')}`, 'the account id is not 12 digits');
  const identity = detail['userIdentity'];
  const initiator = isRecord(identity) && typeof identity['invokedBy'] === 'string' ? identity['invokedBy'] : source;
  return ok(Object.freeze({ accountId, eventId, initiator: `${initiator}` }));
}

/** A real-shaped new-account event, for tests and test tooling. */
export function newAccountEvent(options: { source?: 'aws.organizations' | 'aws.controltower'; accountId?: string; state?: string; eventId?: string } = {}): Record<string, unknown> {
  const source = options.source ?? 'aws.organizations';
  const accountId = options.accountId ?? '444444444444';
  const state = options.state ?? 'SUCCEEDED';
  const serviceEventDetails =
    source === 'aws.organizations'
      ? { createAccountStatus: { id: 'car-0123456789abcdef', state, accountName: 'new-workload', accountId, requestedTimestamp: 'Nov 22, 2026 9:00:00 AM', completedTimestamp: 'Nov 22, 2026 9:01:30 AM' } }
      : { createManagedAccountStatus: { organizationalUnit: { organizationalUnitName: 'Workloads', organizationalUnitId: 'ou-abcd-12345678' }, account: { accountName: 'new-workload', accountId }, state, message: 'AWS Control Tower successfully created an enrolled account.', requestedTimestamp: '2026-11-22T09:00:00+0000', completedTimestamp: '2026-11-22T09:25:00+0000' } };
  return {
    version: '0',
    id: `eb-${options.eventId ?? 'a1b2c3d4-0000-4000-8000-000000000002'}`,
    'detail-type': 'AWS Service Event via CloudTrail',
    source,
    account: '111111111111',
    time: '2026-11-22T09:01:30Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.08',
      userIdentity: { accountId: '111111111111', invokedBy: 'AWS Internal' },
      eventTime: '2026-11-22T09:01:30Z',
      eventSource: source === 'aws.organizations' ? 'organizations.amazonaws.com' : 'controltower.amazonaws.com',
      eventName: source === 'aws.organizations' ? 'CreateAccountResult' : 'CreateManagedAccount',
      awsRegion: 'us-east-1',
      eventID: options.eventId ?? 'a1b2c3d4-0000-4000-8000-000000000002',
      readOnly: false,
      eventType: 'AwsServiceEvent',
      managementEvent: true,
      recipientAccountId: '111111111111',
      serviceEventDetails,
      eventCategory: 'Management',
    },
  };
}
