import { ContactOperation } from '../contacts/contact-operation';
import { ServiceFailure } from '../shared/service-error-code';
import { ValidationError } from '../shared/validation-error';
import { ContactApiError } from './contact-api-error';

/**
 * The {@link ContactApiError} for any failure of a contacts API call. A {@link ContactApiError} passes
 * as it is; a value the API returned that breaks the API's own rules (a {@link ValidationError}) is
 * INVALID: reported, not trusted; anything else is what the adapter's `translate` makes of its
 * service's error (the domain knows no service's error names).
 */
export function contactApiErrorOf(
  error: unknown,
  operation: ContactOperation,
  translate: (error: unknown) => ServiceFailure,
): ContactApiError {
  if (error instanceof ContactApiError) return error;
  if (error instanceof ValidationError) return new ContactApiError('INVALID', operation, undefined, { cause: error });
  const { code, requestId } = translate(error);
  return new ContactApiError(code, operation, requestId, { cause: error });
}
