import {
  AwsClientOptions,
  createDynamoDbClient,
  DynamoDbAuditLog,
  DynamoDbSyncState,
  SystemClock,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import {
  drainMotoQueue,
  FingerprintOf,
  getMotoAlternateContact,
  motoFingerprints,
  RawAlternateContact,
} from '@contact-sync/adapters-aws/testing';
import { AuditEntry, RunReport, RunUpdate, SyncRun } from '@contact-sync/domain';
import { Alternate, E2eContext } from './e2e-fixture';

/** A notification as an SQS subscriber of the topic reads it: its priority attribute and the report it carries. */
export interface ReceivedNotification {
  readonly priority: string;
  readonly report: RunReport & { readonly type: string };
}

/** What a run left behind: the run in the state table, its audit entries, and the notifications received since the last read. */
export interface RunRecord {
  readonly run?: SyncRun;
  readonly audit: readonly AuditEntry[];
  readonly notifications: readonly ReceivedNotification[];
}

/** Reads what `runId` left in the state table, the audit table (every page) and the subscriber's queue. */
export async function readRunRecord(e2e: E2eContext, runId: string): Promise<RunRecord> {
  const doc = e2e.moto.client(createDynamoDbClient);
  const clock = new SystemClock();
  const run = await new DynamoDbSyncState(doc, e2e.tables.stateTable, clock, new TimerSleeper()).getRun(runId);
  const audit: AuditEntry[] = [];
  const log = new DynamoDbAuditLog(doc, e2e.tables.auditTable, clock);
  let cursor: string | undefined;
  do {
    const page = await log.query({ runId, limit: 100, ...(cursor ? { cursor } : {}) });
    audit.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return { run, audit, notifications: await readNotifications(e2e.moto.clientOptions, e2e.subscriber) };
}

/** Changes a stored run as the service's own state port does (for a test to stand for time gone by). */
export async function updateStoredRun(e2e: E2eContext, runId: string, update: RunUpdate): Promise<void> {
  await new DynamoDbSyncState(
    e2e.moto.client(createDynamoDbClient),
    e2e.tables.stateTable,
    new SystemClock(),
    new TimerSleeper(),
  ).updateRun(runId, update);
}

/** The notifications waiting in a subscriber's queue, read and removed. */
export async function readNotifications(options: AwsClientOptions, subscriberQueueUrl: string): Promise<ReceivedNotification[]> {
  return (await drainMotoQueue(options, subscriberQueueUrl)).map(({ body }) => {
    const envelope = JSON.parse(body) as { Message: string; MessageAttributes: Record<string, { Value: string }> };
    return { priority: envelope.MessageAttributes['priority']?.Value as string, report: JSON.parse(envelope.Message) };
  });
}

/** Each account's contact of `type` in moto (undefined when unset), in the order given. */
export const contactsIn = (e2e: E2eContext, accountIds: readonly string[], type: Alternate): Promise<(RawAlternateContact | undefined)[]> =>
  Promise.all(accountIds.map((id) => getMotoAlternateContact(e2e.moto.clientOptions, type, id)));

/** How the audit must fingerprint a contact: HMAC under the key in the stack's FingerprintSecret, the key the worker must have read at its start. */
export const stackFingerprints = (e2e: E2eContext): Promise<FingerprintOf> =>
  motoFingerprints(e2e.moto.clientOptions, e2e.stack.packaged.stack.refs['FingerprintSecret'] as string);

/** Every log line of the functions and every notification: none may hold a contact value. */
export function expectNoPersonalData(e2e: E2eContext, record: RunRecord, personal: readonly string[]): void {
  const written = `${e2e.stack.logs().join('\n')}\n${JSON.stringify(record.notifications)}`;
  for (const value of personal) expect(written).not.toContain(value);
}
