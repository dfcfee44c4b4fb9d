import { createDynamoDbClient } from '@contact-sync/adapters-aws';
import {
  closeMotoAccount,
  createMotoOrganization,
  createMotoStack,
  createMotoTables,
  drainMotoQueue,
  getMotoAlternateContact,
  motoFingerprints,
  putMotoAlternateContact,
  RawAlternateContact,
  subscribeMotoQueue,
  useMotoServer,
} from '@contact-sync/adapters-aws/testing';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SYNC_CONFIG, toSyncConfigJson } from '@contact-sync/domain';
import { newAccountEvent } from '@contact-sync/domain/testing';
import { createSqsClient } from '@contact-sync/adapters-aws';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from './cli';
import { TestIo } from './testing/test-io';

// The CLI against moto, over the wire: the AWS SDK clients the CLI builds from the environment
// (AWS_ENDPOINT_URL) reach a moto server, with an organization made through the Organizations API,
// contacts through the Account Management API, the stack's tables from table-definitions.json and
// its fingerprint key, a secret generated as the stack's FingerprintSecret is (given to the CLI as an
// operator would, in CONTACT_SYNC_FINGERPRINT_SECRET).
// moto has no ContactInformation (PRIMARY), so the configuration syncs the alternate contacts only.

const moto = useMotoServer();
beforeAll(() => {
  Object.assign(process.env, moto.environment);
  delete process.env['AWS_PROFILE'];
});

const TYPES = ['BILLING', 'OPERATIONS', 'SECURITY'] as const;
type Type = (typeof TYPES)[number];
const contact = (type: Type, who: string): RawAlternateContact => ({
  AlternateContactType: type,
  Name: `${who} ${type.toLowerCase()}`,
  Title: `${type} lead`,
  EmailAddress: `${who.toLowerCase()}.${type.toLowerCase()}@example.com`,
  PhoneNumber: `+1 206 555 01${TYPES.indexOf(type)}${who.length}`,
});
const MANAGEMENT_VALUES = TYPES.map((type) => contact(type, 'Avery'));
const DRIFTED = contact('SECURITY', 'Mallory');
const DRIFTED_OPERATIONS = contact('OPERATIONS', 'Mallory');
const BY_HAND = contact('OPERATIONS', 'Robin');
/** Every contact value seeded: none may appear in any output. */
const PERSONAL = [...MANAGEMENT_VALUES, DRIFTED, DRIFTED_OPERATIONS, BY_HAND].flatMap((c) => [c.Name, c.EmailAddress, c.PhoneNumber]);

interface Organization {
  /** ACTIVE members: in sync, SECURITY drifted, BILLING unset, OPERATIONS drifted and SECURITY unset. */
  readonly inSync: string;
  readonly securityDrifted: string;
  readonly billingUnset: string;
  readonly twoDrifted: string;
  /** SUSPENDED, so never a target: its contacts stay unset. */
  readonly closed: string;
}

/** Who moto says the CLI's credentials are (STS GetCallerIdentity): the audit's initiator of a CLI sync. */
const MOTO_PRINCIPAL = 'arn:aws:sts::123456789012:user/moto';

let org: Organization;
let tables: { stateTable: string; auditTable: string };
let fingerprintSecret: string;
let undoKeySecret: string;
/** The stack's FingerprintSecret as serverless.yml defines it. */
const FINGERPRINT_SECRET = {
  Type: 'AWS::SecretsManager::Secret',
  Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
};
let AWS: string[];

beforeEach(async () => {
  await moto.reset();
  const { members } = await createMotoOrganization(moto.clientOptions, 5);
  const [inSync, securityDrifted, billingUnset, twoDrifted, closed] = members.map((m) => m.id) as [string, string, string, string, string];
  org = { inSync, securityDrifted, billingUnset, twoDrifted, closed };
  await closeMotoAccount(moto.clientOptions, closed);
  const [billing, operations, security] = MANAGEMENT_VALUES as [RawAlternateContact, RawAlternateContact, RawAlternateContact];
  const seeded: [string | undefined, RawAlternateContact[]][] = [
    [undefined, MANAGEMENT_VALUES],
    [inSync, MANAGEMENT_VALUES],
    [securityDrifted, [billing, operations, DRIFTED]],
    [billingUnset, [operations, security]],
    [twoDrifted, [billing, DRIFTED_OPERATIONS]],
  ];
  await Promise.all(
    seeded.flatMap(([accountId, values]) => values.map((value) => putMotoAlternateContact(moto.clientOptions, value, accountId))),
  );
  tables = await createMotoTables(moto.clientOptions, 'cli');
  const secrets = (
    await createMotoStack(moto.clientOptions, { FingerprintSecret: FINGERPRINT_SECRET, UndoKeySecret: FINGERPRINT_SECRET }, 'cli')
  ).refs;
  fingerprintSecret = secrets['FingerprintSecret'] as string;
  // The stack's UndoKeySecret is generated as the fingerprint key is.
  undoKeySecret = secrets['UndoKeySecret'] as string;
  AWS = ['--backend', 'aws', '--state-table', tables.stateTable, '--audit-table', tables.auditTable];
  // No stack here, so no stage's initial configuration: the CLI starts from the defaults in dry run,
  // and going live is said, planned and confirmed like on a deployed stack.
  const live = await cli(['config', 'set', '--kinds', TYPES.join(','), '--dry-run', 'false', '--yes']);
  expect(live).toMatchObject({
    code: 0,
    stdout: expect.stringMatching(/^Stored the configuration as version 1\.\nRun cfg-v1 is recorded/),
  });
  expect(live.stderr).toContain('The first live run (cfg-v1) would write, as the members are now:\n');
  expect(live.stderr).toMatch(/\nSECURITY +2 +0\n/);
});

/** Runs one command line against moto; checks that no contact value reached stdout or stderr. */
async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; json: <T>() => T }> {
  // Nothing but this test writes contacts here, so no write of another run can be on its way.
  const io = new TestIo([], {
    ...moto.environment,
    WRITE_FENCE_MS: '0',
    CONTACT_SYNC_FINGERPRINT_SECRET: fingerprintSecret,
    CONTACT_SYNC_UNDO_KEY_SECRET: undoKeySecret,
  });
  const code = await runCli([...args, ...AWS], io);
  for (const value of PERSONAL) expect(`${io.stdout}${io.stderr}`).not.toContain(value);
  return { code, stdout: io.stdout, stderr: io.stderr, json: <T>() => io.json<T>() };
}

const contactsOf = (accountId?: string) => Promise.all(TYPES.map((type) => getMotoAlternateContact(moto.clientOptions, type, accountId)));
const change = (accountId: string, kind: Type) => ({ accountId, kind, action: 'PUT' });
/** Mallory's contacts differ from Avery's in every field but the title's. */
const differs = { reason: 'differs from the management account', fields: ['Name', 'EmailAddress', 'PhoneNumber'] };
const byAccountAndKind = (a: { accountId: string; kind: string }, b: { accountId: string; kind: string }) =>
  a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind);

describe('contact-sync --backend aws against moto', () => {
  it('config get reads the stored configuration; config set changes one field with the next version, in the moto table', async () => {
    const got = await cli(['config', 'get', '--json']);
    expect(got.code).toBe(0);
    expect(got.json()).toEqual({ version: 1, source: 'STORED', config: { ...toSyncConfigJson(DEFAULT_SYNC_CONFIG), kinds: [...TYPES] } });

    expect(await cli(['config', 'set', '--dry-run', 'true', '--yes'])).toMatchObject({
      code: 0,
      stdout: 'Stored the configuration as version 2.\n',
    });
    const doc = createDynamoDbClient(moto.clientOptions);
    const { Item } = await doc.send(new GetCommand({ TableName: tables.stateTable, Key: { pk: 'CONFIG', sk: 'CONFIG' } }));
    doc.destroy();
    expect(Item).toEqual({ pk: 'CONFIG', sk: 'CONFIG', version: 2, config: { ...got.json<{ config: object }>().config, dryRun: true } });

    const invalid = await cli(['config', 'set', '--excluded-accounts', '12']);
    expect(invalid).toMatchObject({ code: 1, stdout: '' });
    expect(invalid.stderr).toMatch(/^error: .*excludedAccountIds\[0\]: must be a 12-digit account id/);
    expect((await cli(['config', 'get', '--json'])).json()).toMatchObject({ version: 2 });

    const refused = await cli(['sync', '--yes']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      'error: the configuration is in dry-run mode, so sync writes nothing; run `contact-sync config set --dry-run false` first\n',
    );
  });

  it('plan lists what differs from the management account, why and in which fields, and exits 2 with --detailed-exitcode, writing nothing', async () => {
    const before = await Promise.all([org.securityDrifted, org.billingUnset, org.twoDrifted].map((id) => contactsOf(id)));
    expect((await cli(['plan'])).code).toBe(0);
    const plan = await cli(['plan', '--json', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.json()).toEqual({
      summary: { put: 4, delete: 0, unchanged: 8, skip: 0, error: 0, pending: 4, accounts: 4, total: 12 },
      changes: [
        { ...change(org.securityDrifted, 'SECURITY'), ...differs },
        { ...change(org.billingUnset, 'BILLING'), reason: 'not set on the member' },
        { ...change(org.twoDrifted, 'OPERATIONS'), ...differs },
        { ...change(org.twoDrifted, 'SECURITY'), reason: 'not set on the member' },
      ].sort(byAccountAndKind),
      // One read per account-kind compared and one write per change: what each periodic resync costs.
      resync: { calls: { GetAlternateContact: 12, PutAlternateContact: 4 }, tagReads: 0, seconds: 0 },
    });
    expect(await Promise.all([org.securityDrifted, org.billingUnset, org.twoDrifted].map((id) => contactsOf(id)))).toEqual(before);
  });

  it('drift names the drifted accounts by kind and exits 2 with --detailed-exitcode', async () => {
    const drift = await cli(['drift', '--json', '--detailed-exitcode']);
    expect(drift.code).toBe(2);
    expect(drift.json()).toEqual({
      drifted: 4,
      accounts: 3,
      checked: 12,
      errors: 0,
      byKind: {
        PRIMARY: { count: 0, accounts: [] },
        BILLING: { count: 1, accounts: [org.billingUnset] },
        OPERATIONS: { count: 1, accounts: [org.twoDrifted] },
        SECURITY: { count: 2, accounts: [org.securityDrifted, org.twoDrifted].sort() },
      },
    });
  });

  it('sync --yes writes the management values where they differ; then plan and drift exit 0 and history shows the run', async () => {
    const sync = await cli(['sync', '--yes', '--json']);
    expect(sync.code).toBe(0);
    const result = sync.json<{ runId: string }>();
    expect(result).toEqual({
      status: 'SUCCEEDED',
      runId: expect.stringMatching(/^cli-\d{4}-\d\d-\d\dT/),
      updated: 4,
      unchanged: 8,
      skipped: 0,
      superseded: 0,
      failed: 0,
      failures: [],
    });

    const management = await contactsOf();
    expect(management).toEqual(MANAGEMENT_VALUES);
    for (const id of [org.inSync, org.securityDrifted, org.billingUnset, org.twoDrifted]) expect(await contactsOf(id)).toEqual(management);
    expect(await contactsOf(org.closed)).toEqual([undefined, undefined, undefined]);

    expect(await cli(['plan'])).toMatchObject({
      code: 0,
      stdout:
        'Every eligible account already matches the management account.\n\nPlan: 0 to update, 0 to delete, 12 unchanged, 0 skipped, 0 errors (12 account-kinds in 4 accounts).\n' +
        'Each periodic resync (daily by default): 12 GetAlternateContact calls, at least 0 s at the configured rates.\n',
    });
    expect((await cli(['drift', '--detailed-exitcode'])).code).toBe(0);

    const history = await cli(['history', '--run', result.runId, '--json']);
    expect(history.code).toBe(0);
    const { entries, more } = history.json<{
      entries: { runId: string; accountId: string; kind: Type; status: string; detail?: string; afterFingerprint: string }[];
      more: boolean;
    }>();
    expect(more).toBe(false);
    const updated = [
      change(org.securityDrifted, 'SECURITY'),
      change(org.billingUnset, 'BILLING'),
      change(org.twoDrifted, 'OPERATIONS'),
      change(org.twoDrifted, 'SECURITY'),
    ];
    const expected = [org.inSync, org.securityDrifted, org.billingUnset, org.twoDrifted].flatMap((accountId) =>
      TYPES.map((kind) => ({
        runId: result.runId,
        accountId,
        kind,
        status: updated.some((u) => u.accountId === accountId && u.kind === kind) ? 'UPDATED' : 'UNCHANGED',
      })),
    );
    expect(entries.map(({ runId, accountId, kind, status }) => ({ runId, accountId, kind, status })).sort(byAccountAndKind)).toEqual(
      expected.sort(byAccountAndKind),
    );
    // Every account now holds the management value: its HMAC under the key in the secret.
    const fingerprintOf = await motoFingerprints(moto.clientOptions, fingerprintSecret);
    expect(entries.map((e) => e.afterFingerprint)).toEqual(entries.map((e) => fingerprintOf(MANAGEMENT_VALUES[TYPES.indexOf(e.kind)])));
    expect(new Set(entries.map((e) => e.afterFingerprint)).size).toBe(3);

    const byAccount = await cli(['history', '--account', org.twoDrifted]);
    expect(byAccount.code).toBe(0);
    const rows = byAccount.stdout.trim().split('\n').slice(2);
    expect(rows.map((row) => row.split(/\s+/).slice(1)).sort((a, b) => String(a[2]).localeCompare(String(b[2])))).toEqual([
      [result.runId, org.twoDrifted, 'BILLING', 'UNCHANGED', MOTO_PRINCIPAL],
      [result.runId, org.twoDrifted, 'OPERATIONS', 'UPDATED', 'PUT', MOTO_PRINCIPAL],
      [result.runId, org.twoDrifted, 'SECURITY', 'UPDATED', 'PUT', MOTO_PRINCIPAL],
    ]);
  });

  it('rollback restores over the wire what a sync overwrote (kept sealed in the state table), and leaves a member changed since', async () => {
    const before = await Promise.all([org.securityDrifted, org.billingUnset, org.twoDrifted].map(contactsOf));
    const sync = await cli(['sync', '--yes', '--json']);
    expect(sync.code).toBe(0);
    const runId = sync.json<{ runId: string }>().runId;
    await putMotoAlternateContact(moto.clientOptions, BY_HAND, org.twoDrifted);

    const plan = await cli(['rollback', runId, '--json']);
    expect(plan.code).toBe(0);
    expect(plan.json()).toMatchObject({
      status: 'PLANNED',
      counts: { RESTORABLE: { BILLING: 1, SECURITY: 2 }, CHANGED_SINCE_RUN: { OPERATIONS: 1 } },
      changedSince: [{ accountId: org.twoDrifted, kind: 'OPERATIONS' }],
    });
    // What is kept in the table is sealed: no value in the clear.
    const doc = createDynamoDbClient(moto.clientOptions);
    const kept = await doc.send(
      new GetCommand({ TableName: tables.stateTable, Key: { pk: `RUN#${runId}`, sk: `PREV#${org.securityDrifted}#SECURITY` } }),
    );
    expect(kept.Item?.['kept']).toMatchObject({
      sealed: expect.stringMatching(/^v1\./),
      afterFingerprint: expect.stringMatching(/^hmac:/),
    });
    for (const value of PERSONAL) expect(JSON.stringify(kept.Item)).not.toContain(value);

    const applied = await cli(['rollback', runId, '--apply', '--yes', '--json']);
    expect(applied.code).toBe(0);
    expect(applied.json()).toMatchObject({ status: 'SUCCEEDED', report: { trigger: 'ROLLBACK', updated: 3, skipped: 1, failed: 0 } });
    const [securityDrifted, billingUnset, twoDrifted] = before as [RawAlternateContact[], RawAlternateContact[], RawAlternateContact[]];
    expect(await contactsOf(org.securityDrifted)).toEqual(securityDrifted);
    expect(await contactsOf(org.billingUnset)).toEqual(billingUnset);
    expect(await contactsOf(org.twoDrifted)).toEqual([twoDrifted[0], BY_HAND, twoDrifted[2]]);
  });

  it('plan --out saves the writes with the organization over the wire; sync --plan makes exactly those, and refuses once a member changed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'contact-sync-moto-plan-')), 'plan.json');
    const planned = await cli(['plan', '--out', file, '--kinds', 'SECURITY']);
    expect(planned.code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { organizationId: string; managementAccountId: string; writes: object[] };
    const fingerprintOf = await motoFingerprints(moto.clientOptions, fingerprintSecret);
    const security = fingerprintOf(MANAGEMENT_VALUES[2]);
    expect(saved).toMatchObject({ organizationId: expect.stringMatching(/^o-[a-z0-9]{10,32}$/), managementAccountId: '123456789012' });
    expect(saved.writes).toEqual(
      [
        {
          accountId: org.securityDrifted,
          kind: 'SECURITY',
          action: 'PUT',
          beforeFingerprint: fingerprintOf(DRIFTED),
          afterFingerprint: security,
        },
        { accountId: org.twoDrifted, kind: 'SECURITY', action: 'PUT', beforeFingerprint: 'absent', afterFingerprint: security },
      ].sort(byAccountAndKind),
    );

    const applied = await cli(['sync', '--plan', file, '--yes', '--json']);
    expect(applied.code).toBe(0);
    expect(applied.json()).toMatchObject({ status: 'SUCCEEDED', updated: 2, unchanged: 0, failed: 0 });
    expect(applied.stderr).toContain(
      `  Organization        ${saved.organizationId} (management account 123456789012)\n  As                  ${MOTO_PRINCIPAL}\n`,
    );
    // Only the plan's accounts and kind: the other drift (BILLING unset, OPERATIONS drifted) is still there.
    expect((await cli(['drift', '--json'])).json()).toMatchObject({ drifted: 2, byKind: { SECURITY: { count: 0 } } });

    await putMotoAlternateContact(moto.clientOptions, DRIFTED, org.inSync);
    const again = join(dirname(file), 'again.json');
    expect((await cli(['plan', '--out', again, '--kinds', 'SECURITY'])).code).toBe(0);
    await putMotoAlternateContact(moto.clientOptions, contact('SECURITY', 'Avery'), org.inSync);
    const stale = await cli(['sync', '--plan', again, '--yes']);
    expect(stale).toMatchObject({ code: 1, stdout: '' });
    expect(stale.stderr).toContain(
      `error: the saved plan is stale: 1 member account (1 account-kind) no longer matches the plan: ${org.inSync}.`,
    );
  });

  it('sync --topic-arn publishes the run report to the stack topic once', async () => {
    const stack = await createMotoStack(moto.clientOptions, {
      NotificationTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'contact-sync-test-notifications' } },
    });
    const topicArn = stack.refs['NotificationTopic'] as string;
    const queueUrl = await subscribeMotoQueue(moto.clientOptions, topicArn, 'operators');
    const sync = await cli(['sync', '--yes', '--json', '--topic-arn', topicArn]);
    expect(sync.code).toBe(0);
    const messages = (await drainMotoQueue(moto.clientOptions, queueUrl)).map(({ body }) => JSON.parse(body));
    expect(messages.map((m) => [m.MessageAttributes, JSON.parse(m.Message)])).toEqual([
      [
        {
          priority: { Type: 'String', Value: 'NORMAL' },
          status: { Type: 'String', Value: 'SUCCEEDED' },
          trigger: { Type: 'String', Value: 'RECONCILE' },
        },
        {
          type: 'contact-sync.run-finished',
          priority: 'NORMAL',
          runId: sync.json<{ runId: string }>().runId,
          trigger: 'RECONCILE',
          kinds: [...TYPES],
          targeted: 12,
          updated: 4,
          unchanged: 8,
          skipped: 0,
          superseded: 0,
          failed: 0,
          missing: 0,
          planned: 0,
          unconfirmedWrites: 0,
          failures: [],
          failuresNotListed: 0,
          dryRun: false,
          startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
          finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
          durationMs: expect.any(Number),
          status: 'SUCCEEDED',
        },
      ],
    ]);
  });

  it('replay-failed-events replays both queues over the wire: a Lambda destination record and an EventBridge dead letter', async () => {
    const queue = (QueueName: string) => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName } });
    const stack = await createMotoStack(moto.clientOptions, {
      FailedEventsQueue: queue('cli-failed-events'),
      EventsDeadLetterQueue: queue('cli-events-dlq'),
      WorkQueue: queue('cli-work'),
      NotificationTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'cli-notifications' } },
    });
    const [failed, eventsDlq, work, topicArn] = ['FailedEventsQueue', 'EventsDeadLetterQueue', 'WorkQueue', 'NotificationTopic'].map(
      (id) => stack.refs[id] as string,
    ) as [string, string, string, string];
    const sqs = createSqsClient(moto.clientOptions);
    // What Lambda sends to the on-failure destination, and what EventBridge sends to a rule's DLQ: the event itself.
    const record = { version: '1.0', requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 }, requestPayload: {} };
    const joined = (accountId: string) => newAccountEvent({ accountId, eventId: `joined-${accountId}` });
    await sqs.send(
      new SendMessageCommand({ QueueUrl: failed, MessageBody: JSON.stringify({ ...record, requestPayload: joined(org.billingUnset) }) }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: eventsDlq, MessageBody: JSON.stringify(joined(org.twoDrifted)) }));
    sqs.destroy();

    const replay = await cli([
      'replay-failed-events',
      '--yes',
      '--json',
      ...['--failed-events-queue-url', failed, '--events-dlq-url', eventsDlq, '--work-queue-url', work, '--topic-arn', topicArn],
    ]);
    expect({ code: replay.code, stderr: replay.stderr }).toEqual({
      code: 0,
      stderr: expect.stringContaining('About 2 failed events are waiting'),
    });
    const result = replay.json<{ runIds: string[] }>();
    expect(result).toEqual({
      status: 'DONE',
      received: 2,
      replayed: 2,
      dropped: 0,
      failed: 0,
      runIds: [expect.any(String), expect.any(String)],
    });
    // Each onboarding run went to the deployed workers, with its own account; both queues are empty.
    const items = (await drainMotoQueue(moto.clientOptions, work)).map(
      ({ body }) => JSON.parse(body) as { runId: string; accountIds: string[] },
    );
    expect(items.map((i) => [i.runId, i.accountIds]).sort()).toEqual(
      [
        [result.runIds[0], [org.billingUnset]],
        [result.runIds[1], [org.twoDrifted]],
      ].sort(),
    );
    expect([await drainMotoQueue(moto.clientOptions, failed), await drainMotoQueue(moto.clientOptions, eventsDlq)]).toEqual([[], []]);
  });

  it('explains a state table that does not exist in one line, exit 1', async () => {
    const io = new TestIo([], { ...moto.environment });
    expect(await runCli(['plan', '--backend', 'aws', '--state-table', 'no-such-table', '--audit-table', tables.auditTable], io)).toBe(1);
    expect(io.stderr).toBe('error: a table was not found: check --state-table / --audit-table and --region (see the stack outputs)\n');
  });
});
