import { AuditEntry } from '../sync/audit-entry';
import { AuditQuery } from '../sync/audit-query-rules';

/** A page of audit entries and where the next page starts. */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor?: string;
}

/** The audit trail. Entries expire 90 days after they are written. */
export interface AuditLogPort {
  /** Appends entries; an entry with an id already stored is not stored twice. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** One page of entries matching `query`, newest first. */
  query(query: AuditQuery): Promise<AuditPage>;
}
