/** Stable codes of the CLI's own errors. */
export type CliErrorCode = 'USAGE' | 'MISSING_SETTING' | 'INVALID_INPUT' | 'ABORTED' | 'INTERRUPTED';

/** An error the CLI reports as one line and an exit code, never a stack trace (unless --debug). */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Exit codes, like `terraform plan -detailed-exitcode`. */
export const EXIT = { OK: 0, ERROR: 1, CHANGES_PENDING: 2, INTERRUPTED: 130 } as const;
