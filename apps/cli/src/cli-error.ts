/** Stable codes of the CLI's own errors. */
export type CliErrorCode = 'USAGE' | 'MISSING_SETTING' | 'INVALID_INPUT' | 'ABORTED' | 'INTERRUPTED' | 'STATE_UNREADABLE';

/**
 * Exit codes. 2 is `plan` and `drift` with `--detailed-exitcode` only, as `terraform plan
 * -detailed-exitcode`; 64 is sysexits' EX_USAGE (the command line is wrong: nothing was tried).
 */
export const EXIT = { OK: 0, ERROR: 1, CHANGES_PENDING: 2, USAGE: 64, INTERRUPTED: 130 } as const;

const EXIT_OF: Partial<Record<CliErrorCode, number>> = { USAGE: EXIT.USAGE, INTERRUPTED: EXIT.INTERRUPTED };

/** An error the CLI reports as one line and an exit code, never a stack trace (unless --debug). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(
    readonly code: CliErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.exitCode = EXIT_OF[code] ?? EXIT.ERROR;
  }
}
