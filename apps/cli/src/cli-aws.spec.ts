import {
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  PutAlternateContactCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-account';
import {
  AccountNotFoundException,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetSecretValueCommand, SecretsManagerClient, SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HmacSha256 } from '@contact-sync/adapters-aws';
import { AlternateContact, ContactFingerprints, DEFAULT_SYNC_CONFIG, syncConfigOf, toSyncConfigJson } from '@contact-sync/domain';
import { newAccountEvent } from '@contact-sync/domain/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { runCli } from './cli';
import { openBackend } from './composition';
import { TestIo } from './testing/test-io';

const account = mockClient(AccountClient);
const organizations = mockClient(OrganizationsClient);
const dynamo = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const secrets = mockClient(SecretsManagerClient);
afterEach(() => {
  sqs.reset();
  account.reset();
  organizations.reset();
  dynamo.reset();
  secrets.reset();
});

const MANAGEMENT = '111111111111';
const [SAME, MISSING] = ['222222222222', '333333333333'];
const security = {
  AlternateContactType: 'SECURITY' as const,
  Name: 'Sam Secure',
  Title: 'CISO',
  EmailAddress: 'sam@example.com',
  PhoneNumber: '+1 206 555 0100',
};
const notFound = () => new ResourceNotFoundException({ message: 'not set', $metadata: {} });
const AWS = [
  '--backend',
  'aws',
  '--state-table',
  'contact-sync-prod-StateTable',
  '--audit-table',
  'contact-sync-prod-AuditTable',
  '--region',
  'us-east-1',
];
const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

describe('contact-sync on AWS', () => {
  beforeEach(() => {
    Object.assign(process.env, env);
    dynamo.on(GetCommand).resolves({});
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-test', MasterAccountId: MANAGEMENT } });
    organizations.on(ListAccountsCommand).resolves({
      Accounts: [MANAGEMENT, SAME, MISSING].map((Id) => ({
        Id,
        Name: `account-${Id}`,
        State: 'ACTIVE',
        JoinedTimestamp: new Date('2025-01-01T00:00:00Z'),
      })),
    });
    account.on(GetContactInformationCommand).rejects(notFound());
    account.on(GetAlternateContactCommand).callsFake((input) => {
      if (input.AlternateContactType === 'SECURITY' && input.AccountId !== MISSING) return { AlternateContact: security };
      throw notFound();
    });
  });

  it('plan reads the configuration from the state table and every account from the APIs, and writes nothing', async () => {
    const io = new TestIo([], env);
    expect(await runCli(['plan', '--json', '--detailed-exitcode', ...AWS], io)).toBe(2);
    expect(io.json()).toEqual({
      summary: { put: 1, delete: 0, unchanged: 7, skip: 0, error: 0, pending: 1, accounts: 2, total: 8 },
      changes: [{ accountId: MISSING, kind: 'SECURITY', action: 'PUT', reason: 'not set on the member' }],
      resync: { calls: { GetContactInformation: 2, GetAlternateContact: 6, PutAlternateContact: 1 }, tagReads: 0, seconds: 0 },
    });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'contact-sync-prod-StateTable',
      Key: { pk: 'CONFIG', sk: 'CONFIG' },
      ConsistentRead: true,
    });
    expect(account).toHaveReceivedCommandWith(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' });
    expect(account).toHaveReceivedCommandWith(GetAlternateContactCommand, { AccountId: MISSING, AlternateContactType: 'SECURITY' });
    expect(account).not.toHaveReceivedCommand(PutAlternateContactCommand);
  });

  it('config set writes the whole item with optimistic locking', async () => {
    dynamo.on(PutCommand).resolves({});
    const io = new TestIo([], env);
    expect(await runCli(['config', 'set', '--dry-run', 'true', '--yes', ...AWS], io)).toBe(0);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'contact-sync-prod-StateTable',
      Item: { pk: 'CONFIG', sk: 'CONFIG', config: { ...toSyncConfigJson(DEFAULT_SYNC_CONFIG), dryRun: true }, version: 1 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  describe('while no configuration is stored', () => {
    // What stages.yml gives every stage, as the stack output InitialSyncConfig carries it.
    const STAGE_INITIAL =
      '{"kinds":["PRIMARY","BILLING","OPERATIONS","SECURITY"],"excludedAccountIds":[],"propagateDeletions":false,"dryRun":true}';
    const stageEnv = { ...env, CONTACT_SYNC_INITIAL_SYNC_CONFIG: STAGE_INITIAL };

    it("config get shows the stage's initial configuration, the one the functions use, and says so", async () => {
      const json = new TestIo([], stageEnv);
      expect(await runCli(['config', 'get', '--json', ...AWS], json)).toBe(0);
      expect(json.json()).toEqual({
        version: 0,
        source: 'STAGE_INITIAL',
        config: toSyncConfigJson(syncConfigOf(JSON.parse(STAGE_INITIAL))),
      });
      const text = new TestIo([], stageEnv);
      expect(await runCli(['config', 'get', ...AWS], text)).toBe(0);
      expect(text.stdout).toMatch(
        /"dryRun": true,\n[\s\S]*\nIn force: the stage's initial configuration \(nothing is stored yet; the functions' INITIAL_SYNC_CONFIG\)\.\n$/,
      );
      expect(text.stderr).toBe('');
    });

    it("config set starts from the stage's initial configuration: the fields it does not name keep their values, dry run included", async () => {
      dynamo.on(PutCommand).resolves({});
      const io = new TestIo([], stageEnv);
      expect(await runCli(['config', 'set', '--kinds', 'SECURITY', '--yes', ...AWS], io)).toBe(0);
      expect(io.stderr).toBe(
        "Changes against the stage's initial configuration (nothing is stored yet; the functions' INITIAL_SYNC_CONFIG):\n" +
          '  kinds: ["PRIMARY","BILLING","OPERATIONS","SECURITY"] → ["SECURITY"]\n',
      );
      expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item).toEqual({
        pk: 'CONFIG',
        sk: 'CONFIG',
        config: { ...toSyncConfigJson(DEFAULT_SYNC_CONFIG), kinds: ['SECURITY'], dryRun: true },
        version: 1,
      });
    });

    it("without the stage's initial configuration, the CLI takes the defaults in dry run and says how to give it", async () => {
      const io = new TestIo([], env);
      expect(await runCli(['config', 'get', '--json', ...AWS], io)).toBe(0);
      expect(io.json()).toEqual({
        version: 0,
        source: 'UNKNOWN_STAGE_INITIAL',
        config: { ...toSyncConfigJson(DEFAULT_SYNC_CONFIG), dryRun: true },
      });
      expect(io.stderr).toContain('set CONTACT_SYNC_INITIAL_SYNC_CONFIG to the stack output InitialSyncConfig');
      // A sync then refuses to write: the configuration in force is not known to be live.
      const sync = new TestIo([], env);
      secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(64) });
      expect(
        await runCli(
          [
            'sync',
            '--yes',
            '--fingerprint-secret',
            'arn:aws:secretsmanager:us-east-1:111111111111:secret:k',
            '--undo-key-secret',
            'arn:aws:secretsmanager:us-east-1:111111111111:secret:u',
            ...AWS,
          ],
          sync,
        ),
      ).toBe(1);
      expect(sync.stderr).toContain('dry-run mode');
      expect(account).not.toHaveReceivedCommand(PutAlternateContactCommand);
    });

    it('names the variable when it is not a configuration', async () => {
      const io = new TestIo([], { ...env, CONTACT_SYNC_INITIAL_SYNC_CONFIG: '{"kinds":["FAX"]}' });
      expect(await runCli(['config', 'get', ...AWS], io)).toBe(1);
      expect(io.stderr).toBe(
        'error: CONTACT_SYNC_INITIAL_SYNC_CONFIG (the stack output InitialSyncConfig): kinds[0]: must be one of PRIMARY, BILLING, OPERATIONS, SECURITY\n',
      );
    });
  });

  it('history queries the audit table account index, newest first', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        {
          entryId: `run-1#${SAME}#SECURITY`,
          runId: 'run-1',
          accountId: SAME,
          kind: 'SECURITY',
          status: 'UPDATED',
          detail: 'PUT',
          initiator: 'cli:alice',
          at: '2026-11-20T10:00:00.000Z',
          expiresAt: 4102444800,
          day: '2026-11-20',
          sortKey: 'x',
        },
      ],
    });
    const io = new TestIo([], env);
    expect(await runCli(['history', '--account', SAME, ...AWS], io)).toBe(0);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'contact-sync-prod-AuditTable',
      IndexName: 'byAccount',
      KeyConditionExpression: 'accountId = :id',
      ScanIndexForward: false,
      Limit: 50,
    });
    expect(io.stdout).toContain(`2026-11-20T10:00:00.000Z  run-1  ${SAME}  SECURITY  UPDATED  PUT     cli:alice`);
  });

  describe('replay-failed-events', () => {
    const FAILED = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-failed-events';
    const EVENTS_DLQ = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-events-dlq';
    const QUEUES = {
      CONTACT_SYNC_FAILED_EVENTS_QUEUE_URL: FAILED,
      CONTACT_SYNC_EVENTS_DLQ_URL: EVENTS_DLQ,
      CONTACT_SYNC_WORK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-work',
      CONTACT_SYNC_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:contact-sync-prod-notifications',
    };
    const record = (event: unknown) =>
      JSON.stringify({ version: '1.0', requestContext: { condition: 'RetriesExhausted' }, requestPayload: event });

    it('reads the failure queue named by the environment, replays, and deletes what it handled', async () => {
      sqs.on(GetQueueAttributesCommand, { QueueUrl: FAILED }).resolves({ Attributes: { ApproximateNumberOfMessages: '2' } });
      sqs.on(GetQueueAttributesCommand, { QueueUrl: EVENTS_DLQ }).resolves({ Attributes: { ApproximateNumberOfMessages: '0' } });
      sqs.on(ReceiveMessageCommand, { QueueUrl: EVENTS_DLQ }).resolves({});
      sqs
        .on(ReceiveMessageCommand, { QueueUrl: FAILED })
        .resolvesOnce({
          Messages: [
            { ReceiptHandle: 'rh-1', Body: record(newAccountEvent({ accountId: '999999999999', eventId: 'gone' })) },
            { ReceiptHandle: 'rh-2', Body: record({ source: 'aws.s3' }) },
          ],
        })
        .resolves({});
      sqs.on(DeleteMessageCommand).resolves({});
      organizations.on(DescribeAccountCommand).rejects(new AccountNotFoundException({ message: 'gone', $metadata: {} }));
      const io = new TestIo([], { ...env, ...QUEUES });
      expect(await runCli(['replay-failed-events', '--yes', '--json', ...AWS], io)).toBe(0);
      expect(io.json()).toEqual({ status: 'DONE', received: 2, replayed: 1, dropped: 1, failed: 0, runIds: [] });
      expect(sqs.commandCalls(GetQueueAttributesCommand).map((c) => c.args[0].input)).toEqual([
        { QueueUrl: FAILED, AttributeNames: ['ApproximateNumberOfMessages'] },
        { QueueUrl: EVENTS_DLQ, AttributeNames: ['ApproximateNumberOfMessages'] },
      ]);
      const receive = (QueueUrl: string) => ({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      });
      expect(sqs.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input)).toEqual([
        receive(FAILED),
        receive(FAILED),
        receive(EVENTS_DLQ),
      ]);
      expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([
        { QueueUrl: FAILED, ReceiptHandle: 'rh-1' },
        { QueueUrl: FAILED, ReceiptHandle: 'rh-2' },
      ]);
    });

    it('replays the events EventBridge could not deliver (the event itself in its dead-letter queue), and deletes them there', async () => {
      sqs.on(GetQueueAttributesCommand, { QueueUrl: FAILED }).resolves({ Attributes: { ApproximateNumberOfMessages: '0' } });
      sqs.on(GetQueueAttributesCommand, { QueueUrl: EVENTS_DLQ }).resolves({ Attributes: { ApproximateNumberOfMessages: '1' } });
      sqs.on(ReceiveMessageCommand, { QueueUrl: FAILED }).resolves({});
      sqs
        .on(ReceiveMessageCommand, { QueueUrl: EVENTS_DLQ })
        .resolvesOnce({
          Messages: [{ ReceiptHandle: 'dlq-1', Body: JSON.stringify(newAccountEvent({ accountId: '999999999999', eventId: 'gone' })) }],
        })
        .resolves({});
      sqs.on(DeleteMessageCommand).resolves({});
      organizations.on(DescribeAccountCommand).rejects(new AccountNotFoundException({ message: 'gone', $metadata: {} }));
      const io = new TestIo([], { ...env, ...QUEUES });
      expect(await runCli(['replay-failed-events', '--yes', '--json', ...AWS], io)).toBe(0);
      expect(io.json()).toEqual({ status: 'DONE', received: 1, replayed: 1, dropped: 0, failed: 0, runIds: [] });
      expect(organizations.commandCalls(DescribeAccountCommand).map((c) => c.args[0].input)).toEqual([{ AccountId: '999999999999' }]);
      expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([
        { QueueUrl: EVENTS_DLQ, ReceiptHandle: 'dlq-1' },
      ]);
    });

    it.each([
      ['CONTACT_SYNC_WORK_QUEUE_URL', '--work-queue-url'],
      ['CONTACT_SYNC_TOPIC_ARN', '--topic-arn'],
      ['CONTACT_SYNC_FAILED_EVENTS_QUEUE_URL', '--failed-events-queue-url'],
      ['CONTACT_SYNC_EVENTS_DLQ_URL', '--events-dlq-url'],
    ])('asks for %s, which the runs it starts or the queue it reads need', async (variable, flag) => {
      const io = new TestIo([], { ...env, ...QUEUES, [variable]: undefined });
      expect(await runCli(['replay-failed-events', '--yes', ...AWS], io)).toBe(1);
      expect(io.stderr).toBe(
        `error: ${flag} is required with --backend aws (or set ${variable}); find it in the stack outputs: see docs/DEPLOYMENT.md\n`,
      );
    });
  });

  describe('sync, which writes audit entries, and so needs the fingerprint key', () => {
    const SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:FingerprintSecret-AbCdEf';
    const KEY = 'Zq4v8WmA1cK3nP7rT2yB6dF9hJ0lX5sE8uG1iO4kM7pR2wV6zC9bN3qT5xH8jL0a';

    it('stops before reading anything without it, naming the flag and the variable', async () => {
      const io = new TestIo([], env);
      expect(await runCli(['sync', '--yes', ...AWS], io)).toBe(1);
      expect(io.stderr).toBe(
        'error: --fingerprint-secret is required with --backend aws (or set CONTACT_SYNC_FINGERPRINT_SECRET); find it in the stack outputs: see docs/DEPLOYMENT.md\n',
      );
      expect(account).not.toHaveReceivedAnyCommand();
      expect(dynamo).not.toHaveReceivedAnyCommand();
      expect(secrets).not.toHaveReceivedAnyCommand();
    });

    it('stops before reading a member without the undo key, which seals every value it overwrites', async () => {
      secrets.on(GetSecretValueCommand).resolves({ SecretString: KEY });
      const io = new TestIo([], { ...env, CONTACT_SYNC_FINGERPRINT_SECRET: SECRET });
      expect(await runCli(['sync', '--yes', ...AWS], io)).toBe(1);
      expect(io.stderr).toBe(
        'error: --undo-key-secret is required with --backend aws (or set CONTACT_SYNC_UNDO_KEY_SECRET); find it in the stack outputs: see docs/DEPLOYMENT.md\n',
      );
      expect(account).not.toHaveReceivedAnyCommand();
      expect(dynamo).not.toHaveReceivedAnyCommand();
    });

    it('reads the secret the variable names, and stops at once when it may not', async () => {
      secrets
        .on(GetSecretValueCommand)
        .rejects(
          new SecretsManagerServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: {}, message: 'not authorized' }),
        );
      const io = new TestIo([], { ...env, CONTACT_SYNC_FINGERPRINT_SECRET: SECRET });
      expect(await runCli(['sync', '--yes', ...AWS], io)).toBe(1);
      expect(io.stderr).toBe('error: Secrets Manager GetSecretValue of the fingerprint key failed: AccessDeniedException\n');
      expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: SECRET }]);
      expect(account).not.toHaveReceivedAnyCommand();
    });

    it('fingerprints under the secret, as the deployed workers do', async () => {
      secrets.on(GetSecretValueCommand).resolves({ SecretString: KEY });
      const backend = await openBackend({
        backend: 'aws',
        region: 'us-east-1',
        stateTable: 'state',
        auditTable: 'audit',
        writesAudit: true,
        fingerprintSecret: SECRET,
        seed: 1,
      });
      const value = AlternateContact.of(security);
      expect(backend.container.get(ContactFingerprints).of(value)).toBe(new ContactFingerprints(new HmacSha256(KEY)).of(value));
      expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: SECRET }]);
    });

    it('is not read by commands that write no audit', async () => {
      const io = new TestIo([], { ...env, CONTACT_SYNC_FINGERPRINT_SECRET: SECRET });
      expect(await runCli(['plan', ...AWS], io)).toBe(0);
      expect(secrets).not.toHaveReceivedAnyCommand();
    });
  });

  it('explains an access denial in one line', async () => {
    organizations.on(ListAccountsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: {} }));
    const io = new TestIo([], env);
    expect(await runCli(['drift', ...AWS], io)).toBe(1);
    expect(io.stderr).toBe(
      'error: Organizations ListAccounts was denied: run with management account credentials that allow organizations:ListAccounts\n',
    );
  });
});
