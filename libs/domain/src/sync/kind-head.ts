import { ContactKind } from '../contacts/contact-kind';

/**
 * The newest run that holds a contact kind. Each change (or reconcile) of a kind claims it with the
 * next generation; a run writes a kind only while the kind's generation is still its own, so that an
 * older run never overwrites a newer value.
 */
export interface KindHead {
  readonly kind: ContactKind;
  readonly generation: number;
  readonly runId: string;
  readonly requestedAt: string;
}
