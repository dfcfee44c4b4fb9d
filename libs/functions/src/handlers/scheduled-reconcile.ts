import { isRecord, Reconcile, reconcileRunIdFor } from '@contact-sync/domain';
import { InvalidInputError } from '../app-error';
import { defineFunction } from '../invocation';

/**
 * The periodic resync (on in every stage): starts a run that repairs drift on every eligible account.
 * It honours the configuration in force, the stored one or, until one is stored, the stage's initial
 * one (in dry run in every stage): in dry run the run starts all the same, and its workers report what
 * they would write and write nothing.
 */
export const scheduledReconcile = defineFunction(
  { reconcile: Reconcile },
  async (event: unknown, { reconcile, logger }): Promise<{ readonly status: string; readonly runId: string }> => {
    const id = isRecord(event) && typeof event['id'] === 'string' ? event['id'] : undefined;
    if (!id) throw new InvalidInputError('id: a scheduled event has an id');
    const runId = reconcileRunIdFor(id);
    logger.correlate(runId);
    const result = await reconcile.execute({ dryRun: false, runId, initiator: 'schedule' });
    logger.info('reconcile started', { runId, status: result.status });
    return { status: result.status, runId };
  },
);
