import { AccountId } from '../accounts/account-id';
import { quotaWarnings } from '../config/quota-warnings';
import { ContactKind } from '../contacts/contact-kind';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { OrganizationPort } from '../ports/organization.port';
import { RandomPort } from '../ports/random.port';
import { SleeperPort } from '../ports/sleeper.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { RunStorePort } from '../ports/run-store.port';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { completeItemAndClaimFinish } from './complete-item';
import { WorkQueuePort } from '../ports/work-queue.port';
import { ResilientContacts } from '../resilience/resilient-contacts';
import { DomainError, loggableError } from '../shared/domain-error';
import { AccountOutcome, skipFields } from '../sync/account-outcome';
import { heldKinds, runIsLive, SyncRun } from '../sync/sync-run';
import { isActiveMember, isWalkCursor, listPages, unitsAboveAccount } from '../organization/organization-walk';
import { TargetingRules } from '../targeting/targeting-rules';
import { DesiredValues, itemIdOf, WorkItem } from '../sync/work-item';
import { FinishRun } from './finish-run';
import { readManagementValues } from './management-values';

/** What a run is for: the fields of the run it records. */
export type RunRequest = Pick<
  SyncRun,
  'runId' | 'trigger' | 'eventId' | 'initiator' | 'kinds' | 'requestedAt' | 'supersedes' | 'dryRun' | 'onlyAccounts' | 'excludeAccounts'
>;

/** What became of a run that an event delivered again names, when it is recorded. */
export type RecordedRun = { readonly status: 'DUPLICATE'; readonly runId: string } | { readonly status: 'RESUMED'; readonly run: SyncRun };

/** How a launch paces itself. */
export interface LaunchOptions {
  /** Accounts per work item: small enough for a worker to finish in well under its timeout at its share of the quotas. */
  readonly accountsPerItem: number;
  /**
   * How long a run that takes a kind over waits before it reads anything: longer than the contacts
   * API takes to show a write to every reader, plus the longest a write already on its way can take
   * to arrive. After it, every write of an older run has landed and shows, so this run overwrites it.
   */
  readonly writeFenceMs: number;
  /** How long one launcher holds a run's launch: longer than the start function's timeout. */
  readonly launchLeaseMs: number;
  /**
   * How long one invocation lists accounts or enqueues items before it stores how far it got and
   * leaves the rest to the sweeper: what bounds an invocation whatever the organization's size.
   */
  readonly sliceMs: number;
}

/** The longest write fence a deployment or the CLI accepts (`WRITE_FENCE_MS`). */
export const MAX_WRITE_FENCE_MS = 120_000;

/** The options of a single worker. */
export const DEFAULT_LAUNCH_OPTIONS: LaunchOptions = Object.freeze({
  accountsPerItem: 25,
  writeFenceMs: 15_000,
  launchLeaseMs: 3 * 60_000,
  sliceMs: 60_000,
});

/**
 * Accounts per work item for `workers` concurrent workers, each pacing itself at `1/workers` of the
 * quotas: an item then takes about as long whatever the concurrency, so that the run's tail (the
 * last items, worked by few workers at their small shares) stays short. 25 for 1 or 2 workers, 12
 * for 4, 5 for 10 and more.
 */
export const accountsPerItemFor = (workers: number): number =>
  Math.max(5, Math.min(DEFAULT_LAUNCH_OPTIONS.accountsPerItem, Math.floor(50 / workers)));

/** The launch options for a worker fleet of `workers`. */
export const launchOptionsFor = (workers: number): LaunchOptions => ({
  ...DEFAULT_LAUNCH_OPTIONS,
  accountsPerItem: accountsPerItemFor(workers),
});

/** How far a run's listing got (the run's fields of the same names). */
type ListingProgress = Required<Pick<SyncRun, 'listed' | 'listedItems' | 'listedAccounts' | 'enqueuedItems'>> & Pick<SyncRun, 'listCursor'>;

/** The phase an earlier version stored between listing and enqueueing. */
const LEGACY_ITEMS_STORED = 'ITEMS_STORED';

/** Reads of a joining account and of the OUs above it before its account-kinds are recorded FAILED. */
export const JOINING_READ_ATTEMPTS = 4;
/** The wait before the second read of a joining account, doubled before each next one (1 s, 2 s, 4 s). */
const JOINING_READ_BACKOFF_MS = 1_000;

/** Why a joining account's targeting could not be read. */
type JoiningReadFailure = 'ACCOUNT_UNREADABLE' | 'PARENTS_UNREADABLE';

/** ListAccounts pages listed, stored and enqueued together (1,000 accounts). */
const PAGES_PER_BATCH = 50;

/**
 * Starts a run in steps that are each stored before the next begins (see {@link SyncRun.launch}), so
 * that a launch cut off anywhere is resumed by the next delivery of its event or by the sweeper:
 * claim the kinds, wait out the write fence, read the management account's values, store the work
 * items, enqueue them.
 */
export class LaunchRun {
  constructor(
    private readonly organization: OrganizationPort,
    private readonly structure: OrganizationStructurePort,
    private readonly contacts: ResilientContacts,
    private readonly kindHeads: KindHeadsPort,
    private readonly runStore: RunStorePort,
    private readonly itemLedger: ItemLedgerPort,
    private readonly outcomeLedger: OutcomeLedgerPort,
    private readonly config: SyncConfigPort,
    private readonly queue: WorkQueuePort,
    private readonly finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly sleeper: SleeperPort,
    private readonly random: RandomPort,
    private readonly logger: LoggerPort,
    private readonly options: LaunchOptions = DEFAULT_LAUNCH_OPTIONS,
  ) {}

  /** Records the run (a run already recorded is kept as it is) and launches it. */
  async execute(request: RunRequest): Promise<SyncRun> {
    await this.record(request);
    return this.resume(request.runId);
  }

  /** Records the run without launching it (the sweeper, or a later {@link resume}, launches it); false when it was recorded before. */
  async record(request: RunRequest): Promise<boolean> {
    const created = await this.runStore.createRun({
      runId: request.runId,
      trigger: request.trigger,
      ...(request.eventId !== undefined ? { eventId: request.eventId } : {}),
      initiator: request.initiator,
      kinds: request.kinds,
      requestedAt: request.requestedAt,
      startedAt: this.nowIso(),
      ...(request.onlyAccounts ? { onlyAccounts: request.onlyAccounts } : {}),
      ...(request.excludeAccounts ? { excludeAccounts: request.excludeAccounts } : {}),
      supersedes: request.supersedes,
      launch: 'CREATED',
      targetCount: 0,
      totalItems: 0,
      completedItems: 0,
      status: 'RUNNING',
      dryRun: request.dryRun,
    });
    if (created) this.logger.info('run recorded', { runId: request.runId, trigger: request.trigger, kinds: request.kinds });
    return created;
  }

  /**
   * The run an event delivered again names, when it is recorded: a duplicate once it is launched or
   * finished (the event changes nothing), otherwise its launch carried on. Undefined when none is.
   */
  async carryOn(runId: string): Promise<RecordedRun | undefined> {
    const run = await this.runStore.getRun(runId);
    if (!run) return undefined;
    if (run.launch === 'LAUNCHED' || !runIsLive(run)) return { status: 'DUPLICATE', runId };
    return { status: 'RESUMED', run: await this.resume(runId) };
  }

  /**
   * Carries a recorded run's launch on from where it stopped. A launched or finished run is returned
   * as it is, and so is one that another launcher holds (its `launch` is then not yet LAUNCHED).
   */
  async resume(runId: string): Promise<SyncRun> {
    let run = await this.runStore.getRun(runId);
    if (!run) throw new DomainError('NOT_FOUND', `run ${runId} does not exist`);
    if (!runIsLive(run) || run.launch === 'LAUNCHED') return run;
    const holder = `launch-${Math.floor(this.random.next() * 2 ** 48).toString(36)}`;
    if (!(await this.runStore.claimLaunch(runId, holder, this.clock.now(), this.options.launchLeaseMs))) {
      this.logger.info('launch held by another invocation', { runId, phase: run.launch });
      return run;
    }
    const sliceEndsAt = this.clock.now() + this.options.sliceMs;
    try {
      run = (await this.runStore.getRun(runId)) ?? run;
      if (!runIsLive(run) || run.launch === 'LAUNCHED') return run;
      if ((run.launch as string) === LEGACY_ITEMS_STORED) run = await this.fromLegacyPhase(run);
      if (run.launch === 'CREATED') run = await this.claim(run);
      if (run.launch === 'CLAIMED') {
        const listed = await this.listAndEnqueue(run, holder, sliceEndsAt);
        run = listed.run;
        if (listed.lost) {
          // Another launcher took the launch over (this one outlived its lease): it carries on; stop writing.
          this.logger.warn('launch taken over by another invocation: stopping', { runId });
          return run;
        }
      }
      if (run.launch !== 'LAUNCHED') {
        // The slice is used up: what was done is stored; give the launch up for the sweeper to carry on.
        await this.runStore.claimLaunch(runId, holder, this.clock.now(), 0);
        this.logger.info('launch continues in a later invocation', { runId, items: run.listedItems, accounts: run.listedAccounts });
      }
      return run;
    } catch (error) {
      // Give the launch up, so that the event's next delivery carries it on at once instead of
      // waiting out the lease (a crash cannot do this: then the lease runs out).
      await this.runStore.claimLaunch(runId, holder, this.clock.now(), 0).catch(() => undefined);
      throw error;
    }
  }

  /** How long a run that takes a kind over waits before it reads anything. */
  get writeFenceMs(): number {
    return this.options.writeFenceMs;
  }

  /**
   * Claims the run's kinds and reads what it brings the members to. A run that takes its kinds over
   * advances their heads, waits out the fence, and reads the management account. One that does not
   * (onboarding, verification) writes at the head's generation, so it must never bring an older value
   * than the head's run: while that run is open it takes that run's values; when that run has not read
   * them yet (its change may not show yet), it waits the fence too and then reads.
   */
  private async claim(run: SyncRun): Promise<SyncRun> {
    const generations: Partial<Record<ContactKind, number>> = {};
    const adopted: DesiredValues = {};
    let fence = false;
    for (const kind of run.kinds) {
      if (run.supersedes) {
        const generation = await this.kindHeads.advanceHead(kind, run.runId, run.requestedAt);
        if (generation !== undefined) [generations[kind], fence] = [generation, true];
        continue;
      }
      const head = await this.kindHeads.headOf(kind);
      generations[kind] = head?.generation ?? 0;
      const holder = head && (await this.runStore.getRun(head.runId));
      if (holder?.status !== 'RUNNING') continue;
      const value = holder.desired?.[kind];
      if (value !== undefined && !holder.unreadableKinds?.includes(kind)) adopted[kind] = value;
      else fence = true;
    }
    const held = run.kinds.filter((kind) => generations[kind] !== undefined);
    if (fence && held.length > 0) {
      // Counted from now, which is after the change was made: an event's own time may be skewed ahead.
      await this.sleeper.sleep(this.options.writeFenceMs);
    }
    const desiredReadAt = this.nowIso();
    const { values, unreadable } = await readManagementValues(
      this.contacts,
      held.filter((kind) => adopted[kind] === undefined),
    );
    const desired: DesiredValues = { ...adopted };
    for (const [kind, value] of values) desired[kind] = value === undefined ? null : value.toJSON();
    for (const { kind, error } of unreadable)
      this.logger.warn('management value unreadable', {
        runId: run.runId,
        kind,
        error: error instanceof DomainError ? error.code : 'UNKNOWN',
      });
    const unreadableKinds = unreadable.map(({ kind }) => kind);
    // Nothing readable: fail the launch so that it is tried again (a redelivery, the sweeper).
    if (held.length > 0 && unreadableKinds.length === held.length)
      throw new DomainError('INVARIANT_VIOLATED', `run ${run.runId}: no management value could be read`);
    const update = { launch: 'CLAIMED' as const, generations, desired, desiredReadAt, unreadableKinds };
    await this.runStore.updateRun(run.runId, update);
    if (held.length < run.kinds.length)
      this.logger.info('kinds held by newer runs', { runId: run.runId, kinds: run.kinds.filter((k) => !held.includes(k)) });
    return { ...run, ...update };
  }

  /**
   * Lists the organization into work items from where the last slice stopped and enqueues each batch
   * once it is stored, until the listing ends (then the run is `LAUNCHED`) or the slice is used up.
   * Each batch is stored, then its progress, then it is enqueued, then that is recorded: a slice cut
   * off anywhere lists again only items never enqueued, and enqueues what it stored but had not.
   */
  private async listAndEnqueue(
    run: SyncRun,
    holder: string,
    sliceEndsAt: number,
  ): Promise<{ readonly run: SyncRun; readonly lost?: true }> {
    const { config } = await this.config.load();
    if (run.listedItems === undefined) {
      const aboveQuota = quotaWarnings(config).map((w) => w.field);
      if (aboveQuota.length > 0)
        this.logger.warn('rates above the documented quotas: the service may throttle', { runId: run.runId, fields: aboveQuota });
    }
    const held = heldKinds(run);
    const only = run.onlyAccounts ? new Set(run.onlyAccounts) : undefined;
    const rules = new TargetingRules(config, run.excludeAccounts);
    let progress: ListingProgress = {
      listCursor: run.listCursor,
      listed: run.listed ?? false,
      listedItems: run.listedItems ?? 0,
      listedAccounts: run.listedAccounts ?? 0,
      enqueuedItems: run.enqueuedItems ?? 0,
    };
    if (progress.enqueuedItems < progress.listedItems) {
      const stored = await this.itemLedger.listItems(run.runId, {
        from: progress.enqueuedItems,
        limit: progress.listedItems - progress.enqueuedItems,
      });
      await this.queue.enqueue(stored.filter((s) => !s.done).map((s) => s.item));
      progress = { ...progress, enqueuedItems: progress.listedItems };
      await this.runStore.updateRun(run.runId, { enqueuedItems: progress.enqueuedItems });
    }
    let ended = held.length === 0 || progress.listed;
    const listing = new ListedAccounts(run.runId, held, rules, this.nowIso());
    if (!ended && only) {
      // An onboarding names its accounts: describe them (and ask for the OUs above them) instead of listing the organization.
      for (const joining of await Promise.all([...only].map((id) => this.readJoining(id, rules)))) {
        if (joining.placed) listing.add(joining.accountId, joining.placed);
        else if (joining.failed) listing.decide(joining.accountId, { status: 'FAILED', errorCode: joining.failed });
      }
      const { ids, skips } = listing.take();
      const items = this.cutItems(run.runId, ids, 0);
      progress = await this.storeAndEnqueue(run.runId, items, skips, {
        listCursor: undefined,
        listed: true,
        listedItems: items.length,
        listedAccounts: ids.length,
        enqueuedItems: 0,
      });
      ended = true;
    }
    // With OU rules the tree is walked (calls per OU), so that each account comes with the OUs above it.
    // The first slice chooses; later ones follow the stored cursor, so OU rules added mid-listing apply from the next run.
    const walking = progress.listCursor !== undefined ? isWalkCursor(progress.listCursor) : rules.hasUnitRules;
    if (!ended && rules.hasUnitRules && !walking)
      this.logger.warn('OU rules were added while this run was listing: they apply from the next run', { runId: run.runId });
    const pages = listPages(this.organization, this.structure, walking, progress.listCursor)[Symbol.asyncIterator]();
    while (!ended && this.clock.now() < sliceEndsAt) {
      // The lease is renewed before each batch, and a batch ends early once a third of it is used: a
      // listing that outlasts the lease (an operator's sync has no slice; a throttled ListAccounts)
      // keeps it, so that the sweeper never lists the same pages beside it and stores their items
      // again (a stored item is replaced, done or not). A launcher that finds the lease taken stops.
      if (!(await this.runStore.claimLaunch(run.runId, holder, this.clock.now(), this.options.launchLeaseMs)))
        return { run: { ...run, ...progress }, lost: true };
      const batchEndsAt = Math.min(sliceEndsAt, this.clock.now() + this.options.launchLeaseMs / 3);
      let listCursor = progress.listCursor;
      for (let n = 0; n < PAGES_PER_BATCH && !ended && (n === 0 || this.clock.now() < batchEndsAt); n += 1) {
        const page = await pages.next();
        if (page.done) {
          ended = true;
          break;
        }
        // A skip is dated when its page was read: the tree it was decided on (an account may move before the batch is stored).
        const readAt = this.nowIso();
        for (const { account, units } of page.value.accounts) {
          if (isActiveMember(account) && (!only || only.has(account.id))) listing.add(account.id, units, readAt);
        }
        listCursor = page.value.next;
        ended = listCursor === undefined;
      }
      // The batch's last item may be smaller: the stored cursor must leave no listed account behind.
      const { ids, skips } = listing.take(this.nowIso());
      const items = this.cutItems(run.runId, ids, progress.listedItems);
      const listedAccounts = progress.listedAccounts + ids.length;
      progress = await this.storeAndEnqueue(run.runId, items, skips, {
        listCursor,
        listed: ended,
        listedItems: progress.listedItems + items.length,
        listedAccounts,
        enqueuedItems: progress.enqueuedItems,
      });
    }
    if (!ended) return { run: { ...run, ...progress } };
    const update = {
      launch: 'LAUNCHED' as const,
      totalItems: progress.listedItems,
      targetCount: progress.listedAccounts * held.length,
      progressAt: this.nowIso(),
    };
    await this.runStore.updateRun(run.runId, update);
    this.logger.info('run launched', {
      runId: run.runId,
      trigger: run.trigger,
      kinds: held,
      accounts: progress.listedAccounts,
      items: progress.listedItems,
    });
    const launched = { ...run, ...progress, ...update };
    const current = await this.runStore.getRun(run.runId);
    // A run cancelled while it listed is finished by its canceller or the sweeper, which record what it left undone.
    if (current?.cancelledAt !== undefined) return { run: launched };
    if (update.totalItems === 0) await this.finishRun.execute(run.runId);
    // Every item may have been done while the listing went on: complete one again to claim the finish.
    else if (
      (current?.completedItems ?? 0) >= update.totalItems &&
      (await completeItemAndClaimFinish(this.itemLedger, this.runStore, run.runId, itemIdOf(run.runId, 0), this.nowIso()))
    ) {
      await this.finishRun.execute(run.runId);
    }
    return { run: launched };
  }

  /**
   * A joining account and the OUs above it, read for its onboarding. Targeting fails closed: when the
   * account or its parents cannot be read (not found right after it joined, throttled, refused, a
   * malformed answer), the reads are tried again, and after {@link JOINING_READ_ATTEMPTS} the account
   * is listed with its account-kinds FAILED for that reason, never left out (a run of 0 accounts
   * that succeeds) and never written. An account that is there but not an ACTIVE member is left out.
   */
  private async readJoining(
    accountId: AccountId,
    rules: TargetingRules,
  ): Promise<{ readonly accountId: AccountId; readonly placed?: readonly string[]; readonly failed?: JoiningReadFailure }> {
    for (let attempt = 1; ; attempt += 1) {
      let failed: JoiningReadFailure = 'ACCOUNT_UNREADABLE';
      try {
        const account = await this.organization.describeAccount(accountId);
        if (account && !isActiveMember(account)) return { accountId };
        if (account) {
          failed = 'PARENTS_UNREADABLE';
          const units = rules.hasUnitRules && !rules.byId(accountId) ? await unitsAboveAccount(this.structure, accountId) : [];
          if (units) return { accountId, placed: units };
        }
      } catch (error) {
        this.logger.warn('joining account unreadable', { accountId, reason: failed, attempt, error: loggableError(error) });
      }
      if (attempt >= JOINING_READ_ATTEMPTS) return { accountId, failed };
      await this.sleeper.sleep(JOINING_READ_BACKOFF_MS * 2 ** (attempt - 1));
    }
  }

  /** Accounts cut into work items of `accountsPerItem`, numbered from `firstIndex`. */
  private cutItems(runId: string, accountIds: readonly AccountId[], firstIndex: number): WorkItem[] {
    const items: WorkItem[] = [];
    for (let i = 0; i < accountIds.length; i += this.options.accountsPerItem) {
      items.push({
        runId,
        itemId: itemIdOf(runId, firstIndex + items.length),
        accountIds: accountIds.slice(i, i + this.options.accountsPerItem),
      });
    }
    return items;
  }

  /**
   * Stores the outcomes of the batch's accounts that an OU rule leaves out, then its items, then how
   * far the listing got, then enqueues them, then records that (see {@link listAndEnqueue}). The
   * items hold the left-out accounts too: their workers find the outcomes stored, do nothing to
   * them, and audit them with the rest.
   */
  private async storeAndEnqueue(
    runId: string,
    items: readonly WorkItem[],
    skips: readonly AccountOutcome[],
    progress: ListingProgress,
  ): Promise<ListingProgress> {
    if (skips.length > 0) await this.outcomeLedger.recordOutcomes(skips);
    await this.itemLedger.putItems(items);
    await this.runStore.updateRun(runId, { ...progress, progressAt: this.nowIso() });
    await this.queue.enqueue(items);
    await this.runStore.updateRun(runId, { enqueuedItems: progress.listedItems });
    return { ...progress, enqueuedItems: progress.listedItems };
  }

  /**
   * A run stored by a version that listed everything before enqueueing (phase `ITEMS_STORED`: every
   * item stored, none known to be enqueued): carried on as a listing that has ended, so that its
   * items are enqueued (again, harmlessly) and the run is launched.
   */
  private async fromLegacyPhase(run: SyncRun): Promise<SyncRun> {
    const held = heldKinds(run).length;
    const update = {
      launch: 'CLAIMED' as const,
      listed: true,
      listedItems: run.totalItems,
      listedAccounts: held > 0 ? run.targetCount / held : 0,
      enqueuedItems: 0,
    };
    await this.runStore.updateRun(run.runId, update);
    return { ...run, ...update };
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** An outcome the launch decides for every held kind of an account: a skip by an OU rule, or a failed targeting read. */
type DecidedFields = Pick<AccountOutcome, 'status' | 'skipReason' | 'skipRule' | 'errorCode'>;

/**
 * The accounts a batch lists: each once, and those an OU rule leaves out with their outcome for each
 * held kind (the id rules are the worker's: it reads the configuration again for every item).
 */
class ListedAccounts {
  private ids: AccountId[] = [];
  private decided: Array<{ readonly accountId: AccountId; readonly fields: DecidedFields; readonly at?: string }> = [];
  private readonly seen = new Set<AccountId>();

  constructor(
    private readonly runId: string,
    private readonly kinds: readonly ContactKind[],
    private readonly rules: TargetingRules,
    private readonly at: string,
  ) {}

  /**
   * Adds an account with the OUs above it (undefined when they are not known: no OU rule applies
   * then), read at `at` (an OU rule's skip is dated then; the take's time when absent).
   */
  add(accountId: AccountId, units: readonly string[] | undefined, at?: string): void {
    // A walk can meet an account twice, when it moves to an OU not yet walked.
    if (this.seen.has(accountId)) return;
    this.seen.add(accountId);
    this.ids.push(accountId);
    const skip = units && !this.rules.byId(accountId) ? this.rules.byUnits(units) : undefined;
    if (skip) this.decided.push({ accountId, fields: { status: 'SKIPPED', ...skipFields(skip) }, ...(at !== undefined ? { at } : {}) });
  }

  /** Adds an account whose every held kind is decided already (a failed targeting read). */
  decide(accountId: AccountId, fields: DecidedFields): void {
    if (this.seen.has(accountId)) return;
    this.seen.add(accountId);
    this.ids.push(accountId);
    this.decided.push({ accountId, fields });
  }

  /** The accounts added since the last take, and the outcomes of those left out, dated when decided (else `at`). */
  take(at = this.at): { readonly ids: AccountId[]; readonly skips: AccountOutcome[] } {
    const ids = this.ids;
    const skips = this.decided.flatMap((decided) =>
      this.kinds.map((kind): AccountOutcome => ({
        runId: this.runId,
        accountId: decided.accountId,
        kind,
        ...decided.fields,
        attempts: 0,
        at: decided.at ?? at,
      })),
    );
    this.ids = [];
    this.decided = [];
    return { ids, skips };
  }
}
