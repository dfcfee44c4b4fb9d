import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';

/**
 * A member contact that a write may still change behind a newer run's back: a write request whose
 * response did not arrive (a timeout, a dropped connection, a lost response, a crash) can still land
 * until it is no longer valid, and one that did land may have landed after a newer run read the
 * member. Once `dueAtMs` has passed, whatever was sent has landed and shows to every reader: the
 * member is then read again and brought to the head's value (see {@link VerifyDoubtedWrites}).
 */
export interface WriteDoubt {
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  /** Epoch milliseconds from which a read of the member sees every write that may still have been on its way. */
  readonly dueAtMs: number;
}

/** How long a write can take to take effect, and to show: what the domain assumes of the contacts API. */
export interface WriteTiming {
  /**
   * How long after it was signed a request may still be accepted and take effect: SigV4's 5 minutes,
   * whatever the client did with it (it may have given up long before).
   */
  readonly signatureValidityMs: number;
  /**
   * How long a write that took effect takes to show to every reader (the API's read-after-write
   * delay, "a few seconds"; the simulator draws 0.5–3 s). The write fence must be at least this.
   */
  readonly consistencyDelayMs: number;
}

/** The Account Management API's timing as documented. */
export const DEFAULT_WRITE_TIMING: WriteTiming = Object.freeze({ signatureValidityMs: 5 * 60_000, consistencyDelayMs: 5_000 });

/** When a write whose last request was signed at `lastSentMs` (and got no answer) can no longer change the member, and shows. */
export const unansweredWriteSettlesAt = (lastSentMs: number, timing: WriteTiming): number =>
  lastSentMs + timing.signatureValidityMs + timing.consistencyDelayMs;

/** When a write answered at `answeredMs` (it took effect before its answer) shows to every reader. */
export const answeredWriteSettlesAt = (answeredMs: number, timing: WriteTiming): number => answeredMs + timing.consistencyDelayMs;
