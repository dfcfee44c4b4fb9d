/**
 * The Account Management operations this product calls, each with its own quota. They are the
 * contacts' vocabulary (each kind reads, writes and deletes through these), so they live beside the
 * kinds, where the configuration's rates, the rate limiter and the errors all see them.
 */
export const CONTACT_OPERATIONS = [
  'GetContactInformation',
  'GetAlternateContact',
  'PutContactInformation',
  'PutAlternateContact',
  'DeleteAlternateContact',
] as const;
/** One of {@link CONTACT_OPERATIONS}. */
export type ContactOperation = (typeof CONTACT_OPERATIONS)[number];
