import { ContactOperation } from '../config/rate-settings';
import { ValidationError } from '../shared/validation-error';
import { classifyAwsErrorName } from './classify-error';
import { ContactApiError } from './contact-api-error';

/** The shape AWS service errors share (SDK v3 and the simulated services alike), read without the SDK. */
interface AwsShapedError {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly requestId?: unknown };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** True for the API's "this contact is not set" (ResourceNotFoundException). */
export const isResourceNotFound = (error: unknown): boolean =>
  text((error as AwsShapedError | undefined)?.name) === 'ResourceNotFoundException';

/**
 * The {@link ContactApiError} for any failure of a contacts API call: the AWS error name (or a
 * network error's code) mapped to the domain's code, and the request id kept. A value the API
 * returned that breaks the API's own rules (a {@link ValidationError}) is INVALID: reported, not trusted.
 */
export function contactApiErrorOf(error: unknown, operation: ContactOperation): ContactApiError {
  if (error instanceof ContactApiError) return error;
  if (error instanceof ValidationError) return new ContactApiError('INVALID', operation, undefined, { cause: error });
  const shaped = error as AwsShapedError | undefined;
  const byName = classifyAwsErrorName(text(shaped?.name));
  const code = byName === 'UNKNOWN' ? classifyAwsErrorName(text(shaped?.code)) : byName;
  return new ContactApiError(code, operation, text(shaped?.$metadata?.requestId), { cause: error });
}
