import { AccountId } from '../accounts/account-id';
import { CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { ValidationError } from '../shared/validation-error';
import { OUTCOME_STATUSES, OutcomeStatus } from './account-outcome';

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

/** The largest page an audit query returns. */
export const MAX_AUDIT_PAGE = 1000;

/**
 * The `since` of an audit query as a canonical ISO-8601 instant, or undefined when absent.
 * Throws a {@link ValidationError} naming `since` when it is not a date.
 */
export function auditSince(since: string | undefined): string | undefined {
  if (since === undefined) return undefined;
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new ValidationError('audit query', [{ field: 'since', rule: 'must be an ISO-8601 date or date-time' }]);
  return new Date(ms).toISOString();
}

/** The page size of an audit query: 100 by default, at most {@link MAX_AUDIT_PAGE}. */
export function auditLimit(limit: number | undefined): number {
  if (limit === undefined) return 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw new ValidationError('audit query', [{ field: 'limit', rule: `must be a whole number from 1 to ${MAX_AUDIT_PAGE}` }]);
  }
  return limit;
}

/** The error for a cursor that was not issued by the log it is given to. */
export const invalidCursor = (): ValidationError =>
  new ValidationError('audit query', [{ field: 'cursor', rule: 'must be a nextCursor returned by an earlier page of the same query' }]);

/**
 * The status and kind filters of an audit query, checked: undefined for "all", else the values.
 * Throws a {@link ValidationError} naming `statuses` or `kinds` for a value that is not one, or an
 * empty list (which would match nothing, and is never what was meant).
 */
export function auditFilters(query: Pick<AuditQuery, 'statuses' | 'kinds'>): {
  readonly statuses?: ReadonlySet<OutcomeStatus>;
  readonly kinds?: ReadonlySet<ContactKind>;
} {
  const check = <T extends string>(field: string, values: readonly T[] | undefined, known: readonly T[]): ReadonlySet<T> | undefined => {
    if (values === undefined) return undefined;
    if (values.length === 0 || values.some((v) => !known.includes(v)))
      throw new ValidationError('audit query', [{ field, rule: `must list one or more of ${known.join(', ')}` }]);
    return new Set(values);
  };
  const statuses = check('statuses', query.statuses, OUTCOME_STATUSES);
  const kinds = check('kinds', query.kinds, CONTACT_KINDS);
  return { ...(statuses ? { statuses } : {}), ...(kinds ? { kinds } : {}) };
}
