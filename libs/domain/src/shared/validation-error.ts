import { DomainError } from './domain-error';
import { FieldIssue, formatIssues } from './field-issue';

/** Raised by value-object factories that throw; lists every broken rule by field, never the values. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';

  constructor(
    readonly subject: string,
    readonly issues: readonly FieldIssue[],
  ) {
    super('VALIDATION_FAILED', `Invalid ${subject}: ${formatIssues(issues)}`);
  }
}
