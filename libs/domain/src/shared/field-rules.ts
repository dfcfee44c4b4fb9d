import { FieldIssue } from './field-issue';

/** Collects broken rules while a plain object is checked field by field. */
export class FieldChecker {
  private readonly found: FieldIssue[] = [];

  constructor(
    private readonly source: Readonly<Record<string, unknown>>,
    private readonly prefix = '',
  ) {}

  get issues(): readonly FieldIssue[] {
    return this.found;
  }

  /** Records an issue on `field` (prefixed with the checker's path). */
  report(field: string, rule: string): void {
    this.found.push({ field: this.prefix + field, rule });
  }

  /** A required string of bounded length, optionally matching a whole-value pattern. */
  requiredString(field: string, min: number, max: number, pattern?: PatternRule): string | undefined {
    const value = this.source[field];
    if (value === undefined || value === null) {
      this.report(field, 'is required');
      return undefined;
    }
    return this.checkString(field, value, min, max, pattern);
  }

  /** An optional string: absent, null and the empty string all mean "not set". */
  optionalString(field: string, min: number, max: number, pattern?: PatternRule): string | undefined {
    const value = this.source[field];
    if (value === undefined || value === null || value === '') return undefined;
    return this.checkString(field, value, min, max, pattern);
  }

  /** Rejects every key that is not in `allowed`. */
  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.source)) {
      if (!allowed.includes(key)) this.report(key, 'is not a known field');
    }
  }

  private checkString(field: string, value: unknown, min: number, max: number, pattern?: PatternRule): string | undefined {
    if (typeof value !== 'string') {
      this.report(field, 'must be a string');
      return undefined;
    }
    if (value.length < min || value.length > max) {
      this.report(field, min === max ? `must be exactly ${min} characters` : `must be ${min}-${max} characters`);
      return undefined;
    }
    if (pattern && !pattern.regex.test(value)) {
      this.report(field, pattern.rule);
      return undefined;
    }
    return value;
  }
}

/** A whole-value pattern and the rule it states, in words. */
export interface PatternRule {
  readonly regex: RegExp;
  readonly rule: string;
}

/** True for a plain object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
