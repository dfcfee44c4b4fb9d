import { ContactApiError, ContactApiErrorCode } from './contact-api-error';

const BY_NAME: Readonly<Record<string, ContactApiErrorCode>> = {
  TooManyRequestsException: 'THROTTLED',
  ThrottlingException: 'THROTTLED',
  Throttling: 'THROTTLED',
  RequestLimitExceeded: 'THROTTLED',
  InternalServerException: 'TRANSIENT',
  InternalFailure: 'TRANSIENT',
  ServiceUnavailable: 'TRANSIENT',
  ServiceUnavailableException: 'TRANSIENT',
  RequestTimeout: 'TRANSIENT',
  RequestTimeoutException: 'TRANSIENT',
  TimeoutError: 'TRANSIENT',
  NetworkingError: 'TRANSIENT',
  ECONNRESET: 'TRANSIENT',
  ECONNREFUSED: 'TRANSIENT',
  ETIMEDOUT: 'TRANSIENT',
  EPIPE: 'TRANSIENT',
  EAI_AGAIN: 'TRANSIENT',
  AccessDeniedException: 'ACCESS_DENIED',
  AccessDenied: 'ACCESS_DENIED',
  ValidationException: 'INVALID',
  ResourceNotFoundException: 'NOT_FOUND',
  ConflictException: 'CONFLICT',
};

/** Maps an AWS error name or a Node network error code to the domain's error code. */
export const classifyAwsErrorName = (name: string | undefined): ContactApiErrorCode => (name !== undefined && BY_NAME[name]) || 'UNKNOWN';

/** Throttling and transient faults are worth another attempt; refusals and bad requests are not. */
export const isRetryable = (code: ContactApiErrorCode): boolean => code === 'THROTTLED' || code === 'TRANSIENT' || code === 'CONFLICT';

/** The domain code of any thrown value: a {@link ContactApiError}'s own, otherwise UNKNOWN. */
export const errorCodeOf = (error: unknown): ContactApiErrorCode => (error instanceof ContactApiError ? error.code : 'UNKNOWN');
