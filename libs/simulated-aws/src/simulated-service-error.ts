import { ServiceErrorCode, ServiceFailure } from '@contact-sync/domain';

/** The errors the simulated Account Management and Organizations APIs answer with, by the domain code the AWS adapters translate each into. */
const SIMULATED_ERROR_CODES = {
  TooManyRequestsException: 'THROTTLED',
  InternalServerException: 'TRANSIENT',
  ServiceUnavailableException: 'TRANSIENT',
  /** Organizations' own name for a fault of the service. */
  ServiceException: 'TRANSIENT',
  AccessDeniedException: 'ACCESS_DENIED',
  ValidationException: 'INVALID',
  /** Organizations' name for a request it refuses, a page token it did not issue for that listing among them. */
  InvalidInputException: 'INVALID',
  ResourceNotFoundException: 'NOT_FOUND',
  /** Organizations: the account, OU or root asked about (ListParents, ListTagsForResource) or listed under is gone. */
  ChildNotFoundException: 'NOT_FOUND',
  TargetNotFoundException: 'NOT_FOUND',
  ParentNotFoundException: 'NOT_FOUND',
  AccountNotFoundException: 'NOT_FOUND',
  /** Not the service's answer but the SDK's, when no response came back (the request may have taken effect). */
  TimeoutError: 'TRANSIENT',
} as const satisfies Readonly<Record<string, ServiceErrorCode>>;

/** The AWS error names the simulated services raise. */
export type SimulatedErrorName = keyof typeof SIMULATED_ERROR_CODES;

/** Every {@link SimulatedErrorName}. */
export const SIMULATED_ERROR_NAMES = Object.keys(SIMULATED_ERROR_CODES) as readonly SimulatedErrorName[];

/** An error shaped like the AWS SDK's service exceptions: `name` is the AWS error code. */
export class SimulatedServiceError extends Error {
  override readonly name: SimulatedErrorName;
  readonly $metadata: { readonly requestId: string; readonly httpStatusCode: number };

  constructor(name: SimulatedErrorName, message: string, requestId: string, httpStatusCode: number) {
    super(message);
    this.name = name;
    this.$metadata = { requestId, httpStatusCode };
  }
}

/**
 * What the simulated adapters make of a simulated service's error: the domain code the AWS adapters
 * translate the same AWS error into (a contract test holds the two together), and the request id.
 * Anything else thrown is UNKNOWN, as an unrecognised AWS error is.
 */
export function translateSimulatedError(error: unknown): ServiceFailure {
  if (!(error instanceof SimulatedServiceError)) return { code: 'UNKNOWN' };
  const code = SIMULATED_ERROR_CODES[error.name];
  // A response that never came has no request id.
  return error.$metadata.requestId === '' ? { code } : { code, requestId: error.$metadata.requestId };
}
