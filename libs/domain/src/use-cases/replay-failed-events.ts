import { detectAccountChange } from '../changes/detect-account-change';
import { detectNewAccount } from '../changes/detect-new-account';
import { scheduledReconcileRunId } from '../changes/scheduled-reconcile';
import { FailedEvent, FailedEventsPort } from '../ports/failed-events.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { loggableError } from '../shared/domain-error';
import { OnboardAccount } from './onboard-account';
import { Reconcile } from './reconcile';
import { ReevaluateAccount } from './reevaluate-account';
import { StartSyncFromChange } from './start-sync-from-change';

/** How much to replay, and who watches. */
export interface ReplayOptions {
  /** At most this many events (default 100). */
  readonly max?: number;
  /** Told after each event is handled. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Asked before each event: true stops the replay; the events not handled stay for the next one. */
  readonly stopRequested?: () => boolean;
}

/**
 * Receives of a failed event before it is given up (the failure queue's maxReceiveCount): about six
 * hours at the queue's 15-minute visibility timeout. Enough that a good event failing on transient
 * faults is not given up (at 6, a change was lost under 20% transient errors and crashes), few enough
 * that an event that can never be handled stops taking sweeps' time the same day.
 */
export const MAX_REPLAY_ATTEMPTS = 24;

/** Events replayed per sweep: each change that claims its kind waits out the write fence, the rest are cheap. */
export const REPLAY_PER_SWEEP = 100;

/**
 * Contact changes first, newest first (by their event time: once the newest holds its kind, older
 * ones are answered at once), then the other events as received. `changeTime` reads a change's time,
 * undefined for any other event.
 */
async function newestChangesFirst(
  events: readonly FailedEvent[],
  changeTime: (event: unknown) => Promise<number | undefined>,
): Promise<FailedEvent[]> {
  const timed = await Promise.all(events.map(async (e) => ({ e, at: (await changeTime(e.event)) ?? Number.NEGATIVE_INFINITY })));
  return timed.sort((a, b) => (a.at === b.at ? 0 : b.at > a.at ? 1 : -1)).map(({ e }) => e);
}

/** What one replay did. */
export interface ReplayResult {
  readonly received: number;
  readonly replayed: number;
  readonly dropped: number;
  readonly failed: number;
  /** True when it stopped before handling every event it received. */
  readonly stopped: boolean;
  /** The runs the replayed events started, resumed or had already started. */
  readonly runIds: readonly string[];
}

/**
 * Hands the events that failed on every attempt back to the use cases that handle them (a contact
 * change, a joining account, a moved or retagged account, a scheduled reconcile), so that none is lost: each use case is
 * idempotent, so replaying an event that was handled after all does nothing. An event that fails
 * again stays for the next replay; one that is none of these is dropped, with a warning.
 */
export class ReplayFailedEvents {
  constructor(
    private readonly failed: FailedEventsPort,
    private readonly startSync: StartSyncFromChange,
    private readonly onboard: OnboardAccount,
    private readonly reconcile: Reconcile,
    private readonly reevaluate: ReevaluateAccount,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  /**
   * Replays up to `options.max` failed events (100 when absent). Contact changes go first, the newest
   * of each kind before the older ones: once it holds its kind, an older change of that kind is
   * answered STALE at once instead of waiting out the write fence in turn, so a good change is not
   * kept waiting behind the events replayed before it. An event that fails on its
   * {@link MAX_REPLAY_ATTEMPTS}th receive is given up: the failure queue moves it to the dead-letter
   * queue, and the reason is logged and counted (EventsGivenUp), so that it no longer takes every
   * sweep's time.
   */
  async execute(options: ReplayOptions = {}): Promise<ReplayResult> {
    const events = await newestChangesFirst(await this.failed.receive(options.max ?? 100), async (event) => {
      const change = await this.startSync.detect(event);
      return change.ok ? Date.parse(change.value.eventTime) : undefined;
    });
    const counts = { replayed: 0, dropped: 0, failed: 0 };
    const runIds: string[] = [];
    for (const [index, { handle, event }] of events.entries()) {
      if (options.stopRequested?.()) return { received: events.length, ...counts, stopped: true, runIds };
      try {
        const handled = await this.replay(event);
        if (!handled) counts.dropped += 1;
        else {
          counts.replayed += 1;
          if (handled.runId) runIds.push(handled.runId);
        }
        await this.failed.remove(handle);
      } catch (error) {
        counts.failed += 1;
        this.metrics.add('StartFailures');
        if ((events[index]?.receiveCount ?? 0) >= MAX_REPLAY_ATTEMPTS) {
          this.metrics.add('EventsGivenUp');
          this.logger.error('replayed event failed on its last try: given up, the failure queue moves it to the dead-letter queue', {
            receives: events[index]?.receiveCount,
            reason: loggableError(error),
          });
        } else this.logger.error('replayed event failed again; it stays for the next replay', { error: loggableError(error) });
      }
      options.onProgress?.(index + 1, events.length);
    }
    return { received: events.length, ...counts, stopped: false, runIds };
  }

  /** Hands the event to its use case and says which run it concerns (none for an ineligible account); undefined when no use case takes it. */
  private async replay(event: unknown): Promise<{ readonly runId?: string } | undefined> {
    const change = await this.startSync.detect(event);
    if (change.ok) {
      const result = await this.startSync.execute(change.value);
      return { runId: 'run' in result ? result.run.runId : result.runId };
    }
    const joined = detectNewAccount(event);
    if (joined.ok) {
      const result = await this.onboard.execute(joined.value);
      return 'run' in result ? { runId: result.run.runId } : 'runId' in result ? { runId: result.runId } : {};
    }
    const moved = detectAccountChange(event);
    if (moved.ok) {
      const result = await this.reevaluate.execute(moved.value);
      return { runId: 'run' in result ? result.run.runId : result.runId };
    }
    const runId = scheduledReconcileRunId(event);
    if (runId) {
      await this.reconcile.execute({ dryRun: false, runId, initiator: 'schedule' });
      return { runId };
    }
    this.logger.warn('failed event is neither a contact change, a joining account, an account change nor a scheduled reconcile: dropped', {
      reason: change.error.reason,
      field: change.error.field,
    });
    return undefined;
  }
}
