import { err, ok, Result } from '../shared/result';
import { FieldChecker, isRecord, PatternRule } from '../shared/field-rules';
import { ValidationError } from '../shared/validation-error';
import { AlternateContactType, isAlternateContactType } from './contact-kind';

const EMAIL: PatternRule = {
  regex: /^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$/,
  rule: 'must be an email address (local@domain.tld)',
};
const PHONE: PatternRule = { regex: /^[\s0-9()+-]+$/, rule: 'may contain only digits, spaces, ( ) + and -' };

/** The plain shape of an alternate contact, as the Account Management API carries it. */
export interface AlternateContactProps {
  readonly AlternateContactType: AlternateContactType;
  readonly Name: string;
  readonly Title: string;
  readonly EmailAddress: string;
  readonly PhoneNumber: string;
}

const FIELDS = ['AlternateContactType', 'Name', 'Title', 'EmailAddress', 'PhoneNumber'] as const;

/**
 * A BILLING, OPERATIONS or SECURITY contact, validated with the Account Management API's rules and
 * held in canonical form (surrounding whitespace trimmed), so that equal contacts compare equal.
 */
export class AlternateContact {
  private constructor(readonly props: AlternateContactProps) {
    Object.freeze(this);
  }

  get type(): AlternateContactType {
    return this.props.AlternateContactType;
  }

  /** The kind of the contact: its type. */
  get kind(): AlternateContactType {
    return this.props.AlternateContactType;
  }

  /** Validates `input`; on failure, every broken rule is named by field, never by value. */
  static parse(input: unknown): Result<AlternateContact, ValidationError> {
    if (!isRecord(input)) return err(new ValidationError('alternate contact', [{ field: '(root)', rule: 'must be an object' }]));
    const check = new FieldChecker(input);
    check.onlyKeys(FIELDS);
    const type = input['AlternateContactType'];
    if (!isAlternateContactType(type)) check.report('AlternateContactType', 'must be one of BILLING, OPERATIONS, SECURITY');
    const name = check.requiredString('Name', 1, 64);
    const title = check.requiredString('Title', 1, 50);
    const email = check.requiredString('EmailAddress', 1, 254, EMAIL);
    const phone = check.requiredString('PhoneNumber', 1, 25, PHONE);
    for (const [field, value] of [
      ['Name', name],
      ['Title', title],
      ['PhoneNumber', phone],
    ] as const) {
      if (value !== undefined && value.trim() === '') check.report(field, 'must not be blank');
    }
    if (check.issues.length > 0) return err(new ValidationError('alternate contact', check.issues));
    return ok(
      new AlternateContact(
        Object.freeze({
          AlternateContactType: type as AlternateContactType,
          Name: (name as string).trim(),
          Title: (title as string).trim(),
          EmailAddress: (email as string).trim(),
          PhoneNumber: (phone as string).trim(),
        }),
      ),
    );
  }

  /** Like {@link AlternateContact.parse}, but throws {@link ValidationError}. */
  static of(input: unknown): AlternateContact {
    const result = AlternateContact.parse(input);
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** Equal when `other` is an alternate contact too and every canonical field (the type included) is equal. */
  equals(other: unknown): boolean {
    return other instanceof AlternateContact && FIELDS.every((field) => this.props[field] === other.props[field]);
  }

  /** The canonical plain value, as the API carries it. */
  toJSON(): AlternateContactProps {
    return { ...this.props };
  }
}
