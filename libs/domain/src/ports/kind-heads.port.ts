import { ContactKind } from '../contacts/contact-kind';
import { KindHead } from '../sync/kind-head';

/** The run that holds each contact kind now: only the head's run may write that kind. */
export interface KindHeadsPort {
  /** The run that holds `kind` now; undefined when no run ever claimed it (generation 0). */
  headOf(kind: ContactKind): Promise<KindHead | undefined>;
  /**
   * Makes `runId` the head of `kind` with the next generation, whenever it asked for it: runs are
   * ordered by the generation they claim, never by a time an event carries (its clock may be skewed).
   * Returns the run's generation (the same one again when `runId` is already the head). Undefined is
   * kept for adapters that refuse (none does now).
   */
  advanceHead(kind: ContactKind, runId: string, requestedAt: string): Promise<number | undefined>;
}
