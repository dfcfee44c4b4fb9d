/**
 * What went wrong with a call to an outside service, in the domain's words. Adapters translate their
 * service's own errors (exception names, network codes) into these; the domain never sees the originals.
 */
export const SERVICE_ERROR_CODES = [
  'THROTTLED',
  'TRANSIENT',
  'ACCESS_DENIED',
  'INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'CIRCUIT_OPEN',
  'UNKNOWN',
] as const;

/** One of {@link SERVICE_ERROR_CODES}. */
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

/** What an adapter learned of a failed call: the domain's code, and the service's id of the request when it gave one. */
export interface ServiceFailure {
  readonly code: ServiceErrorCode;
  readonly requestId?: string;
}

/** Throttling, transient faults and conflicts are worth another attempt; refusals and bad requests are not. */
export const isRetryable = (code: ServiceErrorCode): boolean => code === 'THROTTLED' || code === 'TRANSIENT' || code === 'CONFLICT';
