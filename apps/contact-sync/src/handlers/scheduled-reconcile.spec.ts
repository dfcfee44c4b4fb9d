import {
  AccountClient,
  DeleteAlternateContactCommand,
  PutAlternateContactCommand,
  PutContactInformationCommand,
} from '@aws-sdk/client-account';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  AUDIT_TABLE,
  createDynamoDbClient,
  DynamoDbSyncConfig,
  DynamoDbSyncState,
  STATE_TABLE,
  SystemClock,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import { captureOutput, LocalDynamoDb, startLocalDynamoDb } from '@contact-sync/adapters-aws/testing';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeOrganization, MANAGEMENT, securityContact } from '../testing/fake-organization';
import { handler as accountWorker } from './account-worker';
import { handler as scheduledReconcile } from './scheduled-reconcile';
import { handler as sweepRuns } from './sweep-runs';

// A fresh prod stack, nothing stored yet: its functions start from the prod package's INITIAL_SYNC_CONFIG
// (package-stages packaged it before the tests). The periodic resync stays on, and must only plan.
const PROD_TEMPLATE = join(__dirname, '..', '..', '.serverless-stages', 'prod', 'cloudformation-template-update-stack.json');
const prodInitialConfig = (): string => {
  const template = JSON.parse(readFileSync(PROD_TEMPLATE, 'utf8')) as {
    Resources: Record<string, { Properties: { Environment?: { Variables: Record<string, string> } } }>;
  };
  const value = template.Resources['ScheduledReconcileLambdaFunction']?.Properties.Environment?.Variables['INITIAL_SYNC_CONFIG'];
  if (value === undefined) throw new Error(`${PROD_TEMPLATE} gives scheduledReconcile no INITIAL_SYNC_CONFIG`);
  return value;
};

const account = mockClient(AccountClient);
const organizations = mockClient(OrganizationsClient);
const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const secrets = mockClient(SecretsManagerClient);
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:FingerprintSecret-AbCdEf';
const UNDO_KEY_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:UndoKeySecret-GhIjKl';
const MEMBERS = ['222222222222', '333333333333', '444444444444'];
let local: LocalDynamoDb;

beforeAll(async () => {
  local = await startLocalDynamoDb();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    STATE_TABLE: await local.createTable(STATE_TABLE),
    AUDIT_TABLE: await local.createTable(AUDIT_TABLE),
    WORK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-work',
    FAILED_EVENTS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-failed-events',
    NOTIFICATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:contact-sync-prod-notifications',
    WORKER_CONCURRENCY: '2',
    WRITE_FENCE_MS: '0',
    FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
    UNDO_KEY_SECRET_ARN: UNDO_KEY_SECRET,
    INITIAL_SYNC_CONFIG: prodInitialConfig(),
  });
});
afterAll(async () => {
  await local.stop();
});

const asSqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map(
    (body, i) =>
      ({
        messageId: `msg-${i}`,
        body,
        receiptHandle: `rh-${i}`,
        attributes: { ApproximateReceiveCount: '1' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:111111111111:contact-sync-prod-work',
        awsRegion: 'us-east-1',
      }) as unknown as SQSRecord,
  ),
});

describe('the periodic resync of a fresh prod stack', () => {
  it('runs with nothing stored, compares every member and writes none: it reports what it would write', async () => {
    const org = new FakeOrganization(MEMBERS.map((id) => ({ id, state: 'ACTIVE' as const })));
    org.contacts.set(`${MANAGEMENT}#SECURITY`, securityContact('Sam Secure'));
    org.contacts.set(`${MEMBERS[0]}#SECURITY`, securityContact('Old Owner'));
    org.contacts.set(`${MEMBERS[2]}#SECURITY`, securityContact('Sam Secure'));
    org.install(account, organizations);
    const queued: string[] = [];
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { MessageBody: string }[] }) => {
      queued.push(...input.Entries.map((e) => e.MessageBody));
      return { Successful: [], Failed: [] };
    });
    sqs.on(ReceiveMessageCommand).resolves({});
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: 'k'.repeat(64) });
    secrets.on(GetSecretValueCommand, { SecretId: UNDO_KEY_SECRET }).resolves({ SecretString: 'u'.repeat(64) });

    const stateTable = process.env['STATE_TABLE'] as string;
    expect(await new DynamoDbSyncConfig(createDynamoDbClient(), stateTable).load()).toMatchObject({ version: 0 });
    const { result } = await captureOutput(() =>
      scheduledReconcile({ id: 'prod-first-monday', 'detail-type': 'Scheduled Event', source: 'aws.events' }),
    );
    expect(result).toEqual({ status: 'STARTED', runId: 'rec-prod-first-monday' });
    expect(queued.length).toBeGreaterThan(0);
    await captureOutput(() => accountWorker(asSqsEvent(queued)));
    await captureOutput(() => sweepRuns({}));

    expect(account).not.toHaveReceivedCommand(PutAlternateContactCommand);
    expect(account).not.toHaveReceivedCommand(PutContactInformationCommand);
    expect(account).not.toHaveReceivedCommand(DeleteAlternateContactCommand);
    expect(org.contact(MEMBERS[0] as string, 'SECURITY')).toEqual(securityContact('Old Owner'));
    const state = new DynamoDbSyncState(createDynamoDbClient(), stateTable, new SystemClock(), new TimerSleeper());
    const security = (await state.listOutcomes('rec-prod-first-monday'))
      .filter((o) => o.kind === 'SECURITY')
      .map((o) => [o.accountId, o.status, o.skipReason])
      .sort();
    expect(security).toEqual([
      [MEMBERS[0], 'SKIPPED', 'DRY_RUN_WOULD_PUT'],
      [MEMBERS[1], 'SKIPPED', 'DRY_RUN_WOULD_PUT'],
      [MEMBERS[2], 'UNCHANGED', undefined],
    ]);
    expect(await state.getRun('rec-prod-first-monday')).toMatchObject({ status: 'FINISHED', report: { updated: 0 } });
  });
});
