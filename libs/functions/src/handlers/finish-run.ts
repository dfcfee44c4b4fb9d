import { FinishRun, isRecord } from '@contact-sync/domain';
import { InvalidInputError } from '../app-error';
import { defineFunction } from '../invocation';

/**
 * Finishes a run by hand: aggregates its outcomes, stores the report and notifies. Runs finish on
 * their own (the worker that completes the last item finishes them); this is for an operator to
 * re-finish one, e.g. `serverless invoke -f finishRun --data '{"runId":"chg-..."}'`.
 */
export const finishRun = defineFunction(
  { finish: FinishRun },
  async (event: unknown, { finish, logger }): Promise<{ readonly runId: string; readonly status: string }> => {
    const runId = isRecord(event) ? event['runId'] : undefined;
    if (typeof runId !== 'string' || runId === '') throw new InvalidInputError('runId: must be the id of a run, e.g. {"runId":"chg-..."}');
    logger.correlate(runId);
    const report = await finish.execute(runId);
    return { runId, status: report.status };
  },
);
