import { CreateTableCommand, UpdateContinuousBackupsCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, QueueAttributeName } from '@aws-sdk/client-sqs';
import { AwsClientOptions, createDynamoDbClient, createSnsClient, createSqsClient } from '../clients';
import { AUDIT_TABLE, createTableInput, STATE_TABLE, TableDefinition } from '../tables/table-definitions';
import { createSecret, GENERATE_SECRET_STRING_PROPERTIES, SECRET_PROPERTIES } from './moto-secret';

/** A resource of a CloudFormation template, such as `serverless package` writes. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** The resources created for a template, by logical id, and what the template's intrinsics mean for them. */
export interface MotoStack {
  /** What `Ref` gives: a table's name, a queue's URL, a topic's ARN, a secret's ARN. */
  readonly refs: Readonly<Record<string, string>>;
  /** What `Fn::GetAtt [id, Arn]` gives. */
  readonly arns: Readonly<Record<string, string>>;
  /** Logical ids left out: every type other than tables, queues, topics and secrets (functions, roles, alarms...). */
  readonly skipped: readonly string[];
  /** `value` with every `Ref` and `Fn::GetAtt [id, Arn]` replaced; throws on any other intrinsic. */
  resolve(value: unknown): unknown;
}

const TABLE = 'AWS::DynamoDB::Table';
const QUEUE = 'AWS::SQS::Queue';
const TOPIC = 'AWS::SNS::Topic';
const SECRET = 'AWS::SecretsManager::Secret';

/**
 * Creates a template's DynamoDB tables, SQS queues, SNS topics and Secrets Manager secrets in moto
 * with the template's own properties (tables through {@link createTableInput}, plus TTL,
 * point-in-time recovery and deletion protection; queues with their attributes and redrive policy; topics with theirs;
 * secrets with a value generated as `GenerateSecretString` says). Tables, and secrets the template
 * does not name, are named `<prefix>-<logical id>`; queues and topics keep the template's names. A property this helper
 * does not know is an error, so the created resources never silently differ from the stack's.
 */
export async function createMotoStack(
  options: AwsClientOptions,
  resources: Readonly<Record<string, TemplateResource>>,
  prefix = 'contact-sync-test',
): Promise<MotoStack> {
  const refs: Record<string, string> = {};
  const arns: Record<string, string> = {};
  const resolve = (value: unknown): unknown => resolveIntrinsics(value, refs, arns);
  const entries = Object.entries(resources);
  for (const [id, resource] of entries.filter(([, r]) => r.Type === TABLE)) {
    [refs[id], arns[id]] = await createTable(options, tableDefinition(id, resource.Properties ?? {}), `${prefix}-${id}`);
  }
  for (const [id, resource] of entries.filter(([, r]) => r.Type === TOPIC)) {
    [refs[id], arns[id]] = await createTopic(options, id, resource.Properties ?? {});
  }
  for (const [id, resource] of entries.filter(([, r]) => r.Type === SECRET)) {
    [refs[id], arns[id]] = await createSecret(options, `${prefix}-${id}`, secretProperties(id, resource.Properties ?? {}));
  }
  // A queue is created after the queues its redrive policy names.
  let queues = entries.filter(([, r]) => r.Type === QUEUE);
  while (queues.length > 0) {
    const ready = queues.filter(([, r]) => dependencies(r.Properties).every((dep) => arns[dep] !== undefined));
    if (ready.length === 0) throw new Error(`queues ${queues.map(([id]) => id).join(', ')} name queues that are not in the template`);
    for (const [id, resource] of ready)
      [refs[id], arns[id]] = await createQueue(options, id, resolve(resource.Properties ?? {}) as Record<string, unknown>);
    queues = queues.filter((q) => !ready.includes(q));
  }
  const skipped = entries.filter(([, r]) => ![TABLE, QUEUE, TOPIC, SECRET].includes(r.Type)).map(([id]) => id);
  return { refs, arns, skipped, resolve };
}

/** The stack's two tables from `table-definitions.json`, for tests that need only DynamoDB. */
export async function createMotoTables(
  options: AwsClientOptions,
  prefix = 'contact-sync-test',
): Promise<{ stateTable: string; auditTable: string }> {
  const stack = await createMotoStack(
    options,
    { StateTable: { Type: TABLE, Properties: STATE_TABLE }, AuditTable: { Type: TABLE, Properties: AUDIT_TABLE } },
    prefix,
  );
  return { stateTable: stack.refs['StateTable'] as string, auditTable: stack.refs['AuditTable'] as string };
}

const TABLE_PROPERTIES = [
  'BillingMode',
  'AttributeDefinitions',
  'KeySchema',
  'GlobalSecondaryIndexes',
  'TimeToLiveSpecification',
  'PointInTimeRecoverySpecification',
  'SSESpecification',
  'DeletionProtectionEnabled',
];
const QUEUE_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'SqsManagedSseEnabled',
  'RedrivePolicy',
];
const TOPIC_ATTRIBUTES = ['DisplayName', 'KmsMasterKeyId'];

function tableDefinition(id: string, properties: Readonly<Record<string, unknown>>): TableDefinition {
  only(id, properties, TABLE_PROPERTIES);
  if (properties['BillingMode'] !== 'PAY_PER_REQUEST') throw new Error(`${id}: only on-demand (PAY_PER_REQUEST) tables are supported`);
  return properties as unknown as TableDefinition;
}

async function createTable(options: AwsClientOptions, definition: TableDefinition, name: string): Promise<[string, string]> {
  const client = createDynamoDbClient(options);
  try {
    const sse = definition.SSESpecification;
    const { TableDescription } = await client.send(
      new CreateTableCommand({
        ...createTableInput(definition, name),
        ...(sse ? { SSESpecification: { Enabled: sse.SSEEnabled } } : {}),
        DeletionProtectionEnabled: definition.DeletionProtectionEnabled,
      }),
    );
    const ttl = definition.TimeToLiveSpecification;
    if (ttl) await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: ttl }));
    const pitr = definition.PointInTimeRecoverySpecification;
    if (pitr) await client.send(new UpdateContinuousBackupsCommand({ TableName: name, PointInTimeRecoverySpecification: pitr }));
    return [name, TableDescription?.TableArn as string];
  } finally {
    client.destroy();
  }
}

async function createQueue(options: AwsClientOptions, id: string, properties: Record<string, unknown>): Promise<[string, string]> {
  const { QueueName, ...attributes } = properties;
  only(id, attributes, QUEUE_ATTRIBUTES);
  const client = createSqsClient(options);
  try {
    const Attributes = Object.fromEntries(
      Object.entries(attributes).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
    );
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: (QueueName as string | undefined) ?? id, Attributes }));
    const { Attributes: created } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: [QueueAttributeName.QueueArn] }),
    );
    return [QueueUrl as string, created?.['QueueArn'] as string];
  } finally {
    client.destroy();
  }
}

async function createTopic(
  options: AwsClientOptions,
  id: string,
  properties: Readonly<Record<string, unknown>>,
): Promise<[string, string]> {
  const { TopicName, ...attributes } = properties;
  only(id, attributes, TOPIC_ATTRIBUTES);
  const client = createSnsClient(options);
  try {
    const { TopicArn } = await client.send(
      new CreateTopicCommand({ Name: (TopicName as string | undefined) ?? id, Attributes: attributes as Record<string, string> }),
    );
    return [TopicArn as string, TopicArn as string];
  } finally {
    client.destroy();
  }
}

function secretProperties(id: string, properties: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  only(id, properties, SECRET_PROPERTIES);
  only(
    `${id}.GenerateSecretString`,
    (properties['GenerateSecretString'] ?? {}) as Record<string, unknown>,
    GENERATE_SECRET_STRING_PROPERTIES,
  );
  return properties;
}

function only(id: string, properties: Readonly<Record<string, unknown>>, known: readonly string[]): void {
  const unknown = Object.keys(properties).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new Error(`${id}: createMotoStack does not know ${unknown.join(', ')}; teach it, so that tests keep matching the stack`);
}

/** Logical ids a queue's properties point at with Fn::GetAtt. */
function dependencies(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(dependencies);
  if (value === null || typeof value !== 'object') return [];
  const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return [String(getAtt[0])];
  return Object.values(value).flatMap(dependencies);
}

function resolveIntrinsics(value: unknown, refs: Readonly<Record<string, string>>, arns: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, refs, arns));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref') return found(refs, argument, `Ref ${String(argument)}`);
  if (entries.length === 1 && key === 'Fn::GetAtt' && Array.isArray(argument) && argument[1] === 'Arn')
    return found(arns, argument[0], `Fn::GetAtt ${String(argument[0])}.Arn`);
  if (entries.length === 1 && key?.startsWith('Fn::')) throw new Error(`cannot resolve ${key} against moto`);
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, refs, arns)]));
}

function found(map: Readonly<Record<string, string>>, id: unknown, what: string): string {
  const value = map[String(id)];
  if (value === undefined) throw new Error(`cannot resolve ${what}: not a table, queue, topic or secret of the template`);
  return value;
}
