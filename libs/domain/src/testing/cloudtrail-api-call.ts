/** What differs between the CloudTrail API calls the event builders make; the rest of the record is the same. */
export interface ApiCallRecord {
  readonly source: string;
  readonly eventSource: string;
  readonly eventName: string;
  /** The account the call was recorded in (EventBridge's `account`, CloudTrail's `recipientAccountId`). */
  readonly account: string;
  readonly eventId: string;
  readonly eventTime: string;
  readonly requestId: string;
  readonly requestParameters: Record<string, unknown>;
  readonly arn?: string;
  readonly errorCode?: string;
}

/** A key with its first letter capitalised: how some trails record request parameters. */
export const pascal = (key: string): string => `${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** An `AWS API Call via CloudTrail` event as EventBridge delivers it, made by an operator's assumed role. */
export function apiCallEvent(call: ApiCallRecord): Record<string, unknown> {
  return {
    version: '0',
    id: `eb-${call.eventId}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: call.source,
    account: call.account,
    time: call.eventTime,
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLE:operator',
        arn: call.arn ?? `arn:aws:sts::${call.account}:assumed-role/Admin/operator`,
        accountId: call.account,
      },
      eventTime: call.eventTime,
      eventSource: call.eventSource,
      eventName: call.eventName,
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.17.0',
      ...(call.errorCode ? { errorCode: call.errorCode, errorMessage: 'denied' } : {}),
      requestParameters: call.requestParameters,
      responseElements: null,
      requestID: call.requestId,
      eventID: call.eventId,
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: call.account,
      eventCategory: 'Management',
    },
  };
}
