import { AccountId } from '../accounts/account-id';
import { SyncConfig } from '../config/sync-config';
import { AlternateContactType, CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue } from '../contacts/contact-value';
import { ContactFingerprints } from '../fingerprints/fingerprint';
import { AuditLogPort } from '../ports/audit-log.port';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { OrganizationPort } from '../ports/organization.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { SyncStatePort } from '../ports/sync-state.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { loggableError } from '../shared/domain-error';
import { instantText } from '../shared/instant-text';
import { InterruptionCode, WorkInterrupted, WriteSuperseded } from '../resilience/interruption';
import { Attempted, CallOptions, ExhaustedCallError, ResilientContacts } from '../resilience/resilient-contacts';
import { AccountOutcome, skipFields, targetKey, WriteIntent } from '../sync/account-outcome';
import { auditEntryFor } from '../sync/audit-entry';
import { PreWriteCheck, PreWriteVerdict } from './pre-write-check';
import { PreviousValues } from './previous-values';
import { DesiredProblem, desiredSlots, isDesiredProblem } from '../sync/desired-values';
import { heldKinds, runIsLive, SyncRun } from '../sync/sync-run';
import { itemIndex, WorkItem } from '../sync/work-item';
import { answeredWriteSettlesAt, DEFAULT_WRITE_TIMING, unansweredWriteSettlesAt, WriteTiming } from '../sync/write-doubt';
import { TagReader } from '../organization/tag-reader';
import { TARGETING_SKIP_REASONS, TargetingRules, targetingRulesOf, TargetingSkip } from '../targeting/targeting-rules';
import { FinishRun } from './finish-run';
import { compareMember } from './member-comparison';

/** The invocation a worker processes an item in. */
export interface WorkerContext {
  /** Who holds the item while it is processed: unique per invocation and message. */
  readonly holder: string;
  /** Epoch milliseconds after which no new call may start; undefined for no limit. */
  readonly deadlineMs?: number;
  /**
   * Epoch milliseconds at which the invocation is killed (its timeout): the item stays held until
   * then, so that no other delivery takes it while this one may still be writing.
   */
  readonly endsAtMs?: number;
  /**
   * Which delivery of the item this is (SQS's ApproximateReceiveCount), when known. Before the
   * last delivery that may retry, an account-kind that exhausts its attempts on a retryable error
   * leaves the item for a later delivery instead of failing; from it on, it fails.
   */
  readonly delivery?: number;
}

/** The delivery from which an account-kind that keeps being throttled or faulted is recorded FAILED (SQS's maxReceiveCount is 5). */
export const FINAL_RETRYABLE_DELIVERY = 3;

/**
 * What a worker did with one item. Only INTERRUPTED and BUSY leave the item for a later delivery.
 * REFUSED: the message's accounts are not its stored item's; nothing was done, the item untouched.
 */
export type ItemResult =
  | { readonly status: 'DONE'; readonly outcomes: readonly AccountOutcome[]; readonly finishedRun: boolean }
  | { readonly status: 'ALREADY_DONE' | 'RUN_CLOSED' | 'UNKNOWN_ITEM' }
  | { readonly status: 'REFUSED'; readonly reason: 'ACCOUNTS_DIFFER' }
  | { readonly status: 'BUSY' }
  | { readonly status: 'INTERRUPTED'; readonly outcomes: readonly AccountOutcome[]; readonly reason: InterruptionCode };

/** How long an item is held when the worker has no deadline of its own. */
export const DEFAULT_ITEM_LEASE_MS = 15 * 60_000;

const METRIC = { UPDATED: 'Updated', UNCHANGED: 'Unchanged', SKIPPED: 'Skipped', SUPERSEDED: 'Superseded', FAILED: 'Failed' } as const;

/** Everything one account-kind is processed with. */
interface Target {
  readonly run: SyncRun;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly wanted: ContactSlot | DesiredProblem;
  readonly config: SyncConfig;
  /** The targeting rule that leaves the account out (its id, or its tags), if one does. */
  readonly skip?: TargetingSkip;
  readonly intent?: WriteIntent;
  readonly deadlineMs?: number;
  /** Whether an account-kind that exhausts its attempts on a retryable error may be left for a later delivery. */
  readonly mayRetryLater: boolean;
}

/** What the write attempts of one account-kind tell of their landing. */
interface WriteWatch {
  /** When the last attempt went out (its guard passed). */
  sentAt?: number;
  /** When the latest attempt that went out and got no usable answer (it may still land) was sent. */
  unansweredSentAt?: number;
  /** When a write was answered: it took effect before. */
  answeredAt?: number;
}

/** A write about to go out: what the outcome says of it if the rules read again hold it back in dry run. */
interface PlannedWrite {
  readonly action: 'PUT' | 'DELETE';
  readonly beforeFingerprint?: string;
  readonly afterFingerprint?: string;
}

/** Thrown by a write's guard when the rules read again immediately before it leave the account-kind out. */
class WriteHeldBack extends Error {
  override readonly name = 'WriteHeldBack';

  constructor(
    readonly verdict: Exclude<PreWriteVerdict, { readonly verdict: 'WRITE' | 'DEADLINE' | 'UNSETTLED' }>,
    readonly planned: PlannedWrite,
  ) {
    super(`the rules read again before the write leave it out (${verdict.verdict})`);
  }
}

/** Thrown by a write's guard when the run was cancelled: nothing more of it is written. */
class WriteCancelled extends Error {
  override readonly name = 'WriteCancelled';
}

/** Failures after which the request may still have taken effect: timeouts, dropped connections, lost answers, server faults. */
const MAY_HAVE_LANDED: ReadonlySet<string> = new Set(['TRANSIENT', 'UNKNOWN']);

/**
 * Brings every account of a work item in line with its run's desired values: read, diff, write only
 * when different. Safe under at-least-once delivery and crashes:
 * - the item is leased, so a duplicate delivery waits instead of writing twice;
 * - account-kinds with a stored outcome are not done again, and outcomes are stored once;
 * - a write intent is stored before each write, so a write cut off before its outcome is recorded
 *   as one by the next delivery;
 * - each write goes out only while the kind is still at the run's generation (the guard runs
 *   immediately before the request), so a superseded run never writes;
 * - the rules are checked again by the same guard, on every attempt of every write (see
 *   {@link PreWriteCheck}): the configuration read again, and the account's parent and tags when
 *   rules of their kind exist, so that disabling a kind, excluding an account (by id, OU or tag),
 *   switching dry run on, moving the account or retagging it stops the writes not yet sent, even
 *   those of an item already being worked;
 * - the configuration is also read for each item, so that members an item has not compared yet are
 *   judged by the rules in force (an UNCHANGED member is never re-checked: nothing is written to it);
 * - with tag rules, each account's tags are read once, paced by their own limiter, and only for
 *   accounts with a kind left to do that no earlier rule leaves out (an outcome already stored tells
 *   a later delivery what the tags decided);
 * - near its deadline, or while the API is down for long, the worker stops and leaves the rest.
 */
export class ProcessWorkItem {
  constructor(
    private readonly contacts: ResilientContacts,
    private readonly state: SyncStatePort,
    private readonly config: SyncConfigPort,
    private readonly organization: OrganizationPort,
    structure: OrganizationStructurePort,
    private readonly audit: AuditLogPort,
    private readonly finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
    private readonly fingerprints: ContactFingerprints,
    private readonly tags: TagReader,
    private readonly previousValues: PreviousValues,
    private readonly timing: WriteTiming = DEFAULT_WRITE_TIMING,
  ) {
    this.preWrite = new PreWriteCheck(config, structure, tags, logger);
  }

  private readonly preWrite: PreWriteCheck;

  /** Processes one delivery of a work item. */
  async execute(item: WorkItem, context: WorkerContext): Promise<ItemResult> {
    // The message names its item; the item the launch stored says which accounts it holds. A message
    // whose accounts differ (written to the queue by hand, or by someone who should not) is refused
    // before the item is touched: claimed and completed under it, the item's own accounts would
    // never be processed. The genuine message, or the sweeper's re-drive from the store, does them.
    const [storedItem] = await this.state.listItems(item.runId, { from: itemIndex(item.itemId), limit: 1 });
    if (storedItem?.item.itemId === item.itemId && !sameAccounts(storedItem.item.accountIds, item.accountIds)) {
      this.logger.error('work item refused: its accounts are not those of the stored item', { runId: item.runId, itemId: item.itemId });
      this.metrics.add('WorkItemsRefused');
      return { status: 'REFUSED', reason: 'ACCOUNTS_DIFFER' };
    }
    const now = this.clock.now();
    const endsAt = context.endsAtMs ?? context.deadlineMs;
    const lease = endsAt !== undefined ? Math.max(1, endsAt - now) : DEFAULT_ITEM_LEASE_MS;
    const claim = await this.state.claimItem(item.runId, item.itemId, context.holder, now, lease);
    if (claim === 'DONE') return { status: 'ALREADY_DONE' };
    if (claim === 'BUSY') return { status: 'BUSY' };
    if (claim === 'UNKNOWN') return { status: 'UNKNOWN_ITEM' };
    const run = await this.state.getRun(item.runId);
    if (!run) return { status: 'UNKNOWN_ITEM' };
    // A cancelled run is closed too: its finisher records what is left SKIPPED CANCELLED.
    if (!runIsLive(run)) return { status: 'RUN_CLOSED' };
    const { config } = await this.config.load();
    const rules = targetingRulesOf(config);
    const runExcluded: ReadonlySet<AccountId> = new Set(run.excludeAccounts ?? []);
    const mayRetryLater = context.delivery !== undefined && context.delivery < FINAL_RETRYABLE_DELIVERY;
    const progress = await this.state.itemProgress(item.runId, item.accountIds);
    const stored = new Map(progress.outcomes.map((o) => [targetKey(o.accountId, o.kind), o]));
    const intents = new Map(progress.intents.map((i) => [targetKey(i.accountId, i.kind), i]));
    const held = heldKinds(run);
    const slots = desiredSlots(held, run.desired, run.unreadableKinds);
    let interrupted: InterruptionCode | undefined;
    const fresh: AccountOutcome[] = [];
    await Promise.all(
      item.accountIds.map(async (accountId) => {
        const pending = held.filter((kind) => !stored.has(targetKey(accountId, kind)));
        if (pending.length === 0) return;
        const skip = runExcluded.has(accountId) ? BY_ID : await this.targeting(rules, accountId, pending, stored, intents, config, context);
        if (skip === 'TAGS_UNREADABLE' && mayRetryLater) {
          interrupted ??= 'RETRYABLE_FAILURE';
          return;
        }
        if (skip === 'DEADLINE') {
          interrupted ??= 'DEADLINE';
          return;
        }
        for (const kind of pending) {
          if (interrupted) continue;
          if (skip === 'TAGS_UNREADABLE' && config.kinds.includes(kind)) {
            fresh.push({ runId: run.runId, accountId, kind, status: 'FAILED', errorCode: 'TAGS_UNREADABLE', attempts: 0, at: this.now() });
            continue;
          }
          const result = await this.syncOne({
            run,
            accountId,
            kind,
            wanted: slots.get(kind) as ContactSlot | DesiredProblem,
            config,
            ...(typeof skip === 'object' ? { skip } : {}),
            mayRetryLater,
            intent: intents.get(targetKey(accountId, kind)),
            deadlineMs: context.deadlineMs,
          });
          if (typeof result === 'string') interrupted ??= result;
          else fresh.push(result);
        }
      }),
    );
    await this.state.recordOutcomes(fresh);
    // Every final outcome of the item is audited, not only the new ones: a delivery cut off between
    // storing outcomes and auditing them leaves the audit to the next one (entries are stored once).
    const all = [...stored.values(), ...fresh];
    await this.audit.append(all.map((outcome) => auditEntryFor(outcome, run.initiator)));
    for (const outcome of fresh) this.metrics.add(METRIC[outcome.status]);
    if (interrupted) {
      await this.state.releaseItem(item.runId, item.itemId, context.holder);
      this.logger.warn('work item left for a later delivery', {
        runId: item.runId,
        itemId: item.itemId,
        reason: interrupted,
        done: fresh.length,
      });
      return { status: 'INTERRUPTED', outcomes: fresh, reason: interrupted };
    }
    const finishedRun = await this.state.completeItem(item.runId, item.itemId, this.now());
    if (finishedRun) await this.finishRun.execute(item.runId);
    return { status: 'DONE', outcomes: all, finishedRun };
  }

  /**
   * The targeting rule that leaves an account out: its id, else its tags when a tag rule exists
   * (read once: not again when an outcome of this run already followed from them). TAGS_UNREADABLE
   * when they could not be read (the account is then not written: a tag might exclude it), DEADLINE
   * when the read could not start in time. The OU rules were the launch's: it stored their outcomes.
   */
  private async targeting(
    rules: TargetingRules,
    accountId: AccountId,
    pending: readonly ContactKind[],
    stored: ReadonlyMap<string, AccountOutcome>,
    intents: ReadonlyMap<string, WriteIntent>,
    config: SyncConfig,
    context: WorkerContext,
  ): Promise<TargetingSkip | 'TAGS_UNREADABLE' | 'DEADLINE' | undefined> {
    const byId = rules.byId(accountId);
    if (byId || !rules.hasTagRules || !pending.some((kind) => config.kinds.includes(kind))) return byId;
    const decided = decidedByTags(accountId, stored, intents);
    if (decided !== undefined) return decided === 'TARGETED' ? undefined : decided;
    try {
      const tags = await this.tags.tagsOf(accountId, context.deadlineMs);
      return tags === undefined ? 'DEADLINE' : rules.byTags(tags);
    } catch (error) {
      this.logger.warn('account tags unreadable', { accountId, error: loggableError(error) });
      return 'TAGS_UNREADABLE';
    }
  }

  /** One account-kind's outcome, or why the worker must stop. */
  private async syncOne(t: Target): Promise<AccountOutcome | InterruptionCode> {
    const watch: WriteWatch = {};
    // An earlier delivery was cut off in a write: its request may land until it is no longer valid.
    // This delivery began after that one's invocation ended, so after its last request was signed.
    if (t.intent) await this.doubt(t, unansweredWriteSettlesAt(this.clock.now(), this.timing));
    const outcome = await this.outcomeOf(t, watch);
    await this.doubtLanding(t, watch);
    // An earlier delivery's write may have landed: whatever this one concludes, the outcome says so.
    return t.intent !== undefined && typeof outcome !== 'string' && outcome.status !== 'UPDATED'
      ? { ...outcome, unconfirmedWrite: true }
      : outcome;
  }

  /**
   * Records a doubt when this delivery's write may land after a newer run read the member: an attempt
   * that got no usable answer (it may land until it is no longer valid), or an answered write while
   * the kind moved on to a newer generation (the newer run may have read the member before it landed).
   * An answered write while the kind was still this run's landed before any newer run claimed it, so
   * that run, reading after its fence, sees it.
   */
  private async doubtLanding(t: Target, watch: WriteWatch): Promise<void> {
    let dueAtMs = watch.unansweredSentAt !== undefined ? unansweredWriteSettlesAt(watch.unansweredSentAt, this.timing) : undefined;
    if (watch.answeredAt !== undefined && ((await this.state.headOf(t.kind))?.generation ?? 0) !== t.run.generations?.[t.kind])
      dueAtMs = Math.max(dueAtMs ?? 0, answeredWriteSettlesAt(watch.answeredAt, this.timing));
    if (dueAtMs !== undefined) await this.doubt(t, dueAtMs);
  }

  private async doubt(t: Target, dueAtMs: number): Promise<void> {
    await this.state.recordDoubt({ accountId: t.accountId, kind: t.kind, dueAtMs });
    this.metrics.add('WritesInDoubt');
  }

  private async outcomeOf(t: Target, watch: WriteWatch): Promise<AccountOutcome | InterruptionCode> {
    const base = { runId: t.run.runId, accountId: t.accountId, kind: t.kind };
    if (!t.config.kinds.includes(t.kind)) return { ...base, status: 'SKIPPED', skipReason: 'KIND_DISABLED', attempts: 0, at: this.now() };
    if (t.skip)
      return {
        ...base,
        status: 'SKIPPED',
        ...skipFields(t.skip),
        attempts: 0,
        at: this.now(),
      };
    if (isDesiredProblem(t.wanted)) {
      return {
        ...base,
        status: 'FAILED',
        errorCode: t.wanted === 'INVALID' ? 'INVALID' : 'DESIRED_VALUE_UNREADABLE',
        attempts: 0,
        at: this.now(),
      };
    }
    const wanted = t.wanted;
    let attempts = 0;
    // Attempts of this delivery's write that went out: after one, a later refusal leaves the write unconfirmed.
    let writesSent = 0;
    const superseded = async () => {
      const head = await this.state.headOf(t.kind);
      if ((head?.generation ?? 0) !== t.run.generations?.[t.kind]) throw new WriteSuperseded();
    };
    // The run read again: a cancellation stored since the item began stops its later writes.
    const cancelled = async () => {
      const current = await this.state.getRun(t.run.runId);
      if (!current || !runIsLive(current)) throw new WriteCancelled();
    };
    // Immediately before each attempt goes out: the kind still this run's, then the rules read again
    // (the configuration last, so that a change stored after it is read is the only one it can miss).
    // The intent of a new write is stored once the first attempt passed them, just before it goes
    // out: an intent then always means a request was about to be sent, never one that a check held
    // back or a deadline stopped (which a later delivery would otherwise doubt and verify).
    // The member's previous value is kept (sealed) before the intent: no write goes out without it.
    let intentStored = false;
    const guard = async (planned: PlannedWrite, intent?: WriteIntent, previous?: { readonly value: ContactSlot }) => {
      await superseded();
      const check = await this.preWrite.verdict(t.accountId, t.kind, t.deadlineMs);
      if (check.verdict === 'DEADLINE') throw new WorkInterrupted('DEADLINE', 'no time left to read the account tags before a write');
      if (check.verdict === 'UNSETTLED')
        throw new WorkInterrupted('RETRYABLE_FAILURE', 'the configuration kept changing under the check before a write');
      if (check.verdict !== 'WRITE') throw new WriteHeldBack(check, planned);
      if (intent && !intentStored) {
        if (previous) await this.previousValues.keep(intent, previous.value);
        await this.state.recordIntent(intent);
        intentStored = true;
      }
      // Last, after the intent: a cancellation stored before this read stops the write, and one stored
      // after it finds the intent, so the finisher records the write as unconfirmed.
      await cancelled();
      writesSent += 1;
      watch.sentAt = this.clock.now();
    };
    const onAttemptFailed = (error: ContactApiError) => {
      if (MAY_HAVE_LANDED.has(error.code) && watch.sentAt !== undefined) watch.unansweredSentAt = watch.sentAt;
    };
    const writeOptions = (planned: PlannedWrite, intent?: WriteIntent, previous?: { readonly value: ContactSlot }): CallOptions => ({
      deadlineMs: t.deadlineMs,
      guard: () => guard(planned, intent, previous),
      onAttemptFailed,
    });
    const unconfirmed = () => writesSent > 0;
    try {
      // Not worth reading the member for a run that can no longer write it (the rules are read before the write itself).
      await superseded();
      await cancelled();
      if (t.intent && !t.config.dryRun) {
        // An earlier delivery began this write and was cut off: make it again, so that it is certain.
        // Its guard checks the rules again: a write the earlier delivery's check held back, or that the
        // rules now leave out, is not made (the intent alone never makes a write).
        const written = await this.send(t, t.intent.action === 'PUT' ? wanted : undefined, writeOptions(t.intent), watch);
        attempts += written.attempts;
        if (written.value === 'ABSENT') return this.foundAbsent(base, watch, attempts);
        return {
          ...base,
          status: 'UPDATED',
          action: t.intent.action,
          beforeFingerprint: t.intent.beforeFingerprint,
          afterFingerprint: t.intent.afterFingerprint,
          attempts,
          at: this.now(),
        };
      }
      const compared = await compareMember(this.contacts, t.accountId, t.kind, wanted, t.config.propagateDeletions, {
        deadlineMs: t.deadlineMs,
      });
      attempts += compared.attempts;
      const before = this.fingerprints.of(compared.current);
      const diff = compared.diff;
      if (diff.action === 'UNCHANGED')
        return { ...base, status: 'UNCHANGED', beforeFingerprint: before, afterFingerprint: before, attempts, at: this.now() };
      if (diff.action === 'SKIP')
        return { ...base, status: 'SKIPPED', skipReason: diff.reason, beforeFingerprint: before, attempts, at: this.now() };
      const after = this.fingerprints.of(diff.action === 'PUT' ? diff.value : undefined);
      if (t.config.dryRun) {
        const skipReason = diff.action === 'PUT' ? 'DRY_RUN_WOULD_PUT' : 'DRY_RUN_WOULD_DELETE';
        return {
          ...base,
          status: 'SKIPPED',
          action: diff.action,
          skipReason,
          beforeFingerprint: before,
          afterFingerprint: after,
          attempts,
          at: this.now(),
        };
      }
      const planned = { action: diff.action, beforeFingerprint: before, afterFingerprint: after };
      const written = await this.send(
        t,
        diff.action === 'PUT' ? diff.value : undefined,
        writeOptions(planned, { ...base, ...planned, at: this.now() }, { value: compared.current }),
        watch,
      );
      attempts += written.attempts;
      if (written.value === 'ABSENT') return this.foundAbsent(base, watch, attempts);
      return {
        ...base,
        status: 'UPDATED',
        action: diff.action,
        beforeFingerprint: before,
        afterFingerprint: after,
        attempts,
        at: this.now(),
      };
    } catch (error) {
      if (error instanceof WorkInterrupted) return error.code;
      if (error instanceof WriteSuperseded)
        return { ...base, status: 'SUPERSEDED', ...(unconfirmed() ? { unconfirmedWrite: true } : {}), attempts, at: this.now() };
      if (error instanceof ExhaustedCallError) attempts += error.attempts;
      if (error instanceof WriteHeldBack) return this.heldBack(t, base, error, attempts, unconfirmed());
      if (error instanceof WriteCancelled)
        return {
          ...base,
          status: 'SKIPPED',
          skipReason: 'CANCELLED',
          ...(unconfirmed() ? { unconfirmedWrite: true } : {}),
          attempts,
          at: this.now(),
        };
      const failure = error instanceof ContactApiError ? error : undefined;
      if (t.mayRetryLater && (failure?.code === 'THROTTLED' || failure?.code === 'TRANSIENT')) return 'RETRYABLE_FAILURE';
      if (failure?.code === 'ACCESS_DENIED') {
        const gone = await this.accountGone(t.accountId);
        if (gone)
          return {
            ...base,
            status: 'SKIPPED',
            skipReason: gone,
            ...(unconfirmed() ? { unconfirmedWrite: true } : {}),
            attempts,
            at: this.now(),
          };
      }
      return {
        ...base,
        status: 'FAILED',
        errorCode: failure?.code ?? 'UNKNOWN',
        requestId: failure?.requestId,
        ...(unconfirmed() ? { unconfirmedWrite: true } : {}),
        attempts,
        at: this.now(),
      };
    }
  }

  /**
   * Sends the write: puts `value`, or deletes the contact when it is undefined. WRITTEN when the API
   * answered that it took effect (it then landed before the answer); ABSENT when a delete found no
   * contact to delete, so this request changed nothing and is not watched as a landed write.
   */
  private async send(
    t: Target,
    value: ContactValue | undefined,
    options: CallOptions,
    watch: WriteWatch,
  ): Promise<Attempted<'WRITTEN' | 'ABSENT'>> {
    if (value) {
      const put = await this.contacts.write(value, t.accountId, options);
      watch.answeredAt = this.clock.now();
      return { value: 'WRITTEN', attempts: put.attempts };
    }
    const removed = await this.contacts.remove(t.kind as AlternateContactType, t.accountId, options);
    if (removed.value === 'ABSENT') return { value: 'ABSENT', attempts: removed.attempts };
    watch.answeredAt = this.clock.now();
    return { value: 'WRITTEN', attempts: removed.attempts };
  }

  /**
   * The outcome of a delete that found the contact already absent (another writer deleted it since
   * the member was read, or an earlier attempt of this run whose answer was lost did): the member
   * holds the wanted state, but the answered request changed nothing, so it is not UPDATED. When an
   * earlier attempt of this delivery got no usable answer, that attempt may be what deleted it: the
   * outcome says the write is unconfirmed. (An earlier delivery's cut-off write is marked by the caller.)
   */
  private foundAbsent(base: Pick<AccountOutcome, 'runId' | 'accountId' | 'kind'>, watch: WriteWatch, attempts: number): AccountOutcome {
    const absent = this.fingerprints.of(undefined);
    return {
      ...base,
      status: 'UNCHANGED',
      beforeFingerprint: absent,
      afterFingerprint: absent,
      ...(watch.unansweredSentAt !== undefined ? { unconfirmedWrite: true } : {}),
      attempts,
      at: this.now(),
    };
  }

  /**
   * The outcome of a write the rules read again before it held back: SKIPPED for the reason they
   * give (dry run with the write it would have made), or, when the account's parents or tags could
   * not be read, FAILED as the fail-closed reads of the launch and the item are (left for a later
   * delivery while one may retry; SKIPPED when the account has left or is no longer ACTIVE). An
   * earlier attempt of this delivery may have gone out: the outcome then says so.
   */
  private async heldBack(
    t: Target,
    base: Pick<AccountOutcome, 'runId' | 'accountId' | 'kind'>,
    { verdict, planned }: WriteHeldBack,
    attempts: number,
    unconfirmed: boolean,
  ): Promise<AccountOutcome | InterruptionCode> {
    this.logger.info('write held back by the rules read again before it', {
      runId: t.run.runId,
      accountId: t.accountId,
      kind: t.kind,
      verdict: verdict.verdict,
    });
    const marks = { ...(unconfirmed ? { unconfirmedWrite: true } : {}), attempts, at: this.now() };
    switch (verdict.verdict) {
      case 'KIND_DISABLED':
        return { ...base, status: 'SKIPPED', skipReason: 'KIND_DISABLED', ...marks };
      case 'LEFT_OUT':
        return { ...base, status: 'SKIPPED', ...skipFields(verdict.skip), ...marks };
      case 'DRY_RUN':
        return {
          ...base,
          status: 'SKIPPED',
          action: planned.action,
          skipReason: planned.action === 'PUT' ? 'DRY_RUN_WOULD_PUT' : 'DRY_RUN_WOULD_DELETE',
          beforeFingerprint: planned.beforeFingerprint,
          afterFingerprint: planned.afterFingerprint,
          ...marks,
        };
      case 'UNREADABLE': {
        const gone = await this.accountGone(t.accountId).catch(() => undefined);
        if (gone) return { ...base, status: 'SKIPPED', skipReason: gone, ...marks };
        if (t.mayRetryLater) return 'RETRYABLE_FAILURE';
        return { ...base, status: 'FAILED', errorCode: verdict.errorCode, ...marks };
      }
    }
  }

  /** Why a member refused us, when the reason is that it is no longer an ACTIVE member. */
  private async accountGone(accountId: AccountId): Promise<'ACCOUNT_LEFT' | 'ACCOUNT_NOT_ACTIVE' | undefined> {
    const account = await this.organization.describeAccount(accountId);
    if (!account) return 'ACCOUNT_LEFT';
    return account.state === 'ACTIVE' ? undefined : 'ACCOUNT_NOT_ACTIVE';
  }

  /** Every outcome and intent is stamped: their text is made from the second's, not from a new Date each time. */
  private now(): string {
    return instantText(this.clock.now());
  }
}

const BY_ID: TargetingSkip = Object.freeze({ reason: 'EXCLUDED_BY_ID' });

/** Whether two lists hold the same accounts (an item's accounts are distinct), in any order. */
function sameAccounts(a: readonly AccountId[], b: readonly AccountId[]): boolean {
  const held = new Set(a);
  return a.length === b.length && b.every((id) => held.has(id));
}

/** Skips decided before the tags are looked at: an outcome with one of them tells nothing of the tags. */
const BEFORE_TAGS: ReadonlySet<string> = new Set([...TARGETING_SKIP_REASONS, 'KIND_DISABLED', 'ACCOUNT_EXCLUDED']);

/**
 * What an earlier delivery's tag read decided for an account, from what it stored: a tag skip, or
 * TARGETED when it went on to the contacts (an outcome other than a skip that comes before the tags,
 * or a write intent). Undefined when nothing tells.
 */
function decidedByTags(
  accountId: AccountId,
  stored: ReadonlyMap<string, AccountOutcome>,
  intents: ReadonlyMap<string, WriteIntent>,
): TargetingSkip | 'TARGETED' | undefined {
  let targeted = false;
  for (const kind of CONTACT_KINDS) {
    if (intents.has(targetKey(accountId, kind))) targeted = true;
    const outcome = stored.get(targetKey(accountId, kind));
    if (!outcome) continue;
    if (outcome.skipReason === 'EXCLUDED_BY_TAG' || outcome.skipReason === 'NOT_TAGGED_FOR_INCLUSION')
      return { reason: outcome.skipReason, ...(outcome.skipRule !== undefined ? { rule: outcome.skipRule } : {}) };
    if (!BEFORE_TAGS.has(outcome.skipReason ?? '') && outcome.errorCode !== 'TAGS_UNREADABLE') targeted = true;
  }
  return targeted ? 'TARGETED' : undefined;
}
