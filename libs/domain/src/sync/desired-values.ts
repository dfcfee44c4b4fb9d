import { ContactKind } from '../contacts/contact-kind';
import { parseContact } from '../contacts/contact-kinds';
import { ContactSlot } from '../contacts/contact-value';
import { DesiredValues } from './work-item';

/** Why a run has no usable desired value for a kind. */
export type DesiredProblem = 'UNREADABLE' | 'INVALID';

/**
 * The value each kind of a run is to be brought to, checked: a kind listed twice, a kind with no
 * desired entry, a value of another kind's type or one that breaks the API's rules is INVALID; a kind
 * whose management value could not be read is UNREADABLE. One bad kind never spoils the others.
 */
export function desiredSlots(
  kinds: readonly ContactKind[],
  desired: DesiredValues | undefined,
  unreadable: readonly ContactKind[] = [],
): Map<ContactKind, ContactSlot | DesiredProblem> {
  const slots = new Map<ContactKind, ContactSlot | DesiredProblem>();
  const seen = new Set<ContactKind>();
  for (const kind of kinds) {
    if (seen.has(kind)) {
      slots.set(kind, 'INVALID');
      continue;
    }
    seen.add(kind);
    slots.set(kind, unreadable.includes(kind) ? 'UNREADABLE' : slotOf(kind, desired));
  }
  return slots;
}

function slotOf(kind: ContactKind, desired: DesiredValues | undefined): ContactSlot | DesiredProblem {
  if (!desired || !Object.prototype.hasOwnProperty.call(desired, kind)) return 'INVALID';
  const props = desired[kind];
  if (props === null) return undefined;
  if (typeof props !== 'object' || props === undefined) return 'INVALID';
  // The kind's own parser refuses a value of another kind (another type, or another shape).
  const parsed = parseContact(kind, props);
  return parsed.ok ? parsed.value : 'INVALID';
}

/** True when `slot` is a value (or an unset contact) rather than a problem. */
export const isDesiredProblem = (slot: ContactSlot | DesiredProblem): slot is DesiredProblem => slot === 'UNREADABLE' || slot === 'INVALID';
