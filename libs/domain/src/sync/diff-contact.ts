import { ContactSlot, ContactValue, sameContact } from '../contacts/contact-value';

/** What to do to one member account's contact of one kind. */
export type ContactDiff =
  | { readonly action: 'PUT'; readonly value: ContactValue }
  | { readonly action: 'DELETE' }
  | { readonly action: 'UNCHANGED' }
  | { readonly action: 'SKIP'; readonly reason: 'DELETION_NOT_PROPAGATED' };

/**
 * Compares the management account's value (`desired`) with the member's (`current`; absent when the
 * API says not found). Writes only where they differ; deletes only when deletions are propagated.
 */
export function diffContact(desired: ContactSlot, current: ContactSlot, propagateDeletions: boolean): ContactDiff {
  if (sameContact(desired, current)) return { action: 'UNCHANGED' };
  if (desired !== undefined) return { action: 'PUT', value: desired };
  return propagateDeletions ? { action: 'DELETE' } : { action: 'SKIP', reason: 'DELETION_NOT_PROPAGATED' };
}
