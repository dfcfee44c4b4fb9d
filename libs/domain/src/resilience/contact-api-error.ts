import { ContactOperation } from '../contacts/contact-operation';
import { DomainError } from '../shared/domain-error';
import { ServiceErrorCode } from '../shared/service-error-code';

/**
 * Thrown by contacts adapters. Carries the operation and the service's request id for the audit,
 * never the request's contact values.
 */
export class ContactApiError extends DomainError<ServiceErrorCode> {
  override readonly name = 'ContactApiError';

  constructor(
    code: ServiceErrorCode,
    readonly operation: ContactOperation,
    readonly requestId?: string,
    options?: { cause?: unknown },
  ) {
    super(code, `${operation} failed: ${code}${requestId ? ` (request ${requestId})` : ''}`, options);
  }
}

/** The domain code of any thrown value: a {@link ContactApiError}'s own, otherwise UNKNOWN. */
export const errorCodeOf = (error: unknown): ServiceErrorCode => (error instanceof ContactApiError ? error.code : 'UNKNOWN');
