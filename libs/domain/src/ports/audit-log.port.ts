import { AccountId } from '../accounts/account-id';
import { AuditEntry } from '../sync/audit-entry';

/** A page of audit entries and where the next page starts. */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor?: string;
}

/** What to look up: by account, by run, or by time; newest first. */
export interface AuditQuery {
  readonly accountId?: AccountId;
  readonly runId?: string;
  /** ISO-8601; entries at or after this time. */
  readonly since?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/** The audit trail. Entries expire 90 days after they are written. */
export interface AuditLogPort {
  /** Appends entries; an entry with an id already stored is not stored twice. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** One page of entries matching `query`, newest first. */
  query(query: AuditQuery): Promise<AuditPage>;
}
