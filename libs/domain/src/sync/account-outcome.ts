import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { ServiceErrorCode } from '../shared/service-error-code';
import { sortedCountsBy } from '../shared/counts';
import { skipText, TargetingSkip, TargetingSkipReason } from '../targeting/targeting-rules';

/** What became of one account-kind in a run. */
export type OutcomeStatus = 'UPDATED' | 'UNCHANGED' | 'SKIPPED' | 'SUPERSEDED' | 'FAILED';

/** Every outcome status, in the order reports list them. */
export const OUTCOME_STATUSES: readonly OutcomeStatus[] = ['UPDATED', 'UNCHANGED', 'SKIPPED', 'SUPERSEDED', 'FAILED'];

/**
 * Why an account-kind was skipped: a targeting rule (with the rule in `skipRule`), or what the worker
 * found. `ACCOUNT_EXCLUDED` is what versions before the OU and tag rules wrote for `EXCLUDED_BY_ID`.
 */
export type SkipReason =
  | TargetingSkipReason
  | 'DELETION_NOT_PROPAGATED'
  | 'DRY_RUN_WOULD_PUT'
  | 'DRY_RUN_WOULD_DELETE'
  | 'DESIRED_VALUE_INVALID'
  | 'KIND_DISABLED'
  | 'ACCOUNT_EXCLUDED'
  | 'ACCOUNT_NOT_ACTIVE'
  | 'ACCOUNT_LEFT'
  /** The run was cancelled (`contact-sync runs cancel`, or Ctrl-C during `contact-sync sync`) before this account-kind was done. */
  | 'CANCELLED'
  | 'CHANGED_SINCE_RUN'
  | 'PREVIOUS_VALUE_NOT_KEPT'
  | 'PRIMARY_CANNOT_BE_UNSET';

/**
 * Why an account-kind failed: the API's code, the desired value could not be had, or what targets the
 * account could not be read (its tags, the OUs above it, or the account itself, after every retry).
 * Targeting fails closed: an account whose place or tags are not known is never written.
 */
export type OutcomeErrorCode =
  ServiceErrorCode | 'DESIRED_VALUE_UNREADABLE' | 'TAGS_UNREADABLE' | 'PARENTS_UNREADABLE' | 'ACCOUNT_UNREADABLE';

/** The result for one account and one kind within a run. Fingerprints, never values. */
export interface AccountOutcome {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly status: OutcomeStatus;
  readonly action?: 'PUT' | 'DELETE';
  readonly skipReason?: SkipReason;
  /** The targeting rule behind the skip: the OU id (EXCLUDED_BY_OU) or the tag rule, `key` or `key=value` (EXCLUDED_BY_TAG). */
  readonly skipRule?: string;
  readonly errorCode?: OutcomeErrorCode;
  readonly requestId?: string;
  readonly beforeFingerprint?: string;
  readonly afterFingerprint?: string;
  /**
   * True when an earlier attempt of this run may have written before it was cut off (a crash, a
   * timeout, a lost answer) and the run then made no write it knows landed: it stopped, or its delete
   * found the contact already absent. The write may or may not have landed.
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

/** The outcome's skip reason with its rule, as one line (`EXCLUDED_BY_OU ou-ab12-cd34ef56`); undefined when not skipped. */
export const skipDetail = (outcome: Pick<AccountOutcome, 'skipReason' | 'skipRule'>): string | undefined =>
  outcome.skipReason === undefined ? undefined : skipText({ reason: outcome.skipReason, rule: outcome.skipRule });

/** The fields of an outcome skipped by a targeting rule: its reason, and its rule where it has one. */
export const skipFields = (skip: TargetingSkip): Pick<AccountOutcome, 'skipReason' | 'skipRule'> =>
  skip.rule === undefined ? { skipReason: skip.reason } : { skipReason: skip.reason, skipRule: skip.rule };

/** Skipped account-kinds by reason and rule ({@link skipDetail}), keys in order: what run reports call `skippedBy`. */
export const skipCounts = (outcomes: Iterable<AccountOutcome>): Record<string, number> =>
  sortedCountsBy(outcomes, (o) => (o.status === 'SKIPPED' ? skipDetail(o) : undefined));
