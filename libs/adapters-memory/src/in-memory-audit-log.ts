import {
  auditFilters,
  auditLimit,
  auditSince,
  AuditEntry,
  AuditLogPort,
  AuditPage,
  AuditQuery,
  ClockPort,
  invalidCursor,
} from '@contact-sync/domain';

const sortKey = (e: AuditEntry): string => `${e.at}#${e.entryId}`;
/** Newest first, in the order of code units (DynamoDB compares sort keys byte by byte), never the locale's. */
const newestFirst = (a: AuditEntry, b: AuditEntry): number => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0);

/** A cursor names the sort key of the last entry returned: the next page starts after it, whatever was appended since. */
const encodeCursor = (lastSortKey: string): string => Buffer.from(JSON.stringify({ after: lastSortKey }), 'utf8').toString('base64url');

function decodeCursor(token: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const after = (parsed as { after?: unknown } | null)?.after;
    if (typeof after === 'string' && after.includes('#')) return after;
  } catch {
    // Not a token of this log: reported below.
  }
  throw invalidCursor();
}

/** The audit trail in memory; an entry past its expiry is gone, as DynamoDB's TTL would make it. */
export class InMemoryAuditLog implements AuditLogPort {
  private readonly entries = new Map<string, AuditEntry>();

  constructor(private readonly clock: ClockPort) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    for (const entry of entries) if (!this.entries.has(entry.entryId)) this.entries.set(entry.entryId, entry);
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const since = auditSince(query.since);
    const limit = auditLimit(query.limit);
    const { statuses, kinds } = auditFilters(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const nowSeconds = this.clock.now() / 1000;
    const matching = [...this.entries.values()]
      .filter((e) => e.expiresAt > nowSeconds)
      .filter(
        (e) => (query.accountId === undefined || e.accountId === query.accountId) && (query.runId === undefined || e.runId === query.runId),
      )
      .filter((e) => (statuses === undefined || statuses.has(e.status)) && (kinds === undefined || kinds.has(e.kind)))
      .filter((e) => (since === undefined || e.at >= since) && (after === undefined || sortKey(e) < after))
      .sort(newestFirst);
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    return matching.length > limit && last ? { entries: page, nextCursor: encodeCursor(sortKey(last)) } : { entries: page };
  }

  /** Every stored entry, expired or not. */
  all(): AuditEntry[] {
    return [...this.entries.values()];
  }
}
