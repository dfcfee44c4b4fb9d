import { ValidationError } from '../shared/validation-error';

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
