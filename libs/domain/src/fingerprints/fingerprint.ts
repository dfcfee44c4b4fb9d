import { KeyedHashPort } from '../ports/keyed-hash.port';
import { ContactSlot } from '../contacts/contact-value';

/** The fingerprint of an unset contact. */
export const ABSENT_FINGERPRINT = 'absent';

/** Hex digits kept of the HMAC: 128 bits, enough to tell values apart, and all an entry needs. */
const KEPT_HEX_DIGITS = 32;

/**
 * Fingerprints of contact values for the audit trail: they tell whether two values differ without
 * storing the personal data. Each is an HMAC-SHA-256 under the deployment's secret key (truncated to
 * 128 bits), not a plain hash: a plain hash of a contact can be reversed by guessing its few unknown
 * fields, an HMAC cannot be computed at all without the key.
 */
export class ContactFingerprints {
  constructor(private readonly hash: KeyedHashPort) {}

  /** `hmac:<32 hex digits>` of the canonical value, or {@link ABSENT_FINGERPRINT}. */
  of(value: ContactSlot): string {
    if (value === undefined) return ABSENT_FINGERPRINT;
    return `hmac:${this.hash.hmacSha256Hex(canonicalText(value)).slice(0, KEPT_HEX_DIGITS)}`;
  }
}

/** `Field=value` lines in field order: equal contacts give equal text, whatever order their fields came in. */
function canonicalText(value: NonNullable<ContactSlot>): string {
  const props = value.props as unknown as Record<string, string | undefined>;
  return Object.keys(props)
    .sort()
    .map((key) => `${key}=${props[key] ?? ''}`)
    .join('\n');
}
