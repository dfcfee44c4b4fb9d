import { ContactKind } from '../contacts/contact-kind';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { RunStorePort } from '../ports/run-store.port';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { WorkQueuePort } from '../ports/work-queue.port';
import { loggableError } from '../shared/domain-error';
import { instantText } from '../shared/instant-text';
import { redriveRun } from '../sync/run-lifecycle';
import { runIsLive, SyncRun } from '../sync/sync-run';
import { FinishRun } from './finish-run';
import { itemIndex } from '../sync/work-item';
import { LaunchRun } from './launch-run';
import { storeTransition } from './store-transition';
import { VerifyDoubtedWrites } from './verify-doubted-writes';

/** When the sweeper steps in. */
export interface SweepOptions {
  /** A launch not done this long after the run was recorded was cut off: resume it. */
  readonly launchGraceMs: number;
  /** A launched run with no item completed for this long is stalled: enqueue its unfinished items again. */
  readonly stallMs: number;
  /**
   * After this many re-drives without progress, the run is finished with what it has and reported (a
   * launch that never progresses is re-driven the same way, and finished as an incomplete launch).
   */
  readonly maxRedrives: number;
}

/**
 * The defaults fit the stack: the grace exceeds the start function's timeout, and the stall exceeds
 * the work queue's visibility timeout (6 × 300 s), so SQS gets to redeliver before the sweeper does.
 */
export const DEFAULT_SWEEP_OPTIONS: SweepOptions = Object.freeze({ launchGraceMs: 10 * 60_000, stallMs: 45 * 60_000, maxRedrives: 8 });

/** The initiator of a run that carries on the kinds of a run the sweeper gave up. */
export const CARRY_ON_INITIATOR = 'contact-sync:carry-on-given-up-run';

/** Runs carried on in a row for one change before the periodic resync is left to bring its kinds (a fault that never clears). */
export const MAX_CARRY_ONS = 3;

/** The id of the run that carries a given-up run's kinds on: derived from it, so that a sweep cut off and run again records it once. */
export const carryOnRunIdFor = (runId: string): string => `${runId}~again`;

/** What one sweep did. */
export interface SweepResult {
  readonly open: number;
  readonly resumed: number;
  /**
   * Launches the sweep tried to carry on from where their last slice stopped (side by side, so that a
   * sweep lasts one slice); one held by another launcher is left to it.
   */
  readonly continued: number;
  readonly finished: number;
  readonly redriven: number;
  readonly givenUp: number;
  /** Runs recorded to carry on the kinds a given-up run still held. */
  readonly carriedOn: number;
  /** Writes in doubt whose members were handed to a verification run. */
  readonly verified: number;
  readonly errors: number;
}

type SweepCounts = { -readonly [K in keyof SweepResult]: number };

/**
 * Sees that no run stays open silently: resumes launches that were cut off, finishes runs whose items
 * are all done (their finisher was cut off) or whose notification failed, re-drives stalled runs,
 * and finishes, with the missing account-kinds reported, a run it has re-driven too often. First it
 * hands the writes in doubt that are due to a verification run ({@link VerifyDoubtedWrites}).
 */
export class SweepRuns {
  constructor(
    private readonly kindHeads: KindHeadsPort,
    private readonly runStore: RunStorePort,
    private readonly itemLedger: ItemLedgerPort,
    private readonly launch: LaunchRun,
    private readonly finish: FinishRun,
    private readonly queue: WorkQueuePort,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
    private readonly verify: VerifyDoubtedWrites,
    private readonly options: SweepOptions = DEFAULT_SWEEP_OPTIONS,
  ) {}

  /** One sweep over the open runs. */
  async execute(): Promise<SweepResult> {
    const counts = { open: 0, resumed: 0, continued: 0, finished: 0, redriven: 0, givenUp: 0, carriedOn: 0, verified: 0, errors: 0 };
    const launches: Array<Promise<void>> = [];
    const failed = (runId: string) => (error: unknown) => {
      counts.errors += 1;
      this.logger.error('sweep of a run failed; the next sweep tries again', { runId, error: loggableError(error) });
    };
    try {
      // Writes in doubt that have landed by now: their members are read again by a run of their own.
      counts.verified = (await this.verify.execute()).verified;
    } catch (error) {
      failed('(writes in doubt)')(error);
    }
    for (const runId of await this.runStore.listOpenRuns()) {
      counts.open += 1;
      try {
        const run = await this.runStore.getRun(runId);
        const launch = run && (await this.sweep(run, counts));
        // Launches go on side by side: each is bounded by its slice, so the sweep takes one slice however many there are.
        if (launch) launches.push(launch().catch(failed(runId)));
      } catch (error) {
        failed(runId)(error);
      }
    }
    await Promise.all(launches);
    if (counts.open > 0) this.logger.info('sweep done', counts);
    return counts;
  }

  /** Sweeps one run; a launch to carry on is returned, to run beside the others. */
  private async sweep(run: SyncRun, counts: SweepCounts): Promise<(() => Promise<void>) | undefined> {
    const now = this.clock.now();
    // A cancelled run is finished, never resumed, re-driven or carried on: its finisher records the rest SKIPPED CANCELLED.
    if (!runIsLive(run) || (run.launch === 'LAUNCHED' && run.completedItems >= run.totalItems)) {
      await this.finish.execute(run.runId);
      counts.finished += 1;
      return undefined;
    }
    if (run.launch !== 'LAUNCHED') {
      if (now - Date.parse(run.progressAt ?? run.startedAt) >= this.options.stallMs) return this.launchStalled(run, now, counts);
      if (run.progressAt !== undefined) {
        // A launch that stored its progress and gave the launch up at the end of a slice: carry it on.
        counts.continued += 1;
        return async () => void (await this.launch.resume(run.runId));
      }
      if (now - Date.parse(run.startedAt) < this.options.launchGraceMs) return undefined;
      this.metrics.add('RunsResumed');
      this.logger.warn('launch was cut off: resuming it', { runId: run.runId, phase: run.launch });
      counts.resumed += 1;
      return async () => void (await this.launch.resume(run.runId));
    }
    if (now - Date.parse(run.progressAt ?? run.startedAt) < this.options.stallMs) return undefined;
    const open = (await this.itemLedger.listItems(run.runId))
      .filter((s) => !s.done && itemIndex(s.item.itemId) < run.totalItems)
      .map((s) => s.item);
    // Every item done but the count one short (a worker cut off between the two writes): finish it now.
    if (open.length === 0) {
      await this.finish.execute(run.runId);
      counts.finished += 1;
      return undefined;
    }
    if (await this.gaveUp(run, counts)) return undefined;
    await this.queue.enqueue(open);
    await this.redriven(run, now, counts);
    this.logger.warn('run stalled: its unfinished items are enqueued again', { runId: run.runId, items: open.length });
    return undefined;
  }

  /**
   * A launch that made no progress for the stall time (each try failed before storing anything): it is
   * tried again, counted as a re-drive, and after too many the run is finished as an incomplete launch.
   */
  private async launchStalled(run: SyncRun, now: number, counts: SweepCounts): Promise<(() => Promise<void>) | undefined> {
    if (await this.gaveUp(run, counts)) return undefined;
    await this.redriven(run, now, counts);
    this.logger.warn('launch made no progress: trying it again', { runId: run.runId, phase: run.launch });
    return async () => void (await this.launch.resume(run.runId));
  }

  /**
   * Finishes, with what it has, a run re-driven too often. A run that still holds the head of a kind
   * (no newer change took it over) had stopped every older run of that kind from writing, so giving
   * it up would leave the kind's members on older values with nothing left to bring them: a run of
   * its own carries those kinds on over the whole organization (it takes them over, waits the fence
   * and reads the management account's values again). After {@link MAX_CARRY_ONS} in a row the fault
   * is taken to be lasting, and the periodic resync is left to bring the kinds.
   */
  private async gaveUp(run: SyncRun, counts: SweepCounts): Promise<boolean> {
    const redrives = run.redrives ?? 0;
    if (redrives < this.options.maxRedrives) return false;
    this.metrics.add('RunsGivenUp');
    this.logger.error('run stalled after every re-drive: finishing it with what it has', {
      runId: run.runId,
      phase: run.launch,
      redrives,
      done: run.completedItems,
      items: run.totalItems,
    });
    const stillHeld: ContactKind[] = [];
    for (const kind of run.kinds) {
      const head = await this.kindHeads.headOf(kind);
      if (head?.runId === run.runId) stillHeld.push(kind);
    }
    const carryOns = run.runId.split('~again').length - 1;
    if (stillHeld.length > 0 && carryOns < MAX_CARRY_ONS) {
      const runId = carryOnRunIdFor(run.runId);
      await this.launch.record({
        runId,
        trigger: 'RECONCILE',
        initiator: CARRY_ON_INITIATOR,
        kinds: stillHeld,
        requestedAt: new Date(this.clock.now()).toISOString(),
        supersedes: true,
        dryRun: run.dryRun,
      });
      this.metrics.add('RunsCarriedOn');
      this.logger.warn('kinds of a given-up run carried on by a new run', { runId: run.runId, carriedOnBy: runId, kinds: stillHeld });
      counts.carriedOn += 1;
    }
    await this.finish.execute(run.runId);
    counts.givenUp += 1;
    return true;
  }

  private async redriven(run: SyncRun, now: number, counts: SweepCounts): Promise<void> {
    // The stall is counted again from now, so each re-drive gets the full stall time to make progress.
    // Stored only while the run is in the phase and at the re-drives it was swept at: a launch that moved on
    // meanwhile made progress, and a sweep beside this one counted the re-drive already.
    await storeTransition(this.runStore, run, redriveRun(run, instantText(now)));
    this.metrics.add('RunsRedriven');
    counts.redriven += 1;
  }
}
