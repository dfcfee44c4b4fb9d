import { AccountClient, GetAlternateContactCommand, PutAlternateContactCommand } from '@aws-sdk/client-account';
import {
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { InternalErrorException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AUDIT_TABLE,
  createDynamoDbClient,
  DynamoDbAuditLog,
  DynamoDbSyncConfig,
  DynamoDbSyncState,
  HmacSha256,
  STATE_TABLE,
  SystemClock,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import { captureOutput, LocalDynamoDb, startLocalDynamoDb } from '@contact-sync/adapters-aws/testing';
import {
  AlternateContact,
  configClaimIdFor,
  configRunIdFor,
  ContactFingerprints,
  NewAccountEventName,
  syncConfigOf,
} from '@contact-sync/domain';
import { accountChangeEvent, contactWriteEvent as contactWriteEventAt, newAccountEvent } from '@contact-sync/domain/testing';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { AsyncLocalStorage } from 'node:async_hooks';
import { FakeOrganization, MANAGEMENT, securityContact } from '../testing/fake-organization';
import { leadingKeyPatterns, packagedResources, stateWriteStatements, stringLike } from '../testing/packaged-stack';
import { handler as accountChangeHandler } from './account-change';
import { handler as accountWorkerHandler } from './account-worker';
import { handler as contactChangeHandler } from './contact-change';
import { handler as finishRunHandler } from './finish-run';
import { handler as newAccountHandler } from './new-account';
import { handler as scheduledReconcileHandler } from './scheduled-reconcile';
import { handler as sweepRunsHandler } from './sweep-runs';

// Each handler runs as its function's role: every state table write it makes must be under a partition
// key that role's dynamodb:LeadingKeys condition allows (in the packaged template).
const runningAs = new AsyncLocalStorage<string>();
const stateWrites: { role: string; pk: string }[] = [];
const asRole =
  <A extends unknown[], R>(role: string, handler: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    runningAs.run(role, () => handler(...args));
const contactChange = asRole('ContactChangeRole', contactChangeHandler);
const accountWorker = asRole('AccountWorkerRole', accountWorkerHandler);
const finishRun = asRole('FinishRunRole', finishRunHandler);
const newAccount = asRole('NewAccountRole', newAccountHandler);
const accountChange = asRole('AccountChangeRole', accountChangeHandler);
const scheduledReconcile = asRole('ScheduledReconcileRole', scheduledReconcileHandler);
const sweepRuns = asRole('SweepRunsRole', sweepRunsHandler);

/** The partition keys a state table write command writes. */
function partitionKeysWritten(command: unknown, table: string): string[] {
  if (command instanceof PutCommand) return command.input.TableName === table ? [String(command.input.Item?.['pk'])] : [];
  if (command instanceof UpdateCommand || command instanceof DeleteCommand)
    return command.input.TableName === table ? [String(command.input.Key?.['pk'])] : [];
  if (command instanceof BatchWriteCommand)
    return (command.input.RequestItems?.[table] ?? []).map((r) => String((r.PutRequest?.Item ?? r.DeleteRequest?.Key)?.['pk']));
  return [];
}

const account = mockClient(AccountClient);
const organizations = mockClient(OrganizationsClient);
const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const secrets = mockClient(SecretsManagerClient);

const MEMBERS = ['222222222222', '333333333333', '444444444444'];

/**
 * A contact change made now: the handlers run on the real clock, so a change must be newer than the
 * runs earlier tests started (an event stamped at a fixed instant turns stale once that instant has passed).
 */
const contactWriteEvent = (options: Parameters<typeof contactWriteEventAt>[0]) =>
  contactWriteEventAt({ eventTime: new Date().toISOString(), ...options });
const FAILED_EVENTS_QUEUE = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-dev-failed-events';
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:FingerprintSecret-AbCdEf';
const UNDO_KEY_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:UndoKeySecret-GhIjKl';
const FINGERPRINT_KEY = 'Zq4v8WmA1cK3nP7rT2yB6dF9hJ0lX5sE8uG1iO4kM7pR2wV6zC9bN3qT5xH8jL0a';
const SUSPENDED = '555555555555';
let local: LocalDynamoDb;
let org: FakeOrganization;
let queued: string[];

beforeAll(async () => {
  local = await startLocalDynamoDb();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    STATE_TABLE: await local.createTable(STATE_TABLE),
    AUDIT_TABLE: await local.createTable(AUDIT_TABLE),
    WORK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-dev-work',
    FAILED_EVENTS_QUEUE_URL: FAILED_EVENTS_QUEUE,
    NOTIFICATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:contact-sync-dev-notifications',
    WORKER_CONCURRENCY: '2',
    WRITE_FENCE_MS: '0',
    FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
    UNDO_KEY_SECRET_ARN: UNDO_KEY_SECRET,
  });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await local.stop();
});

beforeAll(() => {
  const send = DynamoDBDocumentClient.prototype.send as (...args: unknown[]) => unknown;
  jest.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(function (this: DynamoDBDocumentClient, ...args: unknown[]) {
    const role = runningAs.getStore();
    if (role) for (const pk of partitionKeysWritten(args[0], process.env['STATE_TABLE'] as string)) stateWrites.push({ role, pk });
    return send.apply(this, args) as never;
  });
});

afterEach(() => {
  const resources = packagedResources();
  const allowed = (role: string) => stateWriteStatements(resources, role).flatMap(leadingKeyPatterns);
  const outside = stateWrites.filter((w) => !allowed(w.role).some((pattern) => stringLike(pattern, w.pk)));
  stateWrites.length = 0;
  expect(outside).toEqual([]);
});

beforeEach(() => {
  org = new FakeOrganization([...MEMBERS.map((id) => ({ id, state: 'ACTIVE' as const })), { id: SUSPENDED, state: 'SUSPENDED' }]);
  org.contacts.set(`${MANAGEMENT}#SECURITY`, securityContact('Sam Secure'));
  org.contacts.set(`${MEMBERS[0]}#SECURITY`, securityContact('Old Owner'));
  org.contacts.set(`${MEMBERS[2]}#SECURITY`, securityContact('Sam Secure'));
  org.install(account, organizations);
  queued = [];
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { MessageBody: string }[] }) => {
    queued.push(...input.Entries.map((e) => e.MessageBody));
    return { Successful: [], Failed: [] };
  });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  // The sweeper reads the failure queue first: empty unless a test lands events there.
  sqs.on(ReceiveMessageCommand).resolves({});
  secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: FINGERPRINT_KEY });
  secrets.on(GetSecretValueCommand, { SecretId: UNDO_KEY_SECRET }).resolves({ SecretString: 'u'.repeat(64) });
});
afterEach(() => {
  account.reset();
  organizations.reset();
  sqs.reset();
  sns.reset();
  secrets.reset();
});

const asSqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map(
    (body, i) =>
      ({
        messageId: `msg-${i}`,
        body,
        receiptHandle: `rh-${i}`,
        attributes: {},
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:111111111111:work',
        awsRegion: 'us-east-1',
      }) as unknown as SQSRecord,
  ),
});
const personal = ['Sam Secure', 'samsecure@example.com', 'Old Owner', 'oldowner@example.com', '206 555 0100'];
const expectNoPersonalData = (lines: string[]) => {
  for (const value of personal) expect(lines.join('\n')).not.toContain(value);
};

describe('the deployed flow, handler by handler', () => {
  it('a management change is propagated: event → work items → worker → writes, outcomes, audit → one notification', async () => {
    const event = contactWriteEvent({ eventId: 'flow-1', alternateContactType: 'SECURITY' });
    const started = await captureOutput(() => contactChange(event));
    expect(started.result).toEqual({ status: 'STARTED', runId: 'chg-flow-1' });
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0] as string)).toEqual({ runId: 'chg-flow-1', itemId: 'chg-flow-1:0', accountIds: MEMBERS });

    const worked = await captureOutput(() => accountWorker(asSqsEvent(queued)));
    expect(worked.result).toEqual({ batchItemFailures: [] });
    // The writes are seen, and checked against the roles after each test.
    expect(new Set(stateWrites.map((w) => w.role))).toEqual(new Set(['ContactChangeRole', 'AccountWorkerRole']));

    // Written only where different: the member that already matched is not written.
    expect(account.commandCalls(PutAlternateContactCommand).map((c) => c.args[0].input)).toEqual([
      { AccountId: MEMBERS[0], AlternateContactType: 'SECURITY', ...securityContact('Sam Secure') },
      { AccountId: MEMBERS[1], AlternateContactType: 'SECURITY', ...securityContact('Sam Secure') },
    ]);
    for (const id of MEMBERS) expect(org.contact(id, 'SECURITY')).toEqual(securityContact('Sam Secure'));
    expect(org.contact(SUSPENDED, 'SECURITY')).toBeUndefined();

    const state = new DynamoDbSyncState(
      createDynamoDbClient(),
      process.env['STATE_TABLE'] as string,
      new SystemClock(),
      new TimerSleeper(),
    );
    expect(await state.getRun('chg-flow-1')).toMatchObject({
      status: 'FINISHED',
      report: { status: 'SUCCEEDED', updated: 2, unchanged: 1, failed: 0 },
    });
    const audit = await new DynamoDbAuditLog(createDynamoDbClient(), process.env['AUDIT_TABLE'] as string, {
      now: () => Date.parse('2026-11-22T12:00:00Z'),
    }).query({ runId: 'chg-flow-1' });
    expect(audit.entries.map((e) => [e.accountId, e.status]).sort()).toEqual([
      [MEMBERS[0], 'UPDATED'],
      [MEMBERS[1], 'UPDATED'],
      [MEMBERS[2], 'UNCHANGED'],
    ]);
    // Fingerprinted under the deployment's key, read from Secrets Manager.
    const keyed = new ContactFingerprints(new HmacSha256(FINGERPRINT_KEY));
    const fingerprintOf = (name: string) => keyed.of(AlternateContact.of({ AlternateContactType: 'SECURITY', ...securityContact(name) }));
    const updated = audit.entries.find((e) => e.accountId === MEMBERS[0]);
    expect([updated?.beforeFingerprint, updated?.afterFingerprint]).toEqual([fingerprintOf('Old Owner'), fingerprintOf('Sam Secure')]);

    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes?.['priority']).toEqual({
      DataType: 'String',
      StringValue: 'NORMAL',
    });
    expectNoPersonalData([...started.lines, ...worked.lines, sns.commandCalls(PublishCommand)[0]?.args[0].input.Message as string]);
  });

  it('a duplicate delivery of the same event starts nothing', async () => {
    const event = contactWriteEvent({ eventId: 'flow-2', alternateContactType: 'SECURITY' });
    await captureOutput(() => contactChange(event));
    const again = await captureOutput(() => contactChange(event));
    expect(again.result).toEqual({ status: 'DUPLICATE', runId: 'chg-flow-2' });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
  });

  it.each(['camelCase', 'PascalCase'] as const)(
    'a change made on a member account (request keys in %s) is ignored (and counted), not thrown',
    async (parameterCase) => {
      const { result, lines } = await captureOutput(() =>
        contactChange(contactWriteEvent({ eventId: 'flow-3', memberAccountId: MEMBERS[0], parameterCase })),
      );
      expect(result).toEqual({ status: 'IGNORED', reason: 'MEMBER_ACCOUNT_TARGET' });
      expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 0);
      expect(lines.some((l) => l.includes('"EventsIgnored"'))).toBe(true);
    },
  );

  it('a member’s own write forwarded to the management bus is ignored: Organizations names another management account', async () => {
    const { result, lines } = await captureOutput(() => contactChange(contactWriteEvent({ eventId: 'flow-own', recordedIn: MEMBERS[0] })));
    expect(result).toEqual({ status: 'IGNORED', reason: 'NOT_MANAGEMENT_ACCOUNT' });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageBatchCommand, 0);
    const log = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'event ignored');
    expect(log).toMatchObject({ level: 'WARN', reason: 'NOT_MANAGEMENT_ACCOUNT', field: 'detail.recipientAccountId' });
  });

  it('a malformed event is rejected and logged with the field at fault; the handler does not throw', async () => {
    const event = contactWriteEvent({ eventId: 'flow-4' });
    const malformed = { ...event, detail: { ...(event['detail'] as object), recipientAccountId: 'not-an-account' } };
    const { result, lines } = await captureOutput(() => contactChange(malformed));
    expect(result).toEqual({ status: 'IGNORED', reason: 'MALFORMED' });
    const log = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'event ignored');
    expect(log).toMatchObject({ level: 'WARN', reason: 'MALFORMED', field: 'detail.recipientAccountId' });
  });

  it('one account failing is an outcome: the batch succeeds, the run is PARTIAL, the notification HIGH', async () => {
    org.denied.add(MEMBERS[1] as string);
    await captureOutput(() => contactChange(contactWriteEvent({ eventId: 'flow-5', alternateContactType: 'SECURITY' })));
    const { result } = await captureOutput(() => accountWorker(asSqsEvent(queued)));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(org.contact(MEMBERS[0] as string, 'SECURITY')).toEqual(securityContact('Sam Secure'));
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.MessageAttributes?.['priority']?.StringValue).toBe('HIGH');
    expect(JSON.parse(JSON.parse(input?.Message as string).sqs)).toMatchObject({
      status: 'PARTIAL',
      failed: 1,
      failures: [{ accountId: MEMBERS[1], kind: 'SECURITY', errorCode: 'ACCESS_DENIED' }],
    });
  });

  it('a batch with one unreadable record returns only that record for redelivery', async () => {
    await captureOutput(() => contactChange(contactWriteEvent({ eventId: 'flow-6', alternateContactType: 'SECURITY' })));
    const { result } = await captureOutput(() => accountWorker(asSqsEvent(['{"runId":', queued[0] as string])));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-0' }] });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('a start that fails is logged by code, counted and thrown, so that Lambda delivers the event again; the next delivery carries the run on', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .rejects(Object.assign(new Error('Service unavailable for samsecure@example.com'), { name: 'ServiceUnavailable', $metadata: {} }));
    const event = contactWriteEvent({ eventId: 'flow-9', alternateContactType: 'SECURITY' });
    const failed = await captureOutput(() => contactChange(event).catch((error: unknown) => error));
    expect(failed.result).toBeInstanceOf(Error);
    const log = failed.lines.map((l) => JSON.parse(l)).find((l) => l.message === 'start failed; Lambda will deliver the event again');
    expect(log).toMatchObject({ level: 'ERROR', error: expect.stringMatching(/^[A-Za-z_]+$/) });
    expect(failed.lines.some((l) => l.includes('"StartFailures"'))).toBe(true);
    expectNoPersonalData(failed.lines);

    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { MessageBody: string }[] }) => {
      queued.push(...input.Entries.map((e) => e.MessageBody));
      return { Successful: [], Failed: [] };
    });
    const again = await captureOutput(() => contactChange(event));
    expect(again.result).toEqual({ status: 'RESUMED', runId: 'chg-flow-9' });
    await captureOutput(() => accountWorker(asSqsEvent(queued)));
    expect(org.contact(MEMBERS[0] as string, 'SECURITY')).toEqual(securityContact('Sam Secure'));
  });

  it('a new account created by Control Tower receives the contacts', async () => {
    const { result } = await captureOutput(() =>
      newAccount(newAccountEvent({ eventName: 'CreateManagedAccount', accountId: MEMBERS[1], eventId: 'flow-7' })),
    );
    expect(result).toEqual({ status: 'STARTED' });
    expect(JSON.parse(queued[0] as string)).toMatchObject({ accountIds: [MEMBERS[1]] });
    await captureOutput(() => accountWorker(asSqsEvent(queued)));
    expect(org.contact(MEMBERS[1] as string, 'SECURITY')).toEqual(securityContact('Sam Secure'));
  });
});

describe('accounts that join the organization', () => {
  const joining = (id: string) => {
    org = new FakeOrganization([...MEMBERS.map((m) => ({ id: m, state: 'ACTIVE' as const })), { id, state: 'ACTIVE' }]);
    org.contacts.set(`${MANAGEMENT}#SECURITY`, securityContact('Sam Secure'));
    account.reset();
    organizations.reset();
    org.install(account, organizations);
  };

  it('an account that accepted an invitation is onboarded', async () => {
    joining('777777777777');
    const { result } = await captureOutput(() =>
      newAccount(
        newAccountEvent({ eventName: 'AccountJoinedOrganization', joinedMethod: 'Invited', accountId: '777777777777', eventId: 'join-1' }),
      ),
    );
    expect(result).toEqual({ status: 'STARTED' });
    expect(queued.map((body) => JSON.parse(body).accountIds)).toEqual([['777777777777']]);
    await captureOutput(() => accountWorker(asSqsEvent(queued)));
    expect(org.contact('777777777777', 'SECURITY')).toEqual(securityContact('Sam Secure'));
  });

  it('an account Control Tower creates, announced three times and enrolled again, is onboarded and notified once', async () => {
    joining('888888888888');
    const announce = (eventName: NewAccountEventName, eventId: string) =>
      captureOutput(() => newAccount(newAccountEvent({ eventName, joinedMethod: 'Created', accountId: '888888888888', eventId })));
    expect((await announce('CreateAccountResult', 'ct-1')).result).toEqual({ status: 'STARTED' });
    expect((await announce('AccountJoinedOrganization', 'ct-2')).result).toEqual({ status: 'DUPLICATE' });
    await captureOutput(() => accountWorker(asSqsEvent(queued)));
    expect((await announce('CreateManagedAccount', 'ct-3')).result).toEqual({ status: 'DUPLICATE' });
    expect((await announce('UpdateManagedAccount', 'ct-4')).result).toEqual({ status: 'DUPLICATE' });
    expect(queued).toHaveLength(1);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(org.contact('888888888888', 'SECURITY')).toEqual(securityContact('Sam Secure'));
  });
});

describe('operator and scheduled handlers', () => {
  it('the schedule starts a reconcile run over every eligible account', async () => {
    const { result } = await captureOutput(() =>
      scheduledReconcile({ id: 'sched-1', 'detail-type': 'Scheduled Event', source: 'aws.events' }),
    );
    expect(result).toEqual({ status: 'STARTED', runId: 'rec-sched-1' });
    expect(queued.flatMap((body) => (JSON.parse(body) as { accountIds: string[] }).accountIds)).toEqual(MEMBERS);
  });

  it('with dry run stored, the schedule still launches a run: only the workers read members, nothing is written, and the would-be writes are reported and notified', async () => {
    const config = new DynamoDbSyncConfig(createDynamoDbClient(), process.env['STATE_TABLE'] as string);
    const stored = await config.load();
    const version = await config.save({ ...stored.config, dryRun: true }, stored.version);
    // OPERATIONS: a kind the change tests before this one left alone.
    org.contacts.set(`${MANAGEMENT}#OPERATIONS`, securityContact('Olga Ops'));
    org.contacts.set(`${MEMBERS[0]}#OPERATIONS`, securityContact('Old Ops'));
    org.contacts.set(`${MEMBERS[2]}#OPERATIONS`, securityContact('Olga Ops'));
    try {
      const started = await captureOutput(() =>
        scheduledReconcile({ id: 'sched-dry', 'detail-type': 'Scheduled Event', source: 'aws.events' }),
      );
      expect(started.result).toEqual({ status: 'STARTED', runId: 'rec-sched-dry' });
      const memberReads = () => account.commandCalls(GetAlternateContactCommand).filter((c) => c.args[0].input.AccountId !== undefined);
      expect(memberReads()).toHaveLength(0);
      await captureOutput(() => accountWorker(asSqsEvent(queued)));
      expect(memberReads().length).toBeGreaterThan(0);
      expect(account).not.toHaveReceivedCommand(PutAlternateContactCommand);
      const state = new DynamoDbSyncState(
        createDynamoDbClient(),
        process.env['STATE_TABLE'] as string,
        new SystemClock(),
        new TimerSleeper(),
      );
      const operations = (await state.listOutcomes('rec-sched-dry'))
        .filter((o) => o.kind === 'OPERATIONS')
        .map((o) => [o.accountId, o.status, o.skipReason]);
      expect(operations.sort()).toEqual([
        [MEMBERS[0], 'SKIPPED', 'DRY_RUN_WOULD_PUT'],
        [MEMBERS[1], 'SKIPPED', 'DRY_RUN_WOULD_PUT'],
        [MEMBERS[2], 'UNCHANGED', undefined],
      ]);
      expect(await state.getRun('rec-sched-dry')).toMatchObject({ status: 'FINISHED', notified: true, report: { failed: 0, updated: 0 } });
      expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    } finally {
      const restored = await config.save(stored.config, version);
      // As `config set` does once it has stored a version: its convergence is seen to (here, none is wanted).
      await new DynamoDbSyncState(
        createDynamoDbClient(),
        process.env['STATE_TABLE'] as string,
        new SystemClock(),
        new TimerSleeper(),
      ).claimEvent(configClaimIdFor(restored), configRunIdFor(restored));
    }
  });

  it('finishRun re-finishes a run by id, and names the field of a bad payload', async () => {
    await captureOutput(() => contactChange(contactWriteEvent({ eventId: 'flow-8', alternateContactType: 'SECURITY' })));
    const { result } = await captureOutput(() => finishRun({ runId: 'chg-flow-8' }));
    expect(result).toEqual({ runId: 'chg-flow-8', status: 'FAILED' });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    await expect(captureOutput(() => finishRun({ run: 'x' }))).rejects.toMatchObject({
      name: 'InvalidInputError',
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^runId: /),
    });
  });

  it('the sweeper notifies a finished run whose notification failed', async () => {
    sns.on(PublishCommand).rejectsOnce(new InternalErrorException({ message: 'try again', $metadata: {} }));
    await captureOutput(() => contactChange(contactWriteEvent({ eventId: 'flow-10', alternateContactType: 'SECURITY' })));
    await captureOutput(() => accountWorker(asSqsEvent(queued)));
    const state = new DynamoDbSyncState(
      createDynamoDbClient(),
      process.env['STATE_TABLE'] as string,
      new SystemClock(),
      new TimerSleeper(),
    );
    const unnotified = await state.getRun('chg-flow-10');
    expect([unnotified?.status, unnotified?.notified]).toEqual(['FINISHED', undefined]);
    await captureOutput(() => sweepRuns());
    expect(await state.getRun('chg-flow-10')).toMatchObject({ status: 'FINISHED', notified: true });
    expect(sns.commandCalls(PublishCommand).filter((call) => call.args[0].input.Subject?.includes('chg-flow-10'))).toHaveLength(2);
    expect(stateWrites.some((w) => w.role === 'SweepRunsRole')).toBe(true);
  });
});

describe('events the start functions failed on every attempt', () => {
  /** Lambda's record of an asynchronous invocation that failed its last retry, as the failure queue holds it. */
  const landed = (event: unknown, handle: string) => ({
    ReceiptHandle: handle,
    Body: JSON.stringify({
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: event,
      responseContext: { functionError: 'Unhandled' },
    }),
  });

  it('are replayed by the sweeper: the change starts its run and leaves the queue, and the joining account is onboarded', async () => {
    const change = contactWriteEvent({ eventId: 'lost-1', alternateContactType: 'SECURITY' });
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [landed(change, 'rh-1'), landed(newAccountEvent({ accountId: MEMBERS[2], eventId: 'lost-2' }), 'rh-2')] })
      .resolves({});
    sqs.on(DeleteMessageCommand).resolves({});
    const { result, lines } = await captureOutput(() => sweepRuns());
    expect(result).toMatchObject({ replay: { received: 2, replayed: 2, failed: 0, dropped: 0, stopped: false } });
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: FAILED_EVENTS_QUEUE,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    });
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: FAILED_EVENTS_QUEUE, ReceiptHandle: 'rh-1' },
      { QueueUrl: FAILED_EVENTS_QUEUE, ReceiptHandle: 'rh-2' },
    ]);
    expect(queued.map((body) => JSON.parse(body).runId)).toEqual(['chg-lost-1', expect.stringMatching(new RegExp(`^new-${MEMBERS[2]}-`))]);
    expectNoPersonalData(lines);
  });

  it('stays in the queue when its replay fails again, for a later sweep', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [landed(contactWriteEvent({ eventId: 'lost-3', alternateContactType: 'SECURITY' }), 'rh-3')] })
      .resolves({});
    sqs.on(SendMessageBatchCommand).rejects(Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable', $metadata: {} }));
    const { result, lines } = await captureOutput(() => sweepRuns());
    expect(result).toMatchObject({ replay: { received: 1, replayed: 0, failed: 1 } });
    expect(sqs).not.toHaveReceivedCommand(DeleteMessageCommand);
    expect(lines.some((l) => l.includes('"StartFailures"'))).toBe(true);
  });

  it('a failure queue that cannot be read does not stop the sweep; the invocation then fails, for the alarm', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .rejects(Object.assign(new Error('denied for samsecure@example.com'), { name: 'AccessDenied', $metadata: {} }));
    const { result, lines } = await captureOutput(() => sweepRuns().catch((error: unknown) => error));
    expect(result).toMatchObject({ code: 'ACCESS_DENIED' });
    const messages = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).message);
    expect(messages).toEqual(expect.arrayContaining(['replay of failed events failed; the sweep goes on', 'sweep done']));
    expectNoPersonalData(lines);
  });
});

describe('an organization of 10,000 accounts', () => {
  it('is fanned out in one invocation: every active member in exactly one work item of at most 25, items sent ten to an SQS batch', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => String(600_000_000_000 + i));
    org = new FakeOrganization(ids.map((id) => ({ id, state: 'ACTIVE' as const })));
    org.contacts.set(`${MANAGEMENT}#SECURITY`, securityContact('Sam Secure'));
    account.reset();
    organizations.reset();
    org.install(account, organizations);
    const { result } = await captureOutput(() =>
      contactChange(contactWriteEvent({ eventId: 'flow-big', alternateContactType: 'SECURITY' })),
    );
    expect(result).toEqual({ status: 'STARTED', runId: 'chg-flow-big' });
    const items = queued.map((body) => JSON.parse(body) as { accountIds: string[] });
    // Each batch of 1,000 listed accounts is cut into items of 25, its last one possibly smaller.
    expect(items.length).toBeGreaterThanOrEqual(400);
    expect(items.length).toBeLessThanOrEqual(410);
    expect(Math.max(...items.map((i) => i.accountIds.length))).toBe(25);
    expect(items.flatMap((i) => i.accountIds).sort()).toEqual(ids);
    expect(sqs.commandCalls(SendMessageBatchCommand).every((call) => (call.args[0].input.Entries ?? []).length <= 10)).toBe(true);
    expect(sqs.commandCalls(SendMessageBatchCommand).length).toBeLessThanOrEqual(Math.ceil(items.length / 10) + 10);
  });
});

describe('accounts moved or tagged, and configuration changes', () => {
  const state = () =>
    new DynamoDbSyncState(createDynamoDbClient(), process.env['STATE_TABLE'] as string, new SystemClock(), new TimerSleeper());
  const configPort = () => new DynamoDbSyncConfig(createDynamoDbClient(), process.env['STATE_TABLE'] as string);
  const INCLUDED = 'ou-ab12-cd34ef56';
  const placeIn = (accountId: string, parent: string) => {
    organizations
      .on(ListParentsCommand, { ChildId: accountId })
      .resolves({ Parents: [{ Id: parent, Type: parent.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ROOT' }] });
    organizations.on(ListParentsCommand, { ChildId: INCLUDED }).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
  };

  it('a move with no OU rule changes nothing the account should hold: no run', async () => {
    const { result } = await captureOutput(() => accountChange(accountChangeEvent({ accountId: MEMBERS[1], eventId: 'move-0' })));
    expect(result).toEqual({ status: 'NO_RULE_AFFECTED', runId: 'acct-move-0' });
    expect(queued).toEqual([]);
  });

  it('a member moved into an included OU is written where it is now, once per event, and a config version is launched by the sweeper', async () => {
    const config = configPort();
    const stored = await config.load();
    // Stored without a claim, as if the operator's tool had stopped right after storing it.
    const version = await config.save(syncConfigOf({ kinds: ['SECURITY'], includedOrganizationalUnits: [INCLUDED] }), stored.version);
    try {
      placeIn(MEMBERS[1] as string, INCLUDED);
      const event = accountChangeEvent({ accountId: MEMBERS[1], eventId: 'move-1', destinationParentId: INCLUDED, pascalCase: true });
      const moved = await captureOutput(() => accountChange(event));
      expect(moved.result).toEqual({ status: 'STARTED', runId: 'acct-move-1' });
      expect(queued.map((body) => JSON.parse(body))).toEqual([{ runId: 'acct-move-1', itemId: 'acct-move-1:0', accountIds: [MEMBERS[1]] }]);
      expect((await captureOutput(() => accountChange(event))).result).toEqual({ status: 'DUPLICATE', runId: 'acct-move-1' });
      await captureOutput(() => accountWorker(asSqsEvent(queued)));
      expect(org.contact(MEMBERS[1] as string, 'SECURITY')).toEqual(securityContact('Sam Secure'));
      expect(await state().getRun('acct-move-1')).toMatchObject({ trigger: 'ACCOUNT_CHANGE', status: 'FINISHED', report: { updated: 1 } });

      // No tool claimed the version: the sweeper records and launches a run of every synced kind.
      queued.length = 0;
      const listed = (ids: string[]) => ({
        Accounts: ids.map((id) => ({ Id: id, Name: `account-${id}`, State: 'ACTIVE' as const, JoinedTimestamp: new Date('2025-01-01') })),
      });
      organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-ab12' }] });
      organizations.on(ListAccountsForParentCommand, { ParentId: 'r-ab12' }).resolves(listed([MANAGEMENT, MEMBERS[2] as string]));
      organizations.on(ListAccountsForParentCommand, { ParentId: INCLUDED }).resolves(listed([MEMBERS[0] as string, MEMBERS[1] as string]));
      organizations
        .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' })
        .resolves({ OrganizationalUnits: [{ Id: INCLUDED }] });
      organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: INCLUDED }).resolves({ OrganizationalUnits: [] });
      const swept = await captureOutput(() => sweepRuns());
      expect(swept.result).toMatchObject({ configuration: { status: 'LAUNCHED', version, runId: `cfg-v${version}`, recordedHere: true } });
      expect(await state().getRun(`cfg-v${version}`)).toMatchObject({ trigger: 'CONFIG_CHANGE', kinds: ['SECURITY'], launch: 'LAUNCHED' });
      // Every member listed; the one outside the included OU is left out by the launch, with its rule.
      expect(queued.flatMap((body) => JSON.parse(body).accountIds)).toEqual([MEMBERS[2], MEMBERS[0], MEMBERS[1]]);
      expect((await state().listOutcomes(`cfg-v${version}`)).map((o) => [o.accountId, o.skipReason])).toEqual([
        [MEMBERS[2], 'NOT_IN_INCLUDED_OU'],
      ]);
      // The next sweep finds it launched: nothing more.
      expect((await captureOutput(() => sweepRuns())).result).toMatchObject({ configuration: { status: 'CURRENT', version } });
    } finally {
      const restored = await config.save(stored.config, version);
      await state().claimEvent(configClaimIdFor(restored), configRunIdFor(restored));
    }
  });
});
