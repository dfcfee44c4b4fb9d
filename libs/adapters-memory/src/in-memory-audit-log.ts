import { AuditEntry, AuditLogPort, AuditPage, AuditQuery, ClockPort } from '@contact-sync/domain';

/** The audit trail in memory; an entry past its expiry is gone, as DynamoDB's TTL would make it. */
export class InMemoryAuditLog implements AuditLogPort {
  private readonly entries = new Map<string, AuditEntry>();

  constructor(private readonly clock: ClockPort) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    for (const entry of entries) if (!this.entries.has(entry.entryId)) this.entries.set(entry.entryId, entry);
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const nowSeconds = this.clock.now() / 1000;
    const matching = [...this.entries.values()]
      .filter((e) => e.expiresAt > nowSeconds)
      .filter((e) => (query.accountId === undefined || e.accountId === query.accountId) && (query.runId === undefined || e.runId === query.runId))
      .filter((e) => query.since === undefined || e.at >= new Date(query.since).toISOString())
      .sort((a, b) => b.at.localeCompare(a.at) || a.entryId.localeCompare(b.entryId));
    const start = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 100;
    const page = matching.slice(start, start + limit);
    return start + limit < matching.length ? { entries: page, nextCursor: String(start + limit) } : { entries: page };
  }

  /** Every stored entry, expired or not. */
  all(): AuditEntry[] {
    return [...this.entries.values()];
  }
}
