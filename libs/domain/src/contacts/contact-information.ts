import { err, ok, Result } from '../shared/result';
import { FieldChecker, isRecord, PatternRule } from '../shared/field-rules';
import { ValidationError } from '../shared/validation-error';
import { COUNTRIES_REQUIRING_STATE, ISO_3166_ALPHA2 } from './country-codes';

const PHONE: PatternRule = {
  regex: /^[+][\s0-9()-]+$/,
  rule: 'must start with + and contain only digits, spaces, ( ) and -',
};
const COUNTRY: PatternRule = { regex: /^[A-Za-z]{2}$/, rule: 'must be 2 letters' };

/** The plain shape of the primary contact, as the Account Management API carries it. */
export interface ContactInformationProps {
  readonly FullName: string;
  readonly AddressLine1: string;
  readonly AddressLine2?: string;
  readonly AddressLine3?: string;
  readonly City: string;
  readonly StateOrRegion?: string;
  readonly DistrictOrCounty?: string;
  readonly PostalCode: string;
  readonly CountryCode: string;
  readonly PhoneNumber: string;
  readonly CompanyName?: string;
  readonly WebsiteUrl?: string;
}

type Field = keyof ContactInformationProps;

/** [field, min, max, required, pattern] in the API's documented order. */
const RULES: ReadonlyArray<readonly [Field, number, number, boolean, PatternRule?]> = [
  ['FullName', 1, 50, true],
  ['AddressLine1', 1, 60, true],
  ['AddressLine2', 1, 60, false],
  ['AddressLine3', 1, 60, false],
  ['City', 1, 50, true],
  ['StateOrRegion', 1, 50, false],
  ['DistrictOrCounty', 1, 50, false],
  ['PostalCode', 1, 20, true],
  ['CountryCode', 2, 2, true, COUNTRY],
  ['PhoneNumber', 1, 20, true, PHONE],
  ['CompanyName', 1, 50, false],
  ['WebsiteUrl', 1, 256, false],
];
const FIELDS: readonly Field[] = RULES.map(([field]) => field);

/**
 * The account's primary contact, validated with the Account Management API's rules and held in
 * canonical form (whitespace trimmed, country code upper-cased, unset optional fields absent).
 */
export class ContactInformation {
  private constructor(readonly props: ContactInformationProps) {
    Object.freeze(this);
  }

  /** Validates `input`; on failure, every broken rule is named by field, never by value. */
  static parse(input: unknown): Result<ContactInformation, ValidationError> {
    if (!isRecord(input)) return err(new ValidationError('contact information', [{ field: '(root)', rule: 'must be an object' }]));
    const check = new FieldChecker(input);
    check.onlyKeys(FIELDS);
    const canonical: Partial<Record<Field, string>> = {};
    for (const [field, min, max, required, pattern] of RULES) {
      const value = required ? check.requiredString(field, min, max, pattern) : check.optionalString(field, min, max, pattern);
      if (value === undefined) continue;
      const trimmed = value.trim();
      if (trimmed === '') {
        if (required) check.report(field, 'must not be blank');
        continue;
      }
      canonical[field] = field === 'CountryCode' ? trimmed.toUpperCase() : trimmed;
    }
    const country = canonical.CountryCode;
    if (country !== undefined) {
      if (!ISO_3166_ALPHA2.has(country)) check.report('CountryCode', 'must be an ISO 3166-1 alpha-2 country code');
      else if (
        COUNTRIES_REQUIRING_STATE.has(country) &&
        canonical.StateOrRegion === undefined &&
        !check.issues.some((i) => i.field === 'StateOrRegion')
      ) {
        check.report('StateOrRegion', `is required when CountryCode is ${country}`);
      }
    }
    if (check.issues.length > 0) return err(new ValidationError('contact information', check.issues));
    return ok(new ContactInformation(Object.freeze(canonical as unknown as ContactInformationProps)));
  }

  /** Like {@link ContactInformation.parse}, but throws {@link ValidationError}. */
  static of(input: unknown): ContactInformation {
    const result = ContactInformation.parse(input);
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** The kind of every primary contact. */
  get kind(): 'PRIMARY' {
    return 'PRIMARY';
  }

  /** Equal when `other` is a primary contact too and every canonical field is equal (an unset optional field equals an unset one only). */
  equals(other: unknown): boolean {
    return other instanceof ContactInformation && FIELDS.every((field) => this.props[field] === other.props[field]);
  }

  /** The canonical plain value, as the API carries it. */
  toJSON(): ContactInformationProps {
    return { ...this.props };
  }
}
