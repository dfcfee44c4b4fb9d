import {
  ConfigSweep,
  ConvergeConfiguration,
  DEFAULT_LAUNCH_OPTIONS,
  loggableError,
  REPLAY_PER_SWEEP,
  ReplayFailedEvents,
  ReplayResult,
  SweepResult,
  SweepRuns,
} from '@contact-sync/domain';
import { lambdaHandler } from '../lambda-handler';

/** Replaying stops when less time than this is left, for the sweep itself: two launch slices (a replayed change's, then the sweep's side-by-side continuations), with room to spare. */
export const SWEEP_RESERVE_MS = 2 * DEFAULT_LAUNCH_OPTIONS.sliceMs + 30_000;

/**
 * A schedule (every few minutes): nothing is lost and no run stays open silently. First replays the
 * events the start functions failed on every attempt (their on-failure destination), then resumes
 * launches that were cut off, finishes runs whose finisher was cut off or whose notification failed,
 * re-drives stalled runs, and finishes with a HIGH notification a run it could not get going again.
 * Beside the open runs, it launches the run of a configuration version that widened what is synced
 * (recorded by `config set`, or recorded here when no tool did). A failed replay or configuration
 * step does not stop the sweep; it is thrown afterwards, for the handler-errors alarm.
 */
export const handler = lambdaHandler(
  { replayFailedEvents: ReplayFailedEvents, sweepRuns: SweepRuns, convergeConfiguration: ConvergeConfiguration },
  async (
    _event: unknown,
    { replayFailedEvents, sweepRuns, convergeConfiguration, logger, endsAtMs },
  ): Promise<SweepResult & { readonly replay?: ReplayResult; readonly configuration?: ConfigSweep }> => {
    let replayError: unknown;
    const replay = await replayFailedEvents
      .execute({ max: REPLAY_PER_SWEEP, stopRequested: () => endsAtMs - Date.now() < SWEEP_RESERVE_MS })
      .catch((error: unknown) => {
        replayError = error;
        logger.error('replay of failed events failed; the sweep goes on', { error: loggableError(error) });
        return undefined;
      });
    if (replay && replay.received > 0) logger.info('failed events replayed', { ...replay, runIds: replay.runIds.length });
    // Side by side: each launch is bounded by its slice, so the sweep still takes one slice.
    let configError: unknown;
    const [configuration, result] = await Promise.all([
      convergeConfiguration.sweep().catch((error: unknown) => {
        configError = error;
        logger.error('configuration step failed; the next sweep tries again', { error: loggableError(error) });
        return undefined;
      }),
      sweepRuns.execute(),
    ]);
    if (configuration?.status === 'LAUNCHED') logger.info('configuration run launched', { ...configuration });
    logger.info('sweep done', { ...result });
    if (replayError !== undefined) throw replayError;
    if (configError !== undefined) throw configError;
    return { ...result, ...(replay ? { replay } : {}), ...(configuration ? { configuration } : {}) };
  },
);
