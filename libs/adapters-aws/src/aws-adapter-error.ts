/** Stable codes of the AWS adapters' own errors (contacts failures are the domain's `ContactApiError`). */
export type AwsAdapterErrorCode =
  | 'THROTTLED'
  | 'ACCESS_DENIED'
  | 'NOT_FOUND'
  | 'NOT_IN_ORGANIZATION'
  | 'STORAGE_FAILED'
  | 'QUEUE_FAILED'
  | 'PUBLISH_FAILED'
  | 'SECRET_UNAVAILABLE'
  | 'INVALID_SECRET'
  | 'INVALID_SEALED_VALUE'
  | 'INVALID_RESPONSE'
  | 'UNKNOWN';

/**
 * The base of every error the AWS adapters throw. `code` is stable; `message` names the operation
 * and the AWS error name, never request contents; `cause` keeps the SDK error.
 */
export class AwsAdapterError extends Error {
  override readonly name = 'AwsAdapterError';

  constructor(
    readonly code: AwsAdapterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
