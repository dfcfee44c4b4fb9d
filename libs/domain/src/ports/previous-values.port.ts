import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';

/**
 * A member's value as it was before a run wrote it, sealed (see {@link CipherPort}): what a rollback
 * of the run restores. The value is never held in the clear outside the sealed text.
 */
export interface KeptPreviousValue {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  /** The previous value (or that it was unset), sealed with the record's key as its context. */
  readonly sealed: string;
  /** The fingerprint of the value the run was about to write: a member still holding it was not changed since. */
  readonly afterFingerprint: string;
  readonly at: string;
}

/** Where previous values are kept: beside the run's outcomes, for the audit's 90 days. */
export interface PreviousValueStorePort {
  /** Stores a previous value, replacing one of the same run, account and kind. */
  keep(value: KeptPreviousValue): Promise<void>;
  /** Every previous value kept for a run (none once they expired). */
  keptFor(runId: string): Promise<KeptPreviousValue[]>;
}
