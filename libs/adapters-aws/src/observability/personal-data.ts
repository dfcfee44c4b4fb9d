/** Field names of contact values (the Account Management API's): never logged, whatever a caller passes. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(
  [
    'FullName', 'Name', 'Title', 'EmailAddress', 'PhoneNumber', 'AddressLine1', 'AddressLine2', 'AddressLine3',
    'City', 'StateOrRegion', 'DistrictOrCounty', 'PostalCode', 'CompanyName', 'WebsiteUrl',
  ].map((field) => field.toLowerCase()),
);

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
const PHONE = /\+[\d\s().-]{6,}\d/g;

/** The fields with contact values replaced: by name, and by shape for e-mail addresses and phone numbers. */
export function redact<T extends Readonly<Record<string, unknown>>>(fields: T): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (PERSONAL_FIELDS.has(key.toLowerCase())) safe[key] = '[redacted]';
    else if (typeof value === 'string') safe[key] = redactText(value);
    else if (Array.isArray(value)) safe[key] = value.map((v) => (typeof v === 'string' ? redactText(v) : v));
    else safe[key] = value;
  }
  return safe;
}

/** A message with e-mail addresses and phone numbers replaced. */
export const redactText = (text: string): string => text.replace(EMAIL, '[redacted-email]').replace(PHONE, '[redacted-phone]');
