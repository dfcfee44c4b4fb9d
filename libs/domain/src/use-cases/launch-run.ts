import { quotaWarnings } from '../config/quota-warnings';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { OrganizationPort } from '../ports/organization.port';
import { RandomPort } from '../ports/random.port';
import { SleeperPort } from '../ports/sleeper.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { WorkQueuePort } from '../ports/work-queue.port';
import { ResilientContacts } from '../resilience/resilient-contacts';
import { DomainError } from '../shared/domain-error';
import { instantText } from '../shared/instant-text';
import { createdRun, phaseOf, RunRefusal, RunRequest } from '../sync/run-lifecycle';
import { heldKinds, runIsLive, SyncRun } from '../sync/sync-run';
import { TargetingRules } from '../targeting/targeting-rules';
import { FinishRun } from './finish-run';
import { chooseListing, ListingDeps } from './launch/choose-listing';
import { ItemBatches } from './launch/item-batches';
import { KindClaim } from './launch/kind-claim';
import { LaunchLease } from './launch/launch-lease';
import { DEFAULT_LAUNCH_OPTIONS, LaunchOptions } from './launch/launch-options';
import { LaunchedRunFinisher } from './launch/launched-run-finisher';

/** Where a listing slice left the run, and why it stopped writing when another launcher or a finisher moved the run on. */
type Listed = { readonly run: SyncRun; readonly stopped?: RunRefusal };

/** What became of a run that an event delivered again names, when it is recorded. */
export type RecordedRun = { readonly status: 'DUPLICATE'; readonly runId: string } | { readonly status: 'RESUMED'; readonly run: SyncRun };

/**
 * Starts a run in steps that are each stored before the next begins (see {@link SyncRun.launch}), so
 * that a launch cut off anywhere is resumed by the next delivery of its event or by the sweeper: take
 * the launch's lease, claim the kinds (waiting out the write fence), list the accounts with the run's
 * listing strategy into items, stored and enqueued batch by batch, and finish a run left with no work.
 * Each step moves the run by a transition of its lifecycle, stored on that transition's condition.
 */
export class LaunchRun {
  private readonly kindClaim: KindClaim;
  private readonly batches: ItemBatches;
  private readonly finisher: LaunchedRunFinisher;
  private readonly listingDeps: ListingDeps;

  constructor(
    organization: OrganizationPort,
    structure: OrganizationStructurePort,
    contacts: ResilientContacts,
    kindHeads: KindHeadsPort,
    private readonly runStore: RunStorePort,
    itemLedger: ItemLedgerPort,
    outcomeLedger: OutcomeLedgerPort,
    private readonly config: SyncConfigPort,
    queue: WorkQueuePort,
    finishRun: FinishRun,
    private readonly clock: ClockPort,
    sleeper: SleeperPort,
    private readonly random: RandomPort,
    private readonly logger: LoggerPort,
    private readonly options: LaunchOptions = DEFAULT_LAUNCH_OPTIONS,
  ) {
    this.kindClaim = new KindClaim(kindHeads, runStore, contacts, clock, sleeper, logger, options.writeFenceMs);
    this.batches = new ItemBatches(itemLedger, outcomeLedger, runStore, queue, clock, options.accountsPerItem);
    this.finisher = new LaunchedRunFinisher(runStore, itemLedger, finishRun, clock, logger);
    this.listingDeps = { organization, structure, sleeper, logger, clock };
  }

  /** Records the run (a run already recorded is kept as it is) and launches it. */
  async execute(request: RunRequest): Promise<SyncRun> {
    await this.record(request);
    return this.resume(request.runId);
  }

  /** Records the run without launching it (the sweeper, or a later {@link resume}, launches it); false when it was recorded before. */
  async record(request: RunRequest): Promise<boolean> {
    const created = await this.runStore.createRun(createdRun(request, this.nowIso()));
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
    const lease = await LaunchLease.take(this.runStore, this.clock, this.random, runId, this.options.launchLeaseMs);
    if (!lease) {
      this.logger.info('launch held by another invocation', { runId, phase: run.launch });
      return run;
    }
    const sliceEndsAt = this.clock.now() + this.options.sliceMs;
    try {
      run = (await this.runStore.getRun(runId)) ?? run;
      if (!runIsLive(run) || run.launch === 'LAUNCHED') return run;
      if (!phaseOf(run).ok) this.logger.warn('run in a launch phase this version does not know', { runId, phase: run.launch });
      let stopped: RunRefusal | undefined;
      if (run.launch === 'CREATED') {
        const claimed = await this.kindClaim.claim(run);
        if (claimed.ok) run = claimed.value;
        else stopped = claimed.error;
      }
      if (!stopped && run.launch === 'CLAIMED') ({ run, stopped } = await this.listAndEnqueue(run, lease, sliceEndsAt));
      if (stopped) {
        // Another launcher took the launch over (this one outlived its lease), or the run finished meanwhile: stop writing.
        this.logger.warn('launch taken over by another invocation: stopping', { runId, reason: stopped });
        return run;
      }
      if (run.launch !== 'LAUNCHED') {
        // The slice is used up: what was done is stored; give the launch up for the sweeper to carry on.
        await lease.release();
        this.logger.info('launch continues in a later invocation', { runId, items: run.listedItems, accounts: run.listedAccounts });
      }
      return run;
    } catch (error) {
      await lease.release().catch(() => undefined);
      throw error;
    }
  }

  /** How long a run that takes a kind over waits before it reads anything. */
  get writeFenceMs(): number {
    return this.options.writeFenceMs;
  }

  /**
   * Lists the organization into work items from where the last slice stopped, storing and enqueueing
   * each batch, until the listing ends (then the run is launched) or the slice is used up. The lease
   * is renewed before each batch of pages, and a batch ends early once a third of it is used: a listing
   * that outlasts the lease keeps it, so that the sweeper never lists the same pages beside it.
   */
  private async listAndEnqueue(run: SyncRun, lease: LaunchLease, sliceEndsAt: number): Promise<Listed> {
    const { config } = await this.config.load();
    const aboveQuota = run.listedItems === undefined ? quotaWarnings(config).map((w) => w.field) : [];
    if (aboveQuota.length > 0)
      this.logger.warn('rates above the documented quotas: the service may throttle', { runId: run.runId, fields: aboveQuota });
    const caughtUp = await this.batches.catchUp(run);
    if (!caughtUp.ok) return { run, stopped: caughtUp.error };
    let listed = caughtUp.value;
    let ended = heldKinds(run).length === 0 || listed.listed === true;
    const rules = new TargetingRules(config, run.excludeAccounts);
    const listing = ended ? undefined : chooseListing(listed, this.listingDeps, rules, this.nowIso());
    while (listing && !ended && (!listing.paged || this.clock.now() < sliceEndsAt)) {
      if (listing.paged && !(await lease.renew())) return { run: listed, stopped: 'MOVED_ON' };
      const batch = await listing.next(Math.min(sliceEndsAt, this.clock.now() + this.options.launchLeaseMs / 3));
      const stored = await this.batches.store(listed, batch);
      if (!stored.ok) return { run: listed, stopped: stored.error };
      [listed, ended] = [stored.value, batch.ended];
    }
    if (!ended) return { run: listed };
    const launched = await this.finisher.complete(listed);
    return launched.ok ? { run: launched.value } : { run: listed, stopped: launched.error };
  }

  private nowIso(): string {
    return instantText(this.clock.now());
  }
}
