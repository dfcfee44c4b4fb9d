/** One broken rule: the field's path and the rule it broke. Never the value, which may be personal data. */
export interface FieldIssue {
  readonly field: string;
  readonly rule: string;
}

/** Formats issues as one line, e.g. `Name: must be 1-64 characters; EmailAddress: must be an email address`. */
export const formatIssues = (issues: readonly FieldIssue[]): string => issues.map((issue) => `${issue.field}: ${issue.rule}`).join('; ');
