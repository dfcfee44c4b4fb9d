import { DynamoDBDocumentClient, PutCommand, QueryCommand, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  AUDIT_RETENTION_DAYS,
  auditFilters,
  auditLimit,
  auditSince,
  AuditEntry,
  AuditLogPort,
  AuditPage,
  AuditQuery,
  ClockPort,
} from '@contact-sync/domain';
import { isConditionFailed } from '../aws-error-translation';
import { AuditCursor, decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { storageCall } from './storage-call';

const DAY_MS = 86_400_000;
const APPEND_CONCURRENCY = 25;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayBefore = (day: string): string => dayOf(Date.parse(`${day}T00:00:00.000Z`) - DAY_MS);

/** One query of an index: its partition key condition, the filter and their values. */
interface IndexQuery {
  readonly indexName: 'byRun' | 'byAccount' | 'byDay';
  readonly keyCondition: string;
  readonly values: Record<string, string>;
  readonly filter: string[];
  readonly names?: Record<string, string>;
}

/**
 * The status and kind filters as a filter expression: `#status IN (:status0, …)`, with the
 * attributes' names bound (`status` is a DynamoDB reserved word).
 */
function statusAndKindFilter(query: AuditQuery): { filter: string[]; values: Record<string, string>; names: Record<string, string> } {
  const { statuses, kinds } = auditFilters(query);
  const filter: string[] = [];
  const values: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const [attribute, set] of [
    ['status', statuses],
    ['kind', kinds],
  ] as const) {
    if (set === undefined) continue;
    const placeholders = [...set].map((value, i) => {
      values[`:${attribute}${i}`] = value;
      return `:${attribute}${i}`;
    });
    names[`#${attribute}`] = attribute;
    filter.push(`#${attribute} IN (${placeholders.join(', ')})`);
  }
  return { filter, values, names };
}

/**
 * The audit trail in its own table, one item per entry keyed by `entryId` (a conditional put keeps
 * the first). Three indexes sort by `sortKey` = `<at>#<entryId>`, newest first: `byRun`
 * (a run's entries), `byAccount` (an account's history) and `byDay` (everything, one UTC day per
 * partition, walked backwards). Items carry `expiresAt` for TTL; since TTL deletes lazily, expired
 * items are filtered out on read.
 */
export class DynamoDbAuditLog implements AuditLogPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: ClockPort,
  ) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += APPEND_CONCURRENCY) {
      await Promise.all(entries.slice(i, i + APPEND_CONCURRENCY).map((entry) => this.put(entry)));
    }
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const since = auditSince(query.since);
    const limit = auditLimit(query.limit);
    const cursor = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
    const nowMs = this.clock.now();
    const narrowed = statusAndKindFilter(query);
    const filter = ['expiresAt > :now', ...narrowed.filter];
    const values: Record<string, string> = { ...narrowed.values };
    const names = narrowed.names;
    if (query.runId !== undefined && query.accountId !== undefined) {
      filter.push('accountId = :account');
      values[':account'] = query.accountId;
    }
    if (query.runId !== undefined || query.accountId !== undefined) {
      const byRun = query.runId !== undefined;
      const index: IndexQuery = byRun
        ? { indexName: 'byRun', keyCondition: 'runId = :id', values: { ...values, ':id': query.runId as string }, filter, names }
        : {
            indexName: 'byAccount',
            keyCondition: 'accountId = :id',
            values: { ...values, ':id': query.accountId as string },
            filter,
            names,
          };
      const { entries, lastKey } = await this.collect(index, since, nowMs, limit, cursor?.key);
      return lastKey ? { entries, nextCursor: encodeAuditCursor({ key: lastKey }) } : { entries };
    }
    return this.queryByDay({ filter, values, names }, since, nowMs, limit, cursor);
  }

  /** Walks the `byDay` index from tomorrow (clock skew) back to `since` or the retention horizon. */
  private async queryByDay(
    narrowed: Pick<IndexQuery, 'filter' | 'values' | 'names'>,
    since: string | undefined,
    nowMs: number,
    limit: number,
    cursor: AuditCursor | undefined,
  ): Promise<AuditPage> {
    const horizon = dayOf(nowMs - AUDIT_RETENTION_DAYS * DAY_MS);
    const floor = since !== undefined && since.slice(0, 10) > horizon ? since.slice(0, 10) : horizon;
    let day = cursor?.day ?? dayOf(nowMs + DAY_MS);
    let startKey = cursor?.key;
    const entries: AuditEntry[] = [];
    while (day >= floor) {
      const index: IndexQuery = {
        indexName: 'byDay',
        keyCondition: '#day = :id',
        values: { ...narrowed.values, ':id': day },
        filter: narrowed.filter,
        names: { ...narrowed.names, '#day': 'day' },
      };
      const page = await this.collect(index, since, nowMs, limit - entries.length, startKey);
      entries.push(...page.entries);
      if (page.lastKey) return { entries, nextCursor: encodeAuditCursor({ day, key: page.lastKey }) };
      day = dayBefore(day);
      startKey = undefined;
      if (entries.length === limit) return day >= floor ? { entries, nextCursor: encodeAuditCursor({ day }) } : { entries };
    }
    return { entries };
  }

  /** Reads one index partition until `limit` entries pass the filter or the partition ends. */
  private async collect(
    index: IndexQuery,
    since: string | undefined,
    nowMs: number,
    limit: number,
    startKey: Record<string, string> | undefined,
  ) {
    const entries: AuditEntry[] = [];
    let lastKey = startKey;
    do {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: since === undefined ? index.keyCondition : `${index.keyCondition} AND sortKey >= :since`,
        FilterExpression: index.filter.join(' AND '),
        ExpressionAttributeValues: {
          ...index.values,
          ':now': Math.floor(nowMs / 1000),
          ...(since === undefined ? {} : { ':since': since }),
        },
        ...(index.names && Object.keys(index.names).length > 0 ? { ExpressionAttributeNames: index.names } : {}),
        ScanIndexForward: false,
        Limit: limit - entries.length,
        ExclusiveStartKey: lastKey,
      };
      const response = await storageCall('Query', () => this.doc.send(new QueryCommand(input)));
      for (const item of response.Items ?? []) entries.push(toEntry(item));
      lastKey = response.LastEvaluatedKey as Record<string, string> | undefined;
    } while (lastKey && entries.length < limit);
    return { entries, lastKey };
  }

  private async put(entry: AuditEntry): Promise<void> {
    try {
      await storageCall('PutItem', () =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...entry, day: entry.at.slice(0, 10), sortKey: `${entry.at}#${entry.entryId}` },
            ConditionExpression: 'attribute_not_exists(entryId)',
          }),
        ),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const { day: _day, sortKey: _sortKey, ...entry } = item;
  return entry as unknown as AuditEntry;
}
