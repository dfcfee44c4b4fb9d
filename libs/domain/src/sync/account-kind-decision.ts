import { ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue } from '../contacts/contact-value';
import { TargetingSkip } from '../targeting/targeting-rules';
import { DesiredProblem, isDesiredProblem } from './desired-values';
import { ContactDiff } from './diff-contact';
import { SkipAfterRead, WriteFingerprints } from './outcomes';

/** What decides an account-kind before its member is read: the rules in force, and the run's wanted value. */
export interface BeforeRead {
  readonly kind: ContactKind;
  /** The kinds the configuration syncs now. */
  readonly enabledKinds: readonly ContactKind[];
  /** The targeting rule that leaves the account out, if one does. */
  readonly skip?: TargetingSkip;
  readonly wanted: ContactSlot | DesiredProblem;
}

/**
 * Before the read: skip a kind the configuration no longer syncs, or an account a rule leaves out;
 * fail a kind whose wanted value the run could not read or holds broken; otherwise read the member
 * and compare it with the wanted value.
 */
export type BeforeReadDecision =
  | { readonly decision: 'SKIP'; readonly why: 'KIND_DISABLED' | TargetingSkip }
  | { readonly decision: 'FAIL'; readonly errorCode: 'INVALID' | 'DESIRED_VALUE_UNREADABLE' }
  | { readonly decision: 'READ'; readonly wanted: ContactSlot };

/** What to do with an account-kind before reading its member (see {@link BeforeReadDecision}). */
export function decideBeforeRead(input: BeforeRead): BeforeReadDecision {
  if (!input.enabledKinds.includes(input.kind)) return { decision: 'SKIP', why: 'KIND_DISABLED' };
  if (input.skip) return { decision: 'SKIP', why: input.skip };
  if (isDesiredProblem(input.wanted))
    return { decision: 'FAIL', errorCode: input.wanted === 'INVALID' ? 'INVALID' : 'DESIRED_VALUE_UNREADABLE' };
  return { decision: 'READ', wanted: input.wanted };
}

/**
 * After the read: the member already holds the wanted value (UNCHANGED, with its fingerprint); the
 * diff says not to touch it (SKIP, e.g. a deletion not propagated); in dry run, the write that would
 * be made (DRY_RUN); otherwise the write to make (WRITE: `value` to put, or undefined to delete).
 */
export type AfterReadDecision =
  | { readonly decision: 'UNCHANGED'; readonly fingerprint: string }
  | { readonly decision: 'SKIP'; readonly reason: SkipAfterRead; readonly beforeFingerprint: string }
  | { readonly decision: 'DRY_RUN'; readonly write: WriteFingerprints }
  | { readonly decision: 'WRITE'; readonly write: WriteFingerprints; readonly value: ContactValue | undefined };

/**
 * What to do with an account-kind once its member's value (`current`) was compared with the wanted
 * one (`diff`). `fingerprintOf` names values in the outcome (never the values themselves); the value
 * after the write is fingerprinted only when there is a write.
 */
export function decideAfterRead(
  current: ContactSlot,
  diff: ContactDiff,
  dryRun: boolean,
  fingerprintOf: (value: ContactSlot) => string,
): AfterReadDecision {
  const before = fingerprintOf(current);
  if (diff.action === 'UNCHANGED') return { decision: 'UNCHANGED', fingerprint: before };
  if (diff.action === 'SKIP') return { decision: 'SKIP', reason: diff.reason, beforeFingerprint: before };
  const value = diff.action === 'PUT' ? diff.value : undefined;
  const write: WriteFingerprints = { action: diff.action, beforeFingerprint: before, afterFingerprint: fingerprintOf(value) };
  return dryRun ? { decision: 'DRY_RUN', write } : { decision: 'WRITE', write, value };
}
