import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { ServiceErrorCode } from '../shared/service-error-code';

/** What became of one account-kind in a run. */
export type OutcomeStatus = 'UPDATED' | 'UNCHANGED' | 'SKIPPED' | 'SUPERSEDED' | 'FAILED';

/** Why an account-kind was skipped. */
export type SkipReason =
  | 'DELETION_NOT_PROPAGATED'
  | 'DRY_RUN_WOULD_PUT'
  | 'DRY_RUN_WOULD_DELETE'
  | 'DESIRED_VALUE_INVALID'
  | 'KIND_DISABLED'
  | 'ACCOUNT_EXCLUDED'
  | 'ACCOUNT_NOT_ACTIVE'
  | 'ACCOUNT_LEFT';

/** Why an account-kind failed: the API's code, or the desired value could not be had. */
export type OutcomeErrorCode = ServiceErrorCode | 'DESIRED_VALUE_UNREADABLE';

/** The result for one account and one kind within a run. Fingerprints, never values. */
export interface AccountOutcome {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly status: OutcomeStatus;
  readonly action?: 'PUT' | 'DELETE';
  readonly skipReason?: SkipReason;
  readonly errorCode?: OutcomeErrorCode;
  readonly requestId?: string;
  readonly beforeFingerprint?: string;
  readonly afterFingerprint?: string;
  /**
   * True when an earlier attempt of this run may have written before it was cut off (a crash, a
   * timeout) and the run then stopped without writing again: the write may or may not have landed.
   */
  readonly unconfirmedWrite?: boolean;
  readonly attempts: number;
  readonly at: string;
}

/**
 * Stored before a write: a worker that is cut off between the write and its outcome leaves this
 * behind, so that the next delivery knows a write may have been made and records it as one.
 */
export interface WriteIntent {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly action: 'PUT' | 'DELETE';
  readonly beforeFingerprint?: string;
  readonly afterFingerprint: string;
  readonly at: string;
}

/** The key of an account-kind within a run. */
export const targetKey = (accountId: AccountId, kind: ContactKind): string => `${accountId}#${kind}`;
