import { awsErrorName } from './aws-adapter-error';

/**
 * What an AWS failure means for the caller: `THROTTLED` and `TRANSIENT` (a server fault, a timeout,
 * a dropped connection) are worth another attempt; `ACCESS_DENIED` and `REFUSED` (any other fault of
 * the request) are not, since the same request gets the same answer.
 */
export type AwsFailureKind = 'THROTTLED' | 'TRANSIENT' | 'ACCESS_DENIED' | 'REFUSED';

// The error names of the services these adapters call (SQS, SNS, DynamoDB, Secrets Manager, Organizations).
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'KmsThrottled',
  'KMSThrottlingException',
]);
const TRANSIENT = new Set([
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'InternalServiceError',
  'InternalServiceErrorException',
  'InternalErrorException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'NetworkingError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'KmsAccessDenied',
  'KMSAccessDeniedException',
  'AuthorizationErrorException',
]);

interface SdkShaped {
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: { readonly throttling?: unknown };
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/**
 * The one place where the AWS adapters read an AWS error: by its name (or a Node network error's
 * code), then by what the SDK says of it (`$retryable.throttling`, `$fault`, the HTTP status).
 * Anything unrecognised is `REFUSED`: retrying what is not known to be transient only delays the failure.
 */
export function awsFailureKind(error: unknown): AwsFailureKind {
  const shaped = (typeof error === 'object' && error !== null ? error : {}) as SdkShaped;
  for (const name of [awsErrorName(error), typeof shaped.code === 'string' ? shaped.code : undefined]) {
    if (name === undefined) continue;
    if (THROTTLING.has(name)) return 'THROTTLED';
    if (ACCESS_DENIED.has(name)) return 'ACCESS_DENIED';
    if (TRANSIENT.has(name)) return 'TRANSIENT';
  }
  const status = shaped.$metadata?.httpStatusCode;
  if (shaped.$retryable?.throttling === true || status === 429) return 'THROTTLED';
  if (status === 403) return 'ACCESS_DENIED';
  if (shaped.$fault === 'server' || (typeof status === 'number' && status >= 500)) return 'TRANSIENT';
  return 'REFUSED';
}

/** True for the failures worth another attempt: throttling and transient faults. */
export const isRetryableAwsFailure = (error: unknown): boolean => {
  const kind = awsFailureKind(error);
  return kind === 'THROTTLED' || kind === 'TRANSIENT';
};
