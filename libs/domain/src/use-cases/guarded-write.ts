import { deletableKind } from '../contacts/contact-kinds';
import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue } from '../contacts/contact-value';
import { ClockPort } from '../ports/clock.port';
import { MetricsPort } from '../ports/metrics.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { WorkInterrupted, WriteSuperseded } from '../resilience/interruption';
import { Attempted, CallOptions, ResilientContacts } from '../resilience/resilient-contacts';
import { WriteIntent } from '../sync/account-outcome';
import { WriteFingerprints } from '../sync/outcomes';
import { PreWriteCheck, PreWriteVerdict } from './pre-write-check';
import { PreviousValues } from './previous-values';
import { runIsLive, SyncRun } from '../sync/sync-run';
import { answeredWriteSettlesAt, unansweredWriteSettlesAt, WriteTiming } from '../sync/write-doubt';

/** What a guarded write works with: the contacts API, the kinds' heads, the runs, the intents and doubts, the rules' check, the previous values' keeper, time. */
export interface WriteStepDeps {
  readonly contacts: ResilientContacts;
  readonly kindHeads: KindHeadsPort;
  readonly runs: Pick<RunStorePort, 'getRun'>;
  readonly outcomes: Pick<OutcomeLedgerPort, 'recordIntent' | 'recordDoubt'>;
  readonly preWrite: PreWriteCheck;
  readonly previousValues: PreviousValues;
  readonly clock: ClockPort;
  readonly metrics: MetricsPort;
  readonly timing: WriteTiming;
}

/** The account-kind a write is for, in its run, and the deadline no attempt may start after. */
export interface WriteTarget {
  readonly run: SyncRun;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly deadlineMs?: number;
}

/** What the rules read again before a write say when they hold it back. */
export type HeldBackVerdict = Exclude<PreWriteVerdict, { readonly verdict: 'WRITE' | 'DEADLINE' | 'UNSETTLED' }>;

/** Thrown by a write's guard when the rules read again immediately before it leave the account-kind out. */
export class WriteHeldBack extends Error {
  override readonly name = 'WriteHeldBack';

  constructor(
    readonly verdict: HeldBackVerdict,
    readonly planned: WriteFingerprints,
  ) {
    super(`the rules read again before the write leave it out (${verdict.verdict})`);
  }
}

/** Thrown by a write's guard when the run was cancelled: nothing more of it is written. */
export class WriteCancelled extends Error {
  override readonly name = 'WriteCancelled';
}

/** Failures after which the request may still have taken effect: timeouts, dropped connections, lost answers, server faults. */
const MAY_HAVE_LANDED: ReadonlySet<string> = new Set(['TRANSIENT', 'UNKNOWN']);

/**
 * One account-kind's write, guarded, with the bookkeeping that keeps it safe under crashes and newer
 * runs. Immediately before each attempt goes out: the kind still this run's, then the rules read
 * again (see {@link PreWriteCheck}), then, for the first attempt of a new write, the member's previous
 * value kept and the write intent stored, and last the run read again for a cancellation. What the
 * attempts tell of the write's landing is watched, and {@link GuardedWrite.settle} records a doubt
 * when it may land behind a newer run's back.
 */
export class GuardedWrite {
  /** When the last attempt went out (its guard passed). */
  private sentAt?: number;
  /** When the latest attempt that went out and got no usable answer (it may still land) was sent. */
  private unansweredSentAt?: number;
  /** When a write was answered: it took effect before. */
  private answeredAt?: number;
  /** Attempts of this delivery's write that went out: after one, a later refusal leaves the write unconfirmed. */
  private writesSent = 0;
  private intentStored = false;

  constructor(
    private readonly deps: WriteStepDeps,
    private readonly target: WriteTarget,
  ) {}

  /** Whether an attempt of this write went out: an outcome other than UPDATED then says the write is unconfirmed. */
  get unconfirmed(): boolean {
    return this.writesSent > 0;
  }

  /** Whether an attempt went out and got no usable answer: it may be what changed the member. */
  get unanswered(): boolean {
    return this.unansweredSentAt !== undefined;
  }

  /** Throws {@link WriteSuperseded} or {@link WriteCancelled} when the run may no longer write the kind. */
  async ensureLive(): Promise<void> {
    await this.superseded();
    await this.cancelled();
  }

  /**
   * Sends the write: puts `value`, or deletes the contact when it is undefined. `intent` (with the
   * member's `previous` value) is stored just before the first attempt goes out: an intent then always
   * means a request was about to be sent, never one that a check held back or a deadline stopped.
   * WRITTEN when the API answered that it took effect (it then landed before the answer); ABSENT when
   * a delete found no contact to delete, so this request changed nothing and is not watched as landed.
   */
  async send(
    value: ContactValue | undefined,
    planned: WriteFingerprints,
    intent?: WriteIntent,
    previous?: { readonly value: ContactSlot },
  ): Promise<Attempted<'WRITTEN' | 'ABSENT'>> {
    const options: CallOptions = {
      deadlineMs: this.target.deadlineMs,
      guard: () => this.guard(planned, intent, previous),
      onAttemptFailed: (error: ContactApiError) => {
        if (MAY_HAVE_LANDED.has(error.code) && this.sentAt !== undefined) this.unansweredSentAt = this.sentAt;
      },
    };
    const { contacts, clock } = this.deps;
    if (value) {
      const put = await contacts.write(value, this.target.accountId, options);
      this.answeredAt = clock.now();
      return { value: 'WRITTEN', attempts: put.attempts };
    }
    const removed = await contacts.remove(deletableKind(this.target.kind), this.target.accountId, options);
    if (removed.value === 'ABSENT') return { value: 'ABSENT', attempts: removed.attempts };
    this.answeredAt = clock.now();
    return { value: 'WRITTEN', attempts: removed.attempts };
  }

  /**
   * Records a doubt for an earlier delivery cut off in this write: its request may land until it is no
   * longer valid. This delivery began after that one's invocation ended, so after its last request was signed.
   */
  async doubtEarlierDelivery(): Promise<void> {
    await this.doubt(unansweredWriteSettlesAt(this.deps.clock.now(), this.deps.timing));
  }

  /**
   * Records a doubt when this delivery's write may land after a newer run read the member: an attempt
   * that got no usable answer (it may land until it is no longer valid), or an answered write while
   * the kind moved on to a newer generation (the newer run may have read the member before it landed).
   * An answered write while the kind was still this run's landed before any newer run claimed it, so
   * that run, reading after its fence, sees it.
   */
  async settle(): Promise<void> {
    const { kindHeads, timing } = this.deps;
    const { run, kind } = this.target;
    let dueAtMs = this.unansweredSentAt !== undefined ? unansweredWriteSettlesAt(this.unansweredSentAt, timing) : undefined;
    if (this.answeredAt !== undefined && ((await kindHeads.headOf(kind))?.generation ?? 0) !== run.generations?.[kind])
      dueAtMs = Math.max(dueAtMs ?? 0, answeredWriteSettlesAt(this.answeredAt, timing));
    if (dueAtMs !== undefined) await this.doubt(dueAtMs);
  }

  private async doubt(dueAtMs: number): Promise<void> {
    await this.deps.outcomes.recordDoubt({ accountId: this.target.accountId, kind: this.target.kind, dueAtMs });
    this.deps.metrics.add('WritesInDoubt');
  }

  private async superseded(): Promise<void> {
    const head = await this.deps.kindHeads.headOf(this.target.kind);
    if ((head?.generation ?? 0) !== this.target.run.generations?.[this.target.kind]) throw new WriteSuperseded();
  }

  /** The run read again: a cancellation stored since the item began stops its later writes. */
  private async cancelled(): Promise<void> {
    const current = await this.deps.runs.getRun(this.target.run.runId);
    if (!current || !runIsLive(current)) throw new WriteCancelled();
  }

  // The configuration is read last by the check, so that a change stored after it is read is the only one it can miss.
  private async guard(planned: WriteFingerprints, intent?: WriteIntent, previous?: { readonly value: ContactSlot }): Promise<void> {
    await this.superseded();
    const check = await this.deps.preWrite.verdict(this.target.accountId, this.target.kind, this.target.deadlineMs);
    if (check.verdict === 'DEADLINE') throw new WorkInterrupted('DEADLINE', 'no time left to read the account tags before a write');
    if (check.verdict === 'UNSETTLED')
      throw new WorkInterrupted('RETRYABLE_FAILURE', 'the configuration kept changing under the check before a write');
    if (check.verdict !== 'WRITE') throw new WriteHeldBack(check, planned);
    if (intent && !this.intentStored) {
      // The member's previous value is kept (sealed) before the intent: no write goes out without it.
      if (previous) await this.deps.previousValues.keep(intent, previous.value);
      await this.deps.outcomes.recordIntent(intent);
      this.intentStored = true;
    }
    // Last, after the intent: a cancellation stored before this read stops the write, and one stored
    // after it finds the intent, so the finisher records the write as unconfirmed.
    await this.cancelled();
    this.writesSent += 1;
    this.sentAt = this.deps.clock.now();
  }
}
