/** What varies between the CloudTrail contact-write events that {@link contactWriteEvent} builds for tests and test tooling. */
export interface CloudTrailEventOptions {
  eventId?: string;
  eventTime?: string;
  eventName?: string;
  alternateContactType?: string;
  managementAccountId?: string;
  memberAccountId?: string;
  errorCode?: string;
  arn?: string;
}

/** A CloudTrail contact write as EventBridge delivers it; by default a successful PutAlternateContact of SECURITY on the management account. */
export function contactWriteEvent(options: CloudTrailEventOptions = {}): Record<string, unknown> {
  const account = options.managementAccountId ?? '111111111111';
  const eventName = options.eventName ?? 'PutAlternateContact';
  const requestParameters: Record<string, unknown> = {};
  if (eventName !== 'PutContactInformation') requestParameters['alternateContactType'] = options.alternateContactType ?? 'SECURITY';
  if (eventName === 'PutAlternateContact') {
    requestParameters['name'] = 'HIDDEN_DUE_TO_SECURITY_REASONS';
    requestParameters['emailAddress'] = 'HIDDEN_DUE_TO_SECURITY_REASONS';
    requestParameters['title'] = 'HIDDEN_DUE_TO_SECURITY_REASONS';
  }
  if (eventName === 'PutContactInformation') requestParameters['contactInformation'] = { countryCode: 'US' };
  if (options.memberAccountId) requestParameters['accountId'] = options.memberAccountId;
  const eventTime = options.eventTime ?? '2026-11-22T10:00:00Z';
  return {
    version: '0',
    id: `eb-${options.eventId ?? 'c0ffee00-0000-4000-8000-000000000001'}`,
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.account',
    account,
    time: eventTime,
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLE:operator',
        arn: options.arn ?? `arn:aws:sts::${account}:assumed-role/Admin/operator`,
        accountId: account,
      },
      eventTime,
      eventSource: 'account.amazonaws.com',
      eventName,
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.17.0',
      ...(options.errorCode ? { errorCode: options.errorCode, errorMessage: 'denied' } : {}),
      requestParameters,
      responseElements: null,
      requestID: 'f1e2d3c4-0000-4000-8000-000000000000',
      eventID: options.eventId ?? 'c0ffee00-0000-4000-8000-000000000001',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: 'Management',
    },
  };
}
