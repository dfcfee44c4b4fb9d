import { auditLimit, auditSince, AuditEntry, AuditLogPort, AuditPage, AuditQuery, ClockPort, invalidCursor } from '@contact-sync/domain';

const sortKey = (e: AuditEntry): string => `${e.at}#${e.entryId}`;

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
    if (query.cursor !== undefined && !/^[1-9][0-9]*$/.test(query.cursor)) throw invalidCursor();
    const nowSeconds = this.clock.now() / 1000;
    const matching = [...this.entries.values()]
      .filter((e) => e.expiresAt > nowSeconds)
      .filter(
        (e) => (query.accountId === undefined || e.accountId === query.accountId) && (query.runId === undefined || e.runId === query.runId),
      )
      .filter((e) => since === undefined || e.at >= since)
      .sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    const start = query.cursor === undefined ? 0 : Number(query.cursor);
    const page = matching.slice(start, start + limit);
    return start + limit < matching.length ? { entries: page, nextCursor: String(start + limit) } : { entries: page };
  }

  /** Every stored entry, expired or not. */
  all(): AuditEntry[] {
    return [...this.entries.values()];
  }
}
