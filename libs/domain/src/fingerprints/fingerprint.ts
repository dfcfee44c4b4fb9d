import { KeyedHashPort } from '../ports/keyed-hash.port';
import { ContactSlot } from '../contacts/contact-value';

/** The fingerprint of an unset contact. */
export const ABSENT_FINGERPRINT = 'absent';

/** Hex digits kept of the HMAC: 128 bits, enough to tell values apart, and all an entry needs. */
const KEPT_HEX_DIGITS = 32;

/** Enough for the desired values of every kind of a few runs at once. */
const RECENT_VALUES = 16;

/**
 * Fingerprints of contact values for the audit trail: they tell whether two values differ without
 * storing the personal data. Each is an HMAC-SHA-256 under the deployment's secret key (truncated to
 * 128 bits), not a plain hash: a plain hash of a contact can be reversed by guessing its few unknown
 * fields, an HMAC cannot be computed at all without the key.
 */
export class ContactFingerprints {
  /**
   * The few values fingerprinted last. A run's desired value (one per kind) is fingerprinted for every
   * account it is written to; values are immutable, so the same object has the same fingerprint. Bounded,
   * because every value read from a member passes through here once.
   */
  private readonly recent = new Map<object, string>();

  constructor(private readonly hash: KeyedHashPort) {}

  /** `hmac:<32 hex digits>` of the canonical value, or {@link ABSENT_FINGERPRINT}. */
  of(value: ContactSlot): string {
    if (value === undefined) return ABSENT_FINGERPRINT;
    let fingerprint = this.recent.get(value);
    if (fingerprint === undefined) {
      fingerprint = `hmac:${this.hash.hmacSha256Hex(canonicalText(value)).slice(0, KEPT_HEX_DIGITS)}`;
      if (this.recent.size >= RECENT_VALUES) this.recent.delete(this.recent.keys().next().value as object);
      this.recent.set(value, fingerprint);
    }
    return fingerprint;
  }
}

/** `Field=value` lines in field order: equal contacts give equal text, whatever order their fields came in. */
function canonicalText(value: NonNullable<ContactSlot>): string {
  const props = value.props as unknown as Record<string, string | undefined>;
  const keys = Object.keys(props).sort();
  let text = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    text += `${i === 0 ? '' : '\n'}${key}=${props[key] ?? ''}`;
  }
  return text;
}
