import { UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDbSyncConfig, SnsNotifier, SqsWorkQueue, TimerSleeper } from '@contact-sync/adapters-aws';
import { drainMotoQueue, MOTO_START_TIMEOUT_MS, subscribeMotoQueue, useMotoServer } from '@contact-sync/adapters-aws/testing';
import { MAX_REPLAY_ATTEMPTS, syncConfigOf } from '@contact-sync/domain';
import { aRunReport, readWorkItem, workItemsFor } from '@contact-sync/port-contracts';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readLambdaEnvironment } from './environment';
import { deployAsServerless, leftOutValue, ServerlessDeployment, Template } from './testing/serverless-deploy';
import { Clients, createClients, READERS, ResourceReading, shapedLike } from './testing/stack-resources';
import { DeployedValues, evaluateConditions, resolve, UnresolvableError } from './testing/template-intrinsics';
import { PACKAGE_DIR } from './testing/packaged-template';

/**
 * The resource types of the stack that moto's CloudFormation (5.2.1) cannot create, and what checks
 * each instead. A type the template gains must be added here or to the readers of stack-resources.ts:
 * the first test fails until it is one or the other, so that leaving a type unchecked is a decision.
 */
const MOTO_CANNOT_CREATE: Readonly<Record<string, string>> = {
  'AWS::S3::BucketPolicy': "osls's own TLS-only policy on its deployment bucket; cfn-lint",
  'AWS::SQS::QueuePolicy': 'cfn-lint; the statements are asserted in stack.spec.ts',
  'AWS::SNS::TopicPolicy': 'cfn-lint; the statements are asserted in stack.spec.ts',
  'AWS::SNS::Subscription': 'cfn-lint (conditional on notificationEmail)',
  'AWS::SecretsManager::Secret': "cfn-lint; the e2e suites create it by SDK from the template's own properties (createMotoStack)",
  'AWS::CloudWatch::Alarm': 'cfn-lint; metrics and thresholds asserted in stack.spec.ts',
  'AWS::Lambda::EventInvokeConfig': 'cfn-lint; retries and on-failure destinations asserted in stack.spec.ts',
  'AWS::Notifications::NotificationHub': 'cfn-lint (User Notifications has no moto backend)',
  'AWS::Notifications::NotificationConfiguration': 'cfn-lint (User Notifications has no moto backend)',
  'AWS::Notifications::EventRule': 'cfn-lint (User Notifications has no moto backend)',
  'AWS::Notifications::ChannelAssociation': 'cfn-lint (User Notifications has no moto backend)',
  'AWS::NotificationsContacts::EmailContact': 'cfn-lint (User Notifications has no moto backend)',
};

/** Properties moto's CloudFormation accepts on a type it creates but does not keep, so none can be read back; with why. */
const MOTO_DROPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::Lambda::Function': { Architectures: "moto's Lambda reports x86_64 whatever the template asks (cfn-lint checks the value)" },
  // The e2e suites' tables are created by SDK calls from these same properties (createMotoStack), with TTL and recovery.
  'AWS::DynamoDB::Table': {
    TimeToLiveSpecification: "moto's CloudFormation does not apply it (stack.spec.ts asserts the attribute the adapters expire by)",
    PointInTimeRecoverySpecification: "moto's CloudFormation does not apply it",
    SSESpecification: "moto keeps the template's SSEEnabled but reports encryption only for the API's Enabled",
  },
};

/** The stack's functions, by their serverless.yml names. */
const FUNCTIONS = ['contactChange', 'accountWorker', 'finishRun', 'newAccount', 'accountChange', 'scheduledReconcile', 'sweepRuns'];

const packagedTemplate = JSON.parse(readFileSync(join(PACKAGE_DIR, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
const templateResources = Object.entries(packagedTemplate.Resources);

const moto = useMotoServer();
let deployment: ServerlessDeployment;
let clients: Clients;
let values: DeployedValues;
const readings = new Map<string, { expected: Record<string, unknown>; reading: ResourceReading }>();

// A failed deploy fails every test that needs it with its reason, and leaves the check of the
// template's types, which needs no deploy, to say which type is new.
let deployError: unknown;
const requireDeployment = (): void => {
  if (deployError !== undefined) throw deployError;
};

beforeAll(async () => {
  try {
    await deployAndRead();
  } catch (error) {
    deployError = error;
  }
  // Two deploys and some 80 reads: seconds on a quiet machine, but the whole suite shares two cores.
}, 2 * MOTO_START_TIMEOUT_MS);
afterAll(() => clients?.destroy());

async function deployAndRead(): Promise<void> {
  deployment = await deployAsServerless(moto.clientOptions, new Set(Object.keys(MOTO_CANNOT_CREATE)));
  clients = createClients(moto.clientOptions);
  const pseudo = {
    'AWS::AccountId': accountOf(deployment),
    'AWS::Region': 'us-east-1',
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': deployment.stackName,
    'AWS::StackId': deployment.stackId,
  };
  const refs: Record<string, string> = Object.fromEntries(deployment.leftOut.map((id) => [id, leftOutValue(id)]));
  for (const r of deployment.resources) if (r.PhysicalResourceId) refs[r.LogicalResourceId as string] = r.PhysicalResourceId;
  const attributes: Record<string, Record<string, string>> = Object.fromEntries(
    deployment.leftOut.map((id) => [id, new Proxy({}, { get: () => leftOutValue(id) })]),
  );
  const conditions = evaluateConditions(packagedTemplate.Conditions ?? {}, { pseudo, refs, attributes });
  values = { pseudo, refs, attributes, conditions };
  // A resource's properties can name another's attributes (a queue's ARN): each resource is read
  // once those it names have been, and its own attributes are then known to the ones after it.
  let pending = deployment.resources.filter((r) => READERS[r.ResourceType as string] !== undefined);
  while (pending.length > 0) {
    const waiting: typeof pending = [];
    for (const summary of pending) {
      const id = summary.LogicalResourceId as string;
      let expected: Record<string, unknown>;
      try {
        expected = resolve(packagedTemplate.Resources[id]?.Properties ?? {}, values) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof UnresolvableError)) throw error;
        waiting.push(summary);
        continue;
      }
      const reading = await (READERS[summary.ResourceType as string] as (typeof READERS)[string])(
        clients,
        summary.PhysicalResourceId ?? '',
        expected,
      );
      attributes[id] = { ...reading.attributes };
      readings.set(id, { expected, reading });
    }
    if (waiting.length === pending.length) {
      // Resolving once more throws the reason the first of them cannot be resolved.
      resolve(packagedTemplate.Resources[waiting[0]?.LogicalResourceId as string]?.Properties, values);
    }
    pending = waiting;
  }
}

describe('the packaged stack deployed on moto as `serverless deploy` deploys it', () => {
  it('has only resource types moto creates and this test reads back, or types listed as ones moto cannot create', () => {
    const types = [...new Set(templateResources.map(([, r]) => r.Type))];
    const neither = types.filter((type) => READERS[type] === undefined && MOTO_CANNOT_CREATE[type] === undefined);
    expect(neither).toEqual([]);
    expect(types.filter((type) => READERS[type] !== undefined && MOTO_CANNOT_CREATE[type] !== undefined)).toEqual([]);
  });

  it('creates the deployment bucket stack first, uploads the package under the artifact directory the template names, and updates the stack from the template URL', async () => {
    requireDeployment();
    const names = ['compiled-cloudformation-template.json', 'serverless-state.json', ...FUNCTIONS.map((name) => `${name}.zip`)].map(
      (name) => posix.join(deployment.artifactDirectory, name),
    );
    expect(Object.keys(deployment.uploaded).sort()).toEqual(names.sort());
    const { Contents = [] } = await clients.s3.send(new ListObjectsV2Command({ Bucket: deployment.bucket }));
    expect(Contents.map((o) => o.Key).sort()).toEqual(names.sort());
    expect(deployment.artifactDirectory).toMatch(new RegExp(`^serverless/contact-sync/dev/\\d+-`));
    expect(deployment.resources.find((r) => r.LogicalResourceId === 'ServerlessDeploymentBucket')?.PhysicalResourceId).toBe(
      deployment.bucket,
    );
  });

  it('creates every resource of the template except the types moto cannot create and the resources whose condition is false', () => {
    requireDeployment();
    const expected = templateResources
      .filter(([, r]) => MOTO_CANNOT_CREATE[r.Type] === undefined)
      .filter(([, r]) => r.Condition === undefined || values.conditions[r.Condition])
      .map(([id]) => id);
    expect(deployment.resources.map((r) => r.LogicalResourceId).sort()).toEqual(expected.sort());
    expect(deployment.resources.filter((r) => !/_COMPLETE$/.test(r.ResourceStatus ?? ''))).toEqual([]);
    expect([...deployment.leftOut].sort()).toEqual(
      templateResources
        .filter(([, r]) => MOTO_CANNOT_CREATE[r.Type] !== undefined)
        .map(([id]) => id)
        .sort(),
    );
  });

  const created = templateResources.filter(([, r]) => READERS[r.Type] !== undefined);
  it.each(created)('creates %s with every property the template gives it (unless its condition is false)', (id, resource) => {
    requireDeployment();
    if (resource.Condition !== undefined && !values.conditions[resource.Condition]) {
      expect(readings.has(id)).toBe(false);
      return;
    }
    const read = readings.get(id);
    if (!read) throw new Error(`${id} (${resource.Type}) was not created, or not read back`);
    const dropped = MOTO_DROPS[resource.Type] ?? {};
    const unread = Object.keys(read.expected).filter((key) => !(key in dropped) && !(key in read.reading.properties));
    if (unread.length > 0)
      throw new Error(
        `${id}: the reader of ${resource.Type} does not read ${unread.join(', ')}; teach it (testing/stack-resources.ts), or list what moto drops in MOTO_DROPS with why`,
      );
    const checked = Object.keys(read.expected).filter((key) => !(key in dropped));
    const actual = Object.fromEntries(
      checked.map((key) => [key, normalized(shapedLike(read.reading.properties[key], read.expected[key]))]),
    );
    expect(actual).toEqual(Object.fromEntries(checked.map((key) => [key, normalized(read.expected[key])])));
  });

  it.each(FUNCTIONS)(
    'gives %s an environment the handlers read, naming the stack’s tables, queues and topic (and, for the worker only, the fingerprint secret)',
    (fn) => {
      requireDeployment();
      const functionId = `${fn.charAt(0).toUpperCase()}${fn.slice(1)}LambdaFunction`;
      const deployed = readings.get(functionId)?.reading.properties['Environment'] as { Variables: Record<string, string> };
      expect(readLambdaEnvironment(deployed.Variables)).toMatchObject({
        stateTable: values.refs['StateTable'],
        auditTable: values.refs['AuditTable'],
        workQueueUrl: values.refs['WorkQueue'],
        topicArn: values.refs['NotificationTopic'],
        failedEventsQueueUrl: values.refs['FailedEventsQueue'],
        // Only the worker writes audit entries, so only it is given the fingerprint key.
        fingerprintSecretArn: fn === 'accountWorker' ? leftOutValue('FingerprintSecret') : undefined,
        undoKeySecretArn: fn === 'accountWorker' ? leftOutValue('UndoKeySecret') : undefined,
      });
    },
  );
});

describe('the deployed resources, with the worker’s event source paused so that the test reads the work queue itself', () => {
  beforeAll(async () => {
    requireDeployment();
    // moto's Lambda takes the queue's messages as soon as they are sent, as Lambda's poller would.
    const mapping = deployment.resources.find((r) => r.ResourceType === 'AWS::Lambda::EventSourceMapping');
    await clients.lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping?.PhysicalResourceId, Enabled: false }));
  });

  it('serves the adapters the handlers build from the deployed environment: configuration, work queue and notifications', async () => {
    const deployed = readings.get('AccountWorkerLambdaFunction')?.reading.properties['Environment'] as {
      Variables: Record<string, string>;
    };
    const { stateTable, workQueueUrl, topicArn } = readLambdaEnvironment(deployed.Variables);
    const config = syncConfigOf({ kinds: ['SECURITY'] });
    const configPort = new DynamoDbSyncConfig(clients.dynamodb, stateTable);
    expect(await configPort.save(config, 0)).toBe(1);
    expect(await configPort.load()).toEqual({ config, version: 1 });

    const items = workItemsFor('run-stack', 3);
    await new SqsWorkQueue(clients.sqs, workQueueUrl, new TimerSleeper()).enqueue(items);
    const bodies = (await drainMotoQueue(moto.clientOptions, workQueueUrl)).map((m) => readWorkItem(m.body));
    expect(bodies.sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual(items);

    const subscriber = await subscribeMotoQueue(moto.clientOptions, topicArn, 'stack-subscriber');
    await new SnsNotifier(clients.sns, topicArn).notify(aRunReport('run-stack'), 'HIGH');
    expect((await drainMotoQueue(moto.clientOptions, subscriber)).map((m) => JSON.parse(JSON.parse(m.body).Message).runId)).toEqual([
      'run-stack',
    ]);
  });

  it.each([
    ['a work item', 'WorkQueue', 'WorkDeadLetterQueue', 5],
    ['a failed event', 'FailedEventsQueue', 'FailedEventsDeadLetterQueue', MAX_REPLAY_ATTEMPTS],
  ])('moves %s received as often as its redrive allows (%s) to its dead-letter queue', async (_what, queue, deadLetters, receives) => {
    const [url, dlq] = [values.refs[queue] as string, values.refs[deadLetters] as string];
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    const receive = async () =>
      (await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0, WaitTimeSeconds: 0 }))).Messages ?? [];
    for (let attempt = 1; attempt <= receives; attempt += 1) expect((await receive()).map((m) => m.Body)).toEqual(['poison']);
    expect(await receive()).toEqual([]);
    expect((await drainMotoQueue(moto.clientOptions, dlq)).map((m) => m.body)).toEqual(['poison']);
  });
});

/** The account of the stack's ARN (arn:aws:cloudformation:<region>:<account>:stack/...). */
function accountOf(d: ServerlessDeployment): string {
  return d.stackId.split(':')[4] as string;
}

/** JSON text (a dashboard body, an event pattern) compares as what it says; numbers and booleans as text, as SQS and IAM keep them. */
function normalized(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      return normalized(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(normalized);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalized(v)]));
}
