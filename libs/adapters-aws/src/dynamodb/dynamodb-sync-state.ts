import { DynamoDBDocumentClient, GetCommand, paginateQuery, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AccountId, AccountOutcome, auditExpiresAt, ClockPort, ContactKind, RunReport, SleeperPort, SyncRun, SyncStatePort, ValidationError } from '@contact-sync/domain';
import { isConditionFailed } from '../aws-adapter-error';
import { batchPut } from './batch-put';
import { storageCall } from './storage-call';

/** A stored report keeps at most this many failures, so that a run item stays far below DynamoDB's 400 KB. */
export const STORED_FAILURES_LIMIT = 1000;

const runKey = (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' });
type StoredRun = Omit<SyncRun, 'completedItems' | 'status' | 'report'>;

/**
 * Runs, per-account outcomes, claimed events and watermarks in the state table (design in the README):
 * - `EVENT#<eventId>` / `EVENT`: a claimed change event (conditional put: one claim per event).
 * - `WATERMARK#<kind>` / `WATERMARK`: the newest applied change time of a kind (conditional update).
 * - `RUN#<runId>` / `RUN`: the run, the string set `done` of completed item ids, `finisher`, `report`.
 * - `RUN#<runId>` / `OUTCOME#<accountId>#<kind>`: an outcome; index `byAccount` on
 *   `ACCOUNT#<accountId>` / `<at>#<runId>#<kind>` serves an account's history, newest first.
 * Every item but the configuration expires with the audit retention.
 */
export class DynamoDbSyncState implements SyncStatePort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: ClockPort,
    private readonly sleeper: SleeperPort,
  ) {}

  async claimEvent(eventId: string, runId: string): Promise<boolean> {
    return this.unlessConditionFails('PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `EVENT#${eventId}`, sk: 'EVENT', runId, expiresAt: auditExpiresAt(this.clock.now()) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async advanceWatermark(kind: ContactKind, eventTime: string): Promise<boolean> {
    const ms = Date.parse(eventTime);
    if (Number.isNaN(ms)) throw new ValidationError('watermark', [{ field: 'eventTime', rule: 'must be an ISO-8601 date-time' }]);
    return this.unlessConditionFails('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `WATERMARK#${kind}`, sk: 'WATERMARK' },
          UpdateExpression: 'SET eventTimeMs = :ms, eventTime = :iso',
          ConditionExpression: 'attribute_not_exists(eventTimeMs) OR eventTimeMs <= :ms',
          ExpressionAttributeValues: { ':ms': ms, ':iso': new Date(ms).toISOString() },
        }),
      ),
    );
  }

  /** Creating a run that exists already (a replayed start) leaves it as it is. */
  async createRun(run: SyncRun): Promise<void> {
    const { completedItems: _completed, status, report: _report, ...stored } = run;
    await this.unlessConditionFails('PutItem', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...runKey(run.runId), run: stored, status, expiresAt: auditExpiresAt(Date.parse(run.startedAt)) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async getRun(runId: string): Promise<SyncRun | undefined> {
    const response = await storageCall('GetItem', () => this.doc.send(new GetCommand({ TableName: this.tableName, Key: runKey(runId), ConsistentRead: true })));
    const item = response.Item;
    if (!item) return undefined;
    const done = item['done'] as Set<string> | undefined;
    const report = item['report'] as RunReport | undefined;
    return { ...(item['run'] as StoredRun), completedItems: done?.size ?? 0, status: item['status'] as SyncRun['status'], ...(report ? { report } : {}) };
  }

  async recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void> {
    // One request may not put the same key twice: the latest outcome of an account and kind wins.
    const latest = new Map(outcomes.map((o) => [`${o.runId}#${o.accountId}#${o.kind}`, o]));
    const items = [...latest.values()].map((outcome) => ({
      pk: `RUN#${outcome.runId}`,
      sk: `OUTCOME#${outcome.accountId}#${outcome.kind}`,
      gsi1pk: `ACCOUNT#${outcome.accountId}`,
      gsi1sk: `${outcome.at}#${outcome.runId}#${outcome.kind}`,
      outcome,
      expiresAt: auditExpiresAt(Date.parse(outcome.at)),
    }));
    await batchPut(this.doc, this.tableName, items, this.sleeper);
  }

  /**
   * Adds the item id to the run's `done` set (idempotent, atomic), then, when the set is complete,
   * claims `finisher` with a conditional write: of all callers that see the set complete, one wins.
   */
  async completeItem(runId: string, itemId: string): Promise<boolean> {
    let item: Record<string, unknown> | undefined;
    try {
      const response = await storageCall('UpdateItem', () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: runKey(runId),
            UpdateExpression: 'ADD done :item',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':item': new Set([itemId]) },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      item = response.Attributes;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
    const done = (item?.['done'] as Set<string> | undefined)?.size ?? 0;
    const totalItems = (item?.['run'] as StoredRun | undefined)?.totalItems ?? Number.POSITIVE_INFINITY;
    if (done < totalItems || item?.['finisher'] !== undefined) return false;
    return this.unlessConditionFails('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(runId),
          UpdateExpression: 'SET finisher = :item',
          ConditionExpression: 'attribute_not_exists(finisher)',
          ExpressionAttributeValues: { ':item': itemId },
        }),
      ),
    );
  }

  async listOutcomes(runId: string): Promise<AccountOutcome[]> {
    const outcomes: AccountOutcome[] = [];
    const pages = paginateQuery(
      { client: this.doc, pageSize: 500 },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `RUN#${runId}`, ':prefix': 'OUTCOME#' },
        ConsistentRead: true,
      },
    );
    await storageCall('Query', async () => {
      for await (const page of pages) for (const item of page.Items ?? []) outcomes.push(item['outcome'] as AccountOutcome);
    });
    return outcomes;
  }

  async finishRun(runId: string, report: RunReport): Promise<void> {
    const stored = report.failures.length > STORED_FAILURES_LIMIT ? { ...report, failures: report.failures.slice(0, STORED_FAILURES_LIMIT) } : report;
    await storageCall('UpdateItem', () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(runId),
          UpdateExpression: 'SET #status = :finished, report = :report',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':finished': 'FINISHED', ':report': stored },
        }),
      ),
    ).catch((error: unknown) => {
      if (!isConditionFailed(error)) throw error;
    });
  }

  async outcomesForAccount(accountId: AccountId, limit: number): Promise<AccountOutcome[]> {
    const response = await storageCall('Query', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byAccount',
          KeyConditionExpression: 'gsi1pk = :account',
          ExpressionAttributeValues: { ':account': `ACCOUNT#${accountId}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return (response.Items ?? []).map((item) => item['outcome'] as AccountOutcome);
  }

  /** Runs a conditional write: true when it was applied, false when its condition did not hold. */
  private async unlessConditionFails(operation: string, write: () => Promise<unknown>): Promise<boolean> {
    try {
      await storageCall(operation, write);
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}
