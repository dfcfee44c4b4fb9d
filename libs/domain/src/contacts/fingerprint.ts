import { sha256Hex } from '../shared/sha256';
import { ContactSlot } from './contact-value';

/**
 * A short, stable fingerprint of a contact's canonical value for the audit trail: it tells whether
 * two values differ without storing the personal data. "absent" for an unset contact.
 */
export function fingerprint(value: ContactSlot): string {
  if (value === undefined) return 'absent';
  const props = value.props as unknown as Record<string, string | undefined>;
  const canonical = Object.keys(props)
    .sort()
    .map((key) => `${key}=${props[key] ?? ''}`)
    .join('\n');
  return `sha256:${sha256Hex(canonical).slice(0, 32)}`;
}
