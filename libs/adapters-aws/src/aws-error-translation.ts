import { ServiceErrorCode, ServiceFailure } from '@contact-sync/domain';

/** An AWS failure in the domain's words, with the name a message may quote. */
export interface TranslatedAwsError extends ServiceFailure {
  /** The AWS error name (`TooManyRequestsException`), a Node network error's code (`ECONNRESET`), or `Error`: never request contents. */
  readonly name: string;
}

// The error names of the services these adapters call (Account Management, Organizations, DynamoDB, SQS, SNS,
// Secrets Manager) and Node's network error codes, by the domain code each means.
const NAMES_BY_CODE: Readonly<Record<Exclude<ServiceErrorCode, 'CIRCUIT_OPEN' | 'UNKNOWN'>, readonly string[]>> = {
  THROTTLED: [
    'TooManyRequestsException',
    'ThrottlingException',
    'Throttling',
    'ThrottledException',
    'RequestThrottled',
    'RequestThrottledException',
    'RequestLimitExceeded',
    'ProvisionedThroughputExceededException',
    'KmsThrottled',
    'KMSThrottlingException',
  ],
  TRANSIENT: [
    'InternalError',
    'InternalFailure',
    'InternalServerError',
    'InternalServerException',
    'InternalServiceError',
    'InternalServiceErrorException',
    'InternalErrorException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'ServiceException',
    'RequestTimeout',
    'RequestTimeoutException',
    'TimeoutError',
    'NetworkingError',
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
  ],
  ACCESS_DENIED: ['AccessDeniedException', 'AccessDenied', 'KmsAccessDenied', 'KMSAccessDeniedException', 'AuthorizationErrorException'],
  INVALID: ['ValidationException', 'InvalidParameterException', 'InvalidInputException', 'InvalidRequestException'],
  NOT_FOUND: [
    'ResourceNotFoundException',
    'AccountNotFoundException',
    'ChildNotFoundException',
    'TargetNotFoundException',
    'ParentNotFoundException',
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
  ],
  CONFLICT: ['ConflictException'],
};

const CODE_BY_NAME: ReadonlyMap<string, ServiceErrorCode> = new Map(
  Object.entries(NAMES_BY_CODE).flatMap(([code, names]) => names.map((name) => [name, code as ServiceErrorCode] as const)),
);

interface SdkShaped {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: { readonly throttling?: unknown };
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The AWS error name of an SDK exception (`TooManyRequestsException`), if it has one. */
const awsErrorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

/**
 * The one place where the AWS adapters read an AWS error. Its code is found by the error's name (or a
 * Node network error's code), else by what the SDK says of it (`$retryable.throttling`, `$fault`, the
 * HTTP status); anything unrecognised is UNKNOWN, which is not retried: retrying what is not known to
 * be transient only delays the failure. The request id is the SDK's `$metadata.requestId`.
 */
export function translateAwsError(error: unknown): TranslatedAwsError {
  const shaped = (typeof error === 'object' && error !== null ? error : {}) as SdkShaped;
  const name = awsErrorName(error);
  const networkCode = text(shaped.code);
  const requestId = text(shaped.$metadata?.requestId);
  const code = CODE_BY_NAME.get(name ?? '') ?? CODE_BY_NAME.get(networkCode ?? '') ?? codeBySdkTraits(shaped);
  const quoted = name !== undefined && name !== 'Error' ? name : (networkCode ?? name ?? 'Error');
  return requestId === undefined ? { code, name: quoted } : { code, name: quoted, requestId };
}

function codeBySdkTraits(shaped: SdkShaped): ServiceErrorCode {
  const status = shaped.$metadata?.httpStatusCode;
  if (shaped.$retryable?.throttling === true || status === 429) return 'THROTTLED';
  if (status === 403) return 'ACCESS_DENIED';
  if (shaped.$fault === 'server' || (typeof status === 'number' && status >= 500)) return 'TRANSIENT';
  return 'UNKNOWN';
}

/** True for an error the SDK raised for a call (it carries `$metadata`), not one thrown by the adapter's own code. */
export const isSdkCallError = (error: unknown): boolean => error instanceof Error && '$metadata' in error;

/** DynamoDB's "the condition did not hold": an answer the caller decides on, not a failure. */
export const isConditionFailed = (error: unknown): boolean => awsErrorName(error) === 'ConditionalCheckFailedException';

/** Organizations' answer to an account that is not in an organization. */
export const isOrganizationsNotInUse = (error: unknown): boolean => awsErrorName(error) === 'AWSOrganizationsNotInUseException';
