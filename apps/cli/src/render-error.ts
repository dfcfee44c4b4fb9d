import { AwsAdapterError } from '@contact-sync/adapters-aws';
import { DomainError } from '@contact-sync/domain';
import { CliError } from './cli-error';

const HINTS: Readonly<Record<string, string>> = {
  CredentialsProviderError: 'no AWS credentials found: configure the AWS CLI, set AWS_PROFILE, or pass --profile',
  ExpiredTokenException: 'the AWS session has expired: sign in again (aws sso login) and retry',
  ResourceNotFoundException: 'a table was not found: check --state-table / --audit-table and --region (see the stack outputs)',
};

/**
 * One line for an error: ours and the domain's as they are; AWS's with a hint when its cause has one
 * (the adapters wrap SDK errors, so the hint is looked up on the cause too); anything else by name.
 */
export function renderError(error: unknown): string {
  if (error instanceof CliError || error instanceof DomainError) return error.message;
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const name = cause instanceof Error && HINTS[cause.name] ? cause.name : error.name;
    if (HINTS[name]) return HINTS[name];
    return error instanceof AwsAdapterError
      ? error.message
      : `${error.name}: ${error.message.split('\n')[0]} (run with --debug for details)`;
  }
  return 'unexpected failure (run with --debug for details)';
}
