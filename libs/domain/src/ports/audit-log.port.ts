import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { OutcomeStatus } from '../sync/account-outcome';
import { AuditEntry } from '../sync/audit-entry';

/** A page of audit entries and where the next page starts. */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextCursor?: string;
}

/** What to look up: by account, by run, or by time, narrowed by status and kind; newest first. */
export interface AuditQuery {
  readonly accountId?: AccountId;
  readonly runId?: string;
  /** ISO-8601; entries at or after this time. */
  readonly since?: string;
  /** Only entries with one of these statuses (all when absent). */
  readonly statuses?: readonly OutcomeStatus[];
  /** Only entries of one of these kinds (all when absent). */
  readonly kinds?: readonly ContactKind[];
  readonly limit?: number;
  /**
   * The `nextCursor` of the previous page of the same query. A page follows on from the last entry
   * the previous one returned, so that paging returns every matching entry exactly once, even while
   * newer entries are appended.
   */
  readonly cursor?: string;
}

/** The audit trail. Entries expire 90 days after they are written. */
export interface AuditLogPort {
  /** Appends entries; an entry with an id already stored is not stored twice. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** One page of entries matching `query`, newest first. */
  query(query: AuditQuery): Promise<AuditPage>;
}
