/** Stable codes of the functions' own errors. */
export type AppErrorCode = 'INVALID_ENVIRONMENT' | 'INVALID_INPUT';

/** The base of the functions' errors: a stable `code`, a message naming the variable or field, a `cause`. */
export class AppError extends Error {
  override readonly name: string = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An invocation payload that is not what the function takes; the message names the field. */
export class InvalidInputError extends AppError {
  override readonly name = 'InvalidInputError';

  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}
