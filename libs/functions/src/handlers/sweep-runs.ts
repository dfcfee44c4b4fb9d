import {
  ConfigSweep,
  ConvergeConfiguration,
  loggableError,
  ReplayFailedEvents,
  ReplayResult,
  SweepResult,
  SweepRuns,
} from '@contact-sync/domain';
import { sweepReserveReached } from '../deliveries';
import { DEPLOYMENT } from '../deployment';
import { defineFunction } from '../invocation';

/** What one sweep did: the open runs' sweep, and the replay and configuration steps when they ran. */
export type SweepResponse = SweepResult & { readonly replay?: ReplayResult; readonly configuration?: ConfigSweep };

/**
 * A schedule (every few minutes): nothing is lost and no run stays open silently. First replays the
 * events the start functions failed on every attempt (their on-failure destination), then resumes
 * launches that were cut off, finishes runs whose finisher was cut off or whose notification failed,
 * re-drives stalled runs, and finishes with a HIGH notification a run it could not get going again.
 * Beside the open runs, it launches the run of a configuration version that widened what is synced
 * (recorded by `config set`, or recorded here when no tool did). A failed replay or configuration
 * step does not stop the sweep; it is thrown afterwards, for the handler-errors alarm.
 */
export const sweepRuns = defineFunction(
  { replayFailedEvents: ReplayFailedEvents, openRuns: SweepRuns, convergeConfiguration: ConvergeConfiguration },
  async (_event: unknown, { replayFailedEvents, openRuns, convergeConfiguration, logger, endsAtMs, now }): Promise<SweepResponse> => {
    let replayError: unknown;
    const replay = await replayFailedEvents
      .execute({ max: DEPLOYMENT.replayPerSweep, stopRequested: () => sweepReserveReached(endsAtMs, now()) })
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
      openRuns.execute(),
    ]);
    if (configuration?.status === 'LAUNCHED') logger.info('configuration run launched', { ...configuration });
    logger.info('sweep done', { ...result });
    if (replayError !== undefined) throw replayError;
    if (configError !== undefined) throw configError;
    return { ...result, ...(replay ? { replay } : {}), ...(configuration ? { configuration } : {}) };
  },
);
