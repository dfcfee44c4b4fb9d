import { GetDashboardCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { GetBucketEncryptionCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { AwsClientOptions, createDynamoDbClient, createSnsClient, createSqsClient } from '@contact-sync/adapters-aws';
import { createHash } from 'node:crypto';
import { sdkOptions } from './serverless-deploy';

/**
 * A resource as the service behind moto holds it, said in its template's property names, so that it
 * compares with the template property by property. `attributes` are what `Fn::GetAtt` gives.
 */
export interface ResourceReading {
  readonly properties: Readonly<Record<string, unknown>>;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Reads one resource of a type from the services (not from CloudFormation): `physicalId` is what the stack names it. */
export type ResourceReader = (
  clients: Clients,
  physicalId: string,
  expected: Readonly<Record<string, unknown>>,
) => Promise<ResourceReading>;

/** One client per service on moto, made once per test file. */
export interface Clients {
  readonly options: AwsClientOptions;
  readonly dynamodb: ReturnType<typeof createDynamoDbClient>;
  readonly sqs: ReturnType<typeof createSqsClient>;
  readonly sns: ReturnType<typeof createSnsClient>;
  readonly lambda: LambdaClient;
  readonly iam: IAMClient;
  readonly events: EventBridgeClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly s3: S3Client;
  destroy(): void;
}

export function createClients(options: AwsClientOptions): Clients {
  const clients = {
    options,
    dynamodb: createDynamoDbClient(options),
    sqs: createSqsClient(options),
    sns: createSnsClient(options),
    lambda: new LambdaClient(sdkOptions(options)),
    iam: new IAMClient(sdkOptions(options)),
    events: new EventBridgeClient(sdkOptions(options)),
    logs: new CloudWatchLogsClient(sdkOptions(options)),
    cloudwatch: new CloudWatchClient(sdkOptions(options)),
    s3: new S3Client({ ...sdkOptions(options), forcePathStyle: true }),
  };
  return {
    ...clients,
    destroy: () => Object.values(clients).forEach((c) => (c as { destroy?: () => void }).destroy?.()),
  };
}

const json = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));
/**
 * An IAM policy document as moto returns it: URL-encoded JSON as IAM does, or, for the inline policies
 * of a role its CloudFormation created, the Python text of the document (moto keeps `str(dict)`).
 */
export function policyDocument(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const decoded = /^%7b/i.test(text) ? decodeURIComponent(text) : text;
  try {
    return JSON.parse(decoded);
  } catch {
    return pythonLiteral(decoded);
  }
}

/** A Python literal of dicts, lists, strings, numbers, True, False and None, as JSON would give it. */
export function pythonLiteral(text: string): unknown {
  let at = 0;
  const skip = () => {
    while (/\s/.test(text[at] ?? '')) at += 1;
  };
  const fail = (): never => {
    throw new Error(`not a Python literal at ${at}: ${text.slice(at, at + 40)}`);
  };
  const value = (): unknown => {
    skip();
    const c = text[at];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      at += 1;
      const entries: [unknown, unknown][] = [];
      skip();
      while (text[at] !== close) {
        const first = value();
        skip();
        if (c === '{') {
          if (text[at] !== ':') fail();
          at += 1;
          entries.push([first, value()]);
        } else entries.push([undefined, first]);
        skip();
        if (text[at] === ',') at += 1;
        else if (text[at] !== close) fail();
        skip();
      }
      at += 1;
      return c === '{' ? Object.fromEntries(entries.map(([k, v]) => [String(k), v])) : entries.map(([, v]) => v);
    }
    if (c === "'" || c === '"') {
      let out = '';
      at += 1;
      while (text[at] !== c) {
        if (at >= text.length) fail();
        if (text[at] === '\\') {
          const next = text[at + 1] ?? '';
          out += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
          at += 2;
        } else out += text[at++];
      }
      at += 1;
      return out;
    }
    const word = /^(True|False|None|-?\d+(\.\d+)?)/.exec(text.slice(at))?.[0] ?? fail();
    at += word.length;
    return word === 'True' ? true : word === 'False' ? false : word === 'None' ? null : Number(word);
  };
  const result = value();
  skip();
  if (at !== text.length) fail();
  return result;
}

/** SQS and SNS attributes are strings; their template properties may be numbers, booleans or objects. */
const attributeValues = (attributes: Record<string, string>, expected: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => {
      const wanted = expected[name];
      if (wanted !== null && typeof wanted === 'object') return [name, json(value)];
      if (typeof wanted === 'number') return [name, Number(value)];
      if (typeof wanted === 'boolean') return [name, value === 'true'];
      return [name, value];
    }),
  );

/**
 * A reader per resource type moto's CloudFormation creates and this test can read back. A type
 * missing here, or a property its reader does not return, fails the deploy test with its name.
 */
export const READERS: Readonly<Record<string, ResourceReader>> = {
  'AWS::DynamoDB::Table': async ({ dynamodb }, name) => {
    const { Table: table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
    const { TimeToLiveDescription: ttl } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: name }));
    const { ContinuousBackupsDescription: backups } = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: name }));
    return {
      properties: {
        TableName: table?.TableName,
        BillingMode: table?.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
        AttributeDefinitions: table?.AttributeDefinitions,
        KeySchema: table?.KeySchema,
        GlobalSecondaryIndexes: table?.GlobalSecondaryIndexes,
        LocalSecondaryIndexes: table?.LocalSecondaryIndexes,
        StreamSpecification: table?.StreamSpecification,
        TimeToLiveSpecification: { AttributeName: ttl?.AttributeName, Enabled: ttl?.TimeToLiveStatus === 'ENABLED' },
        PointInTimeRecoverySpecification: {
          PointInTimeRecoveryEnabled: backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED',
        },
        SSESpecification: { SSEEnabled: table?.SSEDescription?.Status === 'ENABLED' },
        DeletionProtectionEnabled: table?.DeletionProtectionEnabled ?? false,
      },
      attributes: { Arn: table?.TableArn as string, StreamArn: table?.LatestStreamArn as string },
    };
  },
  'AWS::SQS::Queue': async ({ sqs }, url, expected) => {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    const queueName = url.slice(url.lastIndexOf('/') + 1);
    return {
      properties: { ...attributeValues(Attributes, expected), QueueName: queueName },
      attributes: { Arn: Attributes['QueueArn'] as string, QueueName: queueName, QueueUrl: url },
    };
  },
  'AWS::SNS::Topic': async ({ sns }, arn, expected) => {
    const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    return {
      properties: { ...attributeValues(Attributes, expected), TopicName: arn.slice(arn.lastIndexOf(':') + 1) },
      attributes: { TopicArn: arn, TopicName: arn.slice(arn.lastIndexOf(':') + 1) },
    };
  },
  'AWS::Lambda::Function': async ({ lambda, s3 }, name, expected) => {
    const { Configuration: c, Code, Concurrency } = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
    // The code is the object the template names if that object's SHA-256 is the function's.
    const source = expected['Code'] as { S3Bucket?: string; S3Key?: string } | undefined;
    let code: unknown = { location: Code?.Location, sha256: c?.CodeSha256 };
    if (source?.S3Bucket !== undefined && source.S3Key !== undefined) {
      const object = await s3.send(new GetObjectCommand({ Bucket: source.S3Bucket, Key: source.S3Key }));
      const sha256 = createHash('sha256')
        .update(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())
        .digest('base64');
      if (sha256 === c?.CodeSha256 && Code?.Location?.endsWith(`/${source.S3Key}`)) code = source;
    }
    return {
      properties: {
        FunctionName: c?.FunctionName,
        Description: c?.Description,
        Runtime: c?.Runtime,
        Handler: c?.Handler,
        Timeout: c?.Timeout,
        MemorySize: c?.MemorySize,
        Role: c?.Role,
        Environment: c?.Environment === undefined ? undefined : { Variables: c.Environment.Variables },
        Layers: c?.Layers?.map((l) => l.Arn),
        TracingConfig: c?.TracingConfig,
        DeadLetterConfig: c?.DeadLetterConfig,
        ReservedConcurrentExecutions: Concurrency?.ReservedConcurrentExecutions,
        Code: code,
      },
      attributes: { Arn: c?.FunctionArn as string },
    };
  },
  'AWS::Lambda::Version': async ({ lambda }, _physicalId, expected) => {
    // moto gives a version no physical id: the version is found by the function, code and description it was published with.
    const { Versions = [] } = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: String(expected['FunctionName']) }));
    const version = Versions.find(
      (v) => v.Version !== '$LATEST' && v.CodeSha256 === expected['CodeSha256'] && v.Description === expected['Description'],
    );
    return {
      properties: { FunctionName: version?.FunctionName, CodeSha256: version?.CodeSha256, Description: version?.Description },
      attributes: { Version: version?.Version as string },
    };
  },
  'AWS::Lambda::Permission': async ({ lambda }, _physicalId, expected) => {
    // moto gives a permission no physical id either: it is the function policy's statement for that source.
    const { Policy } = await lambda.send(new GetPolicyCommand({ FunctionName: String(expected['FunctionName']) }));
    const statements = (json(Policy) as { Statement: Record<string, unknown>[] }).Statement;
    const sourceOf = (s: Record<string, unknown>) =>
      (s['Condition'] as { ArnLike?: Record<string, string> } | undefined)?.ArnLike?.['AWS:SourceArn'];
    const statement = statements.find((s) => sourceOf(s) === expected['SourceArn']);
    const principal = statement?.['Principal'] as { Service?: string } | string | undefined;
    return {
      properties: {
        Action: statement?.['Action'],
        FunctionName: statement === undefined ? undefined : expected['FunctionName'],
        Principal: typeof principal === 'string' ? principal : principal?.Service,
        SourceArn: statement === undefined ? undefined : sourceOf(statement),
      },
      attributes: {},
    };
  },
  'AWS::Lambda::EventSourceMapping': async ({ lambda }, uuid) => {
    const m = await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    return {
      properties: {
        EventSourceArn: m.EventSourceArn,
        FunctionName: m.FunctionArn,
        BatchSize: m.BatchSize,
        Enabled: m.State === 'Enabled' || m.State === 'Enabling',
        FunctionResponseTypes: m.FunctionResponseTypes,
        ScalingConfig: m.ScalingConfig,
        MaximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds,
      },
      attributes: { Id: uuid },
    };
  },
  'AWS::Events::Rule': async ({ events }, name) => {
    const rule = await events.send(new DescribeRuleCommand({ Name: name }));
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
    return {
      properties: {
        Name: rule.Name,
        Description: rule.Description,
        EventPattern: json(rule.EventPattern),
        ScheduleExpression: rule.ScheduleExpression,
        State: rule.State,
        EventBusName: rule.EventBusName,
        Targets,
      },
      attributes: { Arn: rule.Arn as string },
    };
  },
  'AWS::Logs::LogGroup': async ({ logs }, name) => {
    const { logGroups = [] } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    const group = logGroups.find((g) => g.logGroupName === name);
    return {
      properties: { LogGroupName: group?.logGroupName, RetentionInDays: group?.retentionInDays, KmsKeyId: group?.kmsKeyId },
      attributes: { Arn: group?.arn as string },
    };
  },
  'AWS::IAM::Role': async ({ iam }, name) => {
    const { Role: role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: name }));
    const policies = await Promise.all(
      PolicyNames.map(async (policyName) => {
        const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
        return { PolicyName: policyName, PolicyDocument: policyDocument(PolicyDocument) };
      }),
    );
    const { AttachedPolicies = [] } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    return {
      properties: {
        RoleName: role?.RoleName,
        Path: role?.Path,
        Description: role?.Description,
        MaxSessionDuration: role?.MaxSessionDuration,
        AssumeRolePolicyDocument: policyDocument(role?.AssumeRolePolicyDocument),
        Policies: policies,
        ManagedPolicyArns: AttachedPolicies.map((p) => p.PolicyArn),
        PermissionsBoundary: role?.PermissionsBoundary?.PermissionsBoundaryArn,
      },
      attributes: { Arn: role?.Arn as string, RoleId: role?.RoleId as string },
    };
  },
  'AWS::S3::Bucket': async ({ s3 }, name) => {
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: name }));
    return {
      properties: {
        BucketName: name,
        BucketEncryption: {
          ServerSideEncryptionConfiguration: encryption.ServerSideEncryptionConfiguration?.Rules?.map((rule) => ({
            ServerSideEncryptionByDefault: rule.ApplyServerSideEncryptionByDefault,
            BucketKeyEnabled: rule.BucketKeyEnabled,
          })),
        },
      },
      attributes: { Arn: `arn:aws:s3:::${name}` },
    };
  },
  'AWS::CloudWatch::Dashboard': async ({ cloudwatch }, name) => {
    const dashboard = await cloudwatch.send(new GetDashboardCommand({ DashboardName: name }));
    return { properties: { DashboardName: dashboard.DashboardName, DashboardBody: json(dashboard.DashboardBody) }, attributes: {} };
  },
};

/**
 * `actual` cut to the shape of `expected`: object keys `expected` does not have are dropped (AWS adds
 * its own, such as an index's status), so that what the template says is compared and nothing else.
 * Arrays keep their length, so a missing or extra element still shows.
 */
export function shapedLike(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) return actual.map((a, i) => shapedLike(a, expected[i] ?? expected[0]));
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object' || Array.isArray(actual))
    return actual;
  return Object.fromEntries(
    Object.keys(expected).map((key) => [
      key,
      shapedLike((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
    ]),
  );
}
