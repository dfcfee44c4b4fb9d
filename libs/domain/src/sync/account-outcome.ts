import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { ContactApiErrorCode } from '../resilience/contact-api-error';

export type OutcomeStatus = 'UPDATED' | 'UNCHANGED' | 'SKIPPED' | 'FAILED';

/** Why an account-kind was skipped. */
export type SkipReason = 'DELETION_NOT_PROPAGATED' | 'DRY_RUN_WOULD_PUT' | 'DRY_RUN_WOULD_DELETE' | 'DESIRED_VALUE_INVALID';

/** The result for one account and one kind within a run. Fingerprints, never values. */
export interface AccountOutcome {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly status: OutcomeStatus;
  readonly action?: 'PUT' | 'DELETE';
  readonly skipReason?: SkipReason;
  readonly errorCode?: ContactApiErrorCode;
  readonly requestId?: string;
  readonly beforeFingerprint?: string;
  readonly afterFingerprint?: string;
  readonly attempts: number;
  readonly at: string;
}
