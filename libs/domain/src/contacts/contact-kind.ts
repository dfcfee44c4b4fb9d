/** The three alternate contact types of the Account Management API. */
export const ALTERNATE_CONTACT_TYPES = ['BILLING', 'OPERATIONS', 'SECURITY'] as const;
/** One of {@link ALTERNATE_CONTACT_TYPES}. */
export type AlternateContactType = (typeof ALTERNATE_CONTACT_TYPES)[number];

/** Every contact this product synchronises: the primary contact and the three alternates. */
export const CONTACT_KINDS = ['PRIMARY', ...ALTERNATE_CONTACT_TYPES] as const;
/** One of {@link CONTACT_KINDS}. */
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** True when `value` is BILLING, OPERATIONS or SECURITY. */
export const isAlternateContactType = (value: unknown): value is AlternateContactType =>
  typeof value === 'string' && (ALTERNATE_CONTACT_TYPES as readonly string[]).includes(value);

/** True when `value` is one of {@link CONTACT_KINDS}. */
export const isContactKind = (value: unknown): value is ContactKind =>
  typeof value === 'string' && (CONTACT_KINDS as readonly string[]).includes(value);
