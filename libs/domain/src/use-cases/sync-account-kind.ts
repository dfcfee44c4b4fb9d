import { AccountId } from '../accounts/account-id';
import { SyncConfig } from '../config/sync-config';
import { ContactSlot } from '../contacts/contact-value';
import { ContactFingerprints } from '../fingerprints/fingerprint';
import { LoggerPort } from '../ports/logger.port';
import { OrganizationPort } from '../ports/organization.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { InterruptionCode, WorkInterrupted, WriteSuperseded } from '../resilience/interruption';
import { ExhaustedCallError } from '../resilience/resilient-contacts';
import { instantText } from '../shared/instant-text';
import { AccountOutcome, WriteIntent } from '../sync/account-outcome';
import { decideAfterRead, decideBeforeRead } from '../sync/account-kind-decision';
import { DesiredProblem } from '../sync/desired-values';
import {
  dryRunOutcome,
  failedOutcome,
  OutcomeKey,
  OutcomeMarks,
  skippedAfterReadOutcome,
  skippedOutcome,
  supersededOutcome,
  unchangedOutcome,
  updatedOutcome,
} from '../sync/outcomes';
import { TargetingSkip } from '../targeting/targeting-rules';
import { GuardedWrite, WriteCancelled, WriteHeldBack, WriteStepDeps, WriteTarget } from './guarded-write';
import { stopForFailure } from './item-delivery';
import { compareMember } from './member-comparison';

/** Everything one account-kind of an item is processed with. */
export interface AccountKindTarget extends WriteTarget {
  readonly wanted: ContactSlot | DesiredProblem;
  readonly config: SyncConfig;
  /** The targeting rule that leaves the account out (its id, or its tags), if one does. */
  readonly skip?: TargetingSkip;
  /** The write an earlier delivery began and was cut off in, if one did. */
  readonly intent?: WriteIntent;
  /** Whether an account-kind that exhausts its attempts on a retryable error may be left for a later delivery. */
  readonly mayRetryLater: boolean;
}

/** What one account-kind's step works with: the write step's dependencies, and the organization, fingerprints and log. */
export interface AccountKindDeps extends WriteStepDeps {
  readonly organization: OrganizationPort;
  readonly fingerprints: ContactFingerprints;
  readonly logger: LoggerPort;
}

/**
 * One account-kind of a work item brought in line with its run: decided before the read (kind,
 * rules, wanted value), read and compared, then written only when different (see {@link GuardedWrite}).
 * An earlier delivery's write cut off before its outcome is made again, so that it is certain. Every
 * way the write can end (a newer run, a cancellation, the rules read again, the API) becomes one
 * outcome, or the reason the worker must stop and leave the item for a later delivery.
 */
export class SyncAccountKind {
  constructor(private readonly deps: AccountKindDeps) {}

  /** The account-kind's outcome, or why the worker must stop. */
  async outcome(t: AccountKindTarget): Promise<AccountOutcome | InterruptionCode> {
    const write = new GuardedWrite(this.deps, t);
    if (t.intent) await write.doubtEarlierDelivery();
    const outcome = await this.decide(t, write);
    await write.settle();
    return outcome;
  }

  private async decide(t: AccountKindTarget, write: GuardedWrite): Promise<AccountOutcome | InterruptionCode> {
    const key: OutcomeKey = { runId: t.run.runId, accountId: t.accountId, kind: t.kind };
    const gate = decideBeforeRead({ kind: t.kind, enabledKinds: t.config.kinds, skip: t.skip, wanted: t.wanted });
    if (gate.decision === 'SKIP') return skippedOutcome(key, gate.why, this.marks(t, 0));
    if (gate.decision === 'FAIL') return failedOutcome(key, gate.errorCode, this.marks(t, 0));
    let attempts = 0;
    try {
      // Not worth reading the member for a run that can no longer write it (the rules are read before the write itself).
      await write.ensureLive();
      if (t.intent && !t.config.dryRun) {
        // An earlier delivery began this write and was cut off: make it again, so that it is certain.
        // Its guard checks the rules again: a write the earlier delivery's check held back, or that the
        // rules now leave out, is not made (the intent alone never makes a write).
        const written = await write.send(t.intent.action === 'PUT' ? gate.wanted : undefined, t.intent);
        attempts += written.attempts;
        if (written.value === 'ABSENT') return this.foundAbsent(t, key, write, attempts);
        return updatedOutcome(key, t.intent, { attempts, at: this.now() });
      }
      const compared = await compareMember(this.deps.contacts, t.accountId, t.kind, gate.wanted, t.config.propagateDeletions, {
        deadlineMs: t.deadlineMs,
      });
      attempts += compared.attempts;
      const next = decideAfterRead(compared.current, compared.diff, t.config.dryRun, (value) => this.deps.fingerprints.of(value));
      if (next.decision === 'UNCHANGED') return unchangedOutcome(key, next.fingerprint, this.marks(t, attempts));
      if (next.decision === 'SKIP') return skippedAfterReadOutcome(key, next.reason, next.beforeFingerprint, this.marks(t, attempts));
      if (next.decision === 'DRY_RUN') return dryRunOutcome(key, next.write, this.marks(t, attempts));
      const written = await write.send(next.value, next.write, { ...key, ...next.write, at: this.now() }, { value: compared.current });
      attempts += written.attempts;
      if (written.value === 'ABSENT') return this.foundAbsent(t, key, write, attempts);
      return updatedOutcome(key, next.write, { attempts, at: this.now() });
    } catch (error) {
      return this.afterFailure(t, key, write, error, attempts);
    }
  }

  /** What a write (or the read before it) that threw ends in: an outcome, or why the worker stops. */
  private async afterFailure(
    t: AccountKindTarget,
    key: OutcomeKey,
    write: GuardedWrite,
    error: unknown,
    attemptsBefore: number,
  ): Promise<AccountOutcome | InterruptionCode> {
    if (error instanceof WorkInterrupted) return error.code;
    if (error instanceof WriteSuperseded) return supersededOutcome(key, this.marks(t, attemptsBefore, write.unconfirmed));
    const attempts = attemptsBefore + (error instanceof ExhaustedCallError ? error.attempts : 0);
    if (error instanceof WriteHeldBack) return this.heldBack(t, key, error, this.marks(t, attempts, write.unconfirmed));
    if (error instanceof WriteCancelled) return skippedOutcome(key, 'CANCELLED', this.marks(t, attempts, write.unconfirmed));
    const failure = error instanceof ContactApiError ? error : undefined;
    const stop = stopForFailure(failure?.code, t.mayRetryLater);
    if (stop) return stop;
    if (failure?.code === 'ACCESS_DENIED') {
      const gone = await this.accountGone(t.accountId);
      if (gone) return skippedOutcome(key, gone, this.marks(t, attempts, write.unconfirmed));
    }
    return failedOutcome(key, failure?.code ?? 'UNKNOWN', this.marks(t, attempts, write.unconfirmed), failure?.requestId);
  }

  /**
   * The outcome of a delete that found the contact already absent (another writer deleted it since
   * the member was read, or an earlier attempt of this run whose answer was lost did): the member
   * holds the wanted state, but the answered request changed nothing, so it is not UPDATED. When an
   * earlier attempt of this delivery got no usable answer, that attempt may be what deleted it: the
   * outcome says the write is unconfirmed.
   */
  private foundAbsent(t: AccountKindTarget, key: OutcomeKey, write: GuardedWrite, attempts: number): AccountOutcome {
    return unchangedOutcome(key, this.deps.fingerprints.of(undefined), this.marks(t, attempts, write.unanswered));
  }

  /**
   * The outcome of a write the rules read again before it held back: SKIPPED for the reason they
   * give (dry run with the write it would have made), or, when the account's parents or tags could
   * not be read, FAILED as the fail-closed reads of the launch and the item are (left for a later
   * delivery while one may retry; SKIPPED when the account has left or is no longer ACTIVE).
   */
  private async heldBack(
    t: AccountKindTarget,
    key: OutcomeKey,
    { verdict, planned }: WriteHeldBack,
    marks: OutcomeMarks,
  ): Promise<AccountOutcome | InterruptionCode> {
    this.deps.logger.info('write held back by the rules read again before it', {
      runId: t.run.runId,
      accountId: t.accountId,
      kind: t.kind,
      verdict: verdict.verdict,
    });
    switch (verdict.verdict) {
      case 'KIND_DISABLED':
        return skippedOutcome(key, 'KIND_DISABLED', marks);
      case 'LEFT_OUT':
        return skippedOutcome(key, verdict.skip, marks);
      case 'DRY_RUN':
        return dryRunOutcome(key, planned, marks);
      case 'UNREADABLE': {
        const gone = await this.accountGone(t.accountId).catch(() => undefined);
        if (gone) return skippedOutcome(key, gone, marks);
        if (t.mayRetryLater) return 'RETRYABLE_FAILURE';
        return failedOutcome(key, verdict.errorCode, marks);
      }
    }
  }

  /** Why a member refused us, when the reason is that it is no longer an ACTIVE member. */
  private async accountGone(accountId: AccountId): Promise<'ACCOUNT_LEFT' | 'ACCOUNT_NOT_ACTIVE' | undefined> {
    const account = await this.deps.organization.describeAccount(accountId);
    if (!account) return 'ACCOUNT_LEFT';
    return account.state === 'ACTIVE' ? undefined : 'ACCOUNT_NOT_ACTIVE';
  }

  /**
   * The marks of an outcome other than UPDATED, stamped now. An earlier delivery's write may have
   * landed (it left an intent): whatever this one concludes, the outcome says so, as it does when
   * this delivery's own write may have (`unconfirmedHere`).
   */
  private marks(t: AccountKindTarget, attempts: number, unconfirmedHere = false): OutcomeMarks {
    return { attempts, at: this.now(), unconfirmed: t.intent !== undefined || unconfirmedHere };
  }

  /** Every outcome and intent is stamped: their text is made from the second's, not from a new Date each time. */
  private now(): string {
    return instantText(this.deps.clock.now());
  }
}
