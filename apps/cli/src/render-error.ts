import { AwsAdapterError } from '@contact-sync/adapters-aws';
import { DomainError } from '@contact-sync/domain';
import { AwsContext, diagnoseAwsFailure } from './aws-diagnosis';
import { CliError, EXIT } from './cli-error';

/** An error as the CLI reports it: a stable code, one line, and the exit code. */
export interface DescribedError {
  readonly code: string;
  readonly message: string;
  readonly exitCode: number;
}

const TABLE_NOT_FOUND = 'a table was not found: check --state-table / --audit-table and --region (see the stack outputs)';

/**
 * One line for an error. The CLI's own errors as they are; AWS failures by their underlying cause
 * when it is one an operator can act on (the network, the profile, the credentials, the Region);
 * otherwise the adapter's or the domain's message, which name operations and codes, never values.
 */
export function describeError(error: unknown, context: AwsContext): DescribedError {
  if (error instanceof CliError) return { code: error.code, message: error.message, exitCode: error.exitCode };
  const diagnosis = diagnoseAwsFailure(error, context);
  if (diagnosis) return { ...diagnosis, exitCode: EXIT.ERROR };
  // Only DynamoDB's not-found is a missing table: a missing secret, say, keeps the adapter's own message.
  if (
    error instanceof AwsAdapterError &&
    error.code === 'STORAGE_FAILED' &&
    (error.cause as { name?: unknown } | undefined)?.name === 'ResourceNotFoundException'
  ) {
    return { code: 'AWS_RESOURCE_NOT_FOUND', message: TABLE_NOT_FOUND, exitCode: EXIT.ERROR };
  }
  if (error instanceof AwsAdapterError || error instanceof DomainError)
    return { code: error.code, message: error.message, exitCode: EXIT.ERROR };
  const name = error instanceof Error ? error.name : 'unknown';
  return { code: 'UNEXPECTED', message: `unexpected failure (${name}): run with --debug for details`, exitCode: EXIT.ERROR };
}

/** For --debug: the error's causes, by name and code, with their stacks (never their messages). */
export function describeCauses(error: unknown): string {
  const lines: string[] = [];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; depth < 8 && cause instanceof Error; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    lines.push(`caused by: ${cause.name}${typeof code === 'string' ? ` (${code})` : ''}`);
    lines.push(...(cause.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)));
    cause = cause.cause;
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
