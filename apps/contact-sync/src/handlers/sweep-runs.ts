import {
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
 * A failed replay does not stop the sweep; it is thrown afterwards, for the handler-errors alarm.
 */
export const handler = lambdaHandler(
  { replayFailedEvents: ReplayFailedEvents, sweepRuns: SweepRuns },
  async (
    _event: unknown,
    { replayFailedEvents, sweepRuns, logger, endsAtMs },
  ): Promise<SweepResult & { readonly replay?: ReplayResult }> => {
    let replayError: unknown;
    const replay = await replayFailedEvents
      .execute({ max: REPLAY_PER_SWEEP, stopRequested: () => endsAtMs - Date.now() < SWEEP_RESERVE_MS })
      .catch((error: unknown) => {
        replayError = error;
        logger.error('replay of failed events failed; the sweep goes on', { error: loggableError(error) });
        return undefined;
      });
    if (replay && replay.received > 0) logger.info('failed events replayed', { ...replay, runIds: replay.runIds.length });
    const result = await sweepRuns.execute();
    logger.info('sweep done', { ...result });
    if (replayError !== undefined) throw replayError;
    return { ...result, ...(replay ? { replay } : {}) };
  },
);
