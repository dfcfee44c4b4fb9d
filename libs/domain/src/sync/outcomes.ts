import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { TargetingSkip } from '../targeting/targeting-rules';
import { AccountOutcome, OutcomeErrorCode, SkipReason, skipFields } from './account-outcome';
import { ContactDiff } from './diff-contact';

/** The account-kind of a run an outcome is about. */
export interface OutcomeKey {
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
}

/** What every outcome tells besides its status: the calls that went out for it, and when it was decided. */
export interface OutcomeMarks {
  readonly attempts: number;
  readonly at: string;
  /**
   * True when a write of this run may have landed unseen (see {@link AccountOutcome.unconfirmedWrite}):
   * the outcome then carries `unconfirmedWrite: true`, and no field at all otherwise.
   */
  readonly unconfirmed?: boolean;
}

/** A write as the audit tells it: what it does, and the fingerprints of the member's value before and after it. */
export interface WriteFingerprints {
  readonly action: 'PUT' | 'DELETE';
  /** Undefined only in a write intent stored by a version that did not record it. */
  readonly beforeFingerprint?: string;
  readonly afterFingerprint: string;
}

/** Why an account-kind was skipped after its member was read: the diff's own reasons. */
export type SkipAfterRead = Extract<ContactDiff, { readonly action: 'SKIP' }>['reason'];

// The marks go last, in one place: `unconfirmedWrite` is present only when true, so that outcomes
// stored by every status read the same to the report and the audit.
const marked = (marks: OutcomeMarks) => ({
  ...(marks.unconfirmed ? { unconfirmedWrite: true } : {}),
  attempts: marks.attempts,
  at: marks.at,
});

const keyed = ({ runId, accountId, kind }: OutcomeKey) => ({ runId, accountId, kind });

/** UPDATED: the write went out and the API answered that it took effect. An UPDATED outcome is never unconfirmed. */
export const updatedOutcome = (key: OutcomeKey, write: WriteFingerprints, marks: Omit<OutcomeMarks, 'unconfirmed'>): AccountOutcome => ({
  ...keyed(key),
  status: 'UPDATED',
  action: write.action,
  beforeFingerprint: write.beforeFingerprint,
  afterFingerprint: write.afterFingerprint,
  ...marked(marks),
});

/** UNCHANGED: the member already holds the wanted value, whose fingerprint is both before and after. */
export const unchangedOutcome = (key: OutcomeKey, fingerprint: string, marks: OutcomeMarks): AccountOutcome => ({
  ...keyed(key),
  status: 'UNCHANGED',
  beforeFingerprint: fingerprint,
  afterFingerprint: fingerprint,
  ...marked(marks),
});

/**
 * SKIPPED for a reason decided without reading the member: a targeting rule (with the rule it names)
 * or a reason of the worker's own (the kind disabled, the run cancelled, the account gone, ...).
 */
export const skippedOutcome = (key: OutcomeKey, why: SkipReason | TargetingSkip, marks: OutcomeMarks): AccountOutcome => ({
  ...keyed(key),
  status: 'SKIPPED',
  ...(typeof why === 'string' ? { skipReason: why } : skipFields(why)),
  ...marked(marks),
});

/** SKIPPED after the member was read: what it holds (its fingerprint) is kept in the outcome. */
export const skippedAfterReadOutcome = (
  key: OutcomeKey,
  reason: SkipAfterRead,
  beforeFingerprint: string,
  marks: OutcomeMarks,
): AccountOutcome => ({
  ...keyed(key),
  status: 'SKIPPED',
  skipReason: reason,
  beforeFingerprint,
  ...marked(marks),
});

/** SKIPPED in dry run: the write that would have been made, with its fingerprints, and nothing written. */
export const dryRunOutcome = (key: OutcomeKey, write: WriteFingerprints, marks: OutcomeMarks): AccountOutcome => ({
  ...keyed(key),
  status: 'SKIPPED',
  action: write.action,
  skipReason: write.action === 'PUT' ? 'DRY_RUN_WOULD_PUT' : 'DRY_RUN_WOULD_DELETE',
  beforeFingerprint: write.beforeFingerprint,
  afterFingerprint: write.afterFingerprint,
  ...marked(marks),
});

/** SUPERSEDED: a newer run holds the kind, so this run writes it no more. */
export const supersededOutcome = (key: OutcomeKey, marks: OutcomeMarks): AccountOutcome => ({
  ...keyed(key),
  status: 'SUPERSEDED',
  ...marked(marks),
});

/** FAILED with a stable code, and the API's request id when a call failed with one (never a value). */
export const failedOutcome = (key: OutcomeKey, errorCode: OutcomeErrorCode, marks: OutcomeMarks, requestId?: string): AccountOutcome => ({
  ...keyed(key),
  status: 'FAILED',
  errorCode,
  ...(requestId !== undefined ? { requestId } : {}),
  ...marked(marks),
});
