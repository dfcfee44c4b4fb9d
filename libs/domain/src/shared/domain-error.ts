/** Stable, machine-readable codes of the domain's own errors. */
export type DomainErrorCode = 'VALIDATION_FAILED' | 'INVARIANT_VIOLATED' | 'NOT_FOUND' | 'CONFLICT';

/**
 * The base of every error the domain throws. `code` is stable across releases; `message` never
 * contains personal data; `cause` keeps the underlying error for diagnostics.
 */
export class DomainError<C extends string = DomainErrorCode> extends Error {
  override readonly name: string = 'DomainError';

  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What may be logged of any error: a domain error's code, another error's name; never a message, which may carry values. */
export const loggableError = (error: unknown): string =>
  error instanceof DomainError ? error.code : error instanceof Error ? error.name : 'unknown';
