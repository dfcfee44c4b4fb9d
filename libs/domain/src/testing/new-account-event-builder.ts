import { NewAccountEventName } from '../changes/detect-new-account';

/** What varies between the new-account events the tests and the simulator build. */
export interface NewAccountEventOptions {
  readonly eventName?: NewAccountEventName;
  readonly accountId?: string;
  /** The reported state (CreateAccountResult, CreateManagedAccount, UpdateManagedAccount). */
  readonly state?: string;
  /** AccountJoinedOrganization's join method. */
  readonly joinedMethod?: 'Created' | 'Invited';
  readonly eventId?: string;
}

const CONTROL_TOWER_MESSAGE = 'AWS Control Tower successfully created an enrolled account.';

function serviceEventDetails(
  eventName: NewAccountEventName,
  accountId: string,
  state: string,
  joinedMethod: string,
): Record<string, unknown> {
  const account = { accountName: 'new-workload', accountId };
  const organizationalUnit = { organizationalUnitName: 'Workloads', organizationalUnitId: 'ou-abcd-12345678' };
  const times = { requestedTimestamp: '2026-11-22T09:00:00+0000', completedTimestamp: '2026-11-22T09:25:00+0000' };
  switch (eventName) {
    case 'CreateAccountResult':
      return {
        createAccountStatus: {
          id: 'car-0123456789abcdef',
          state,
          accountName: 'new-workload',
          accountId,
          requestedTimestamp: 'Nov 22, 2026 9:00:00 AM',
          completedTimestamp: 'Nov 22, 2026 9:01:30 AM',
        },
      };
    case 'AccountJoinedOrganization':
      return { accountId, joinedMethod, joinedTime: '2026-11-22T09:01:30Z' };
    case 'CreateManagedAccount':
      return { createManagedAccountStatus: { organizationalUnit, account, state, message: CONTROL_TOWER_MESSAGE, ...times } };
    case 'UpdateManagedAccount':
      return {
        updateManagedAccountStatus: {
          organizationalUnit,
          account,
          state,
          message: 'AWS Control Tower successfully updated an enrolled account.',
          ...times,
        },
      };
  }
}

/**
 * A real-shaped event announcing a joining account, for tests and test tooling: an Organizations or
 * Control Tower service event as EventBridge delivers it from CloudTrail.
 */
export function newAccountEvent(options: NewAccountEventOptions = {}): Record<string, unknown> {
  const eventName = options.eventName ?? 'CreateAccountResult';
  const organizations = eventName === 'CreateAccountResult' || eventName === 'AccountJoinedOrganization';
  const eventId = options.eventId ?? 'a1b2c3d4-0000-4000-8000-000000000002';
  return {
    version: '0',
    id: `eb-${eventId}`,
    'detail-type': 'AWS Service Event via CloudTrail',
    source: organizations ? 'aws.organizations' : 'aws.controltower',
    account: '111111111111',
    time: '2026-11-22T09:01:30Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.08',
      userIdentity: {
        accountId: '111111111111',
        invokedBy: eventName === 'AccountJoinedOrganization' ? 'organizations.amazonaws.com' : 'AWS Internal',
      },
      eventTime: '2026-11-22T09:01:30Z',
      eventSource: organizations ? 'organizations.amazonaws.com' : 'controltower.amazonaws.com',
      eventName,
      awsRegion: 'us-east-1',
      eventID: eventId,
      readOnly: false,
      eventType: 'AwsServiceEvent',
      managementEvent: true,
      recipientAccountId: '111111111111',
      serviceEventDetails: serviceEventDetails(
        eventName,
        options.accountId ?? '444444444444',
        options.state ?? 'SUCCEEDED',
        options.joinedMethod ?? 'Invited',
      ),
      eventCategory: 'Management',
    },
  };
}
