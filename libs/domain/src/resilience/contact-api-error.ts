import { ContactOperation } from '../config/rate-settings';
import { DomainError } from '../shared/domain-error';

/** What went wrong with a call to the contacts API, in the domain's words. */
export const CONTACT_API_ERROR_CODES = [
  'THROTTLED',
  'TRANSIENT',
  'ACCESS_DENIED',
  'INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'CIRCUIT_OPEN',
  'UNKNOWN',
] as const;
export type ContactApiErrorCode = (typeof CONTACT_API_ERROR_CODES)[number];

/**
 * Thrown by contacts adapters. Carries the operation and the service's request id for the audit,
 * never the request's contact values.
 */
export class ContactApiError extends DomainError<ContactApiErrorCode> {
  override readonly name = 'ContactApiError';

  constructor(
    code: ContactApiErrorCode,
    readonly operation: ContactOperation,
    readonly requestId?: string,
    options?: { cause?: unknown },
  ) {
    super(code, `${operation} failed: ${code}${requestId ? ` (request ${requestId})` : ''}`, options);
  }
}
