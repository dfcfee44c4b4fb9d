import { ItemResult } from '@contact-sync/domain';
import type { SQSBatchResponse } from 'aws-lambda';
import { DEPLOYMENT } from './deployment';

/**
 * The deadlines and acknowledgements of the stack's deliveries, in one place: the worker's body, the
 * sweep's and the simulation read them here, so that none of them keeps its own copy.
 */

/** When a worker invocation ending at `endsAtMs` stops starting work: the margin is kept to store what it did. */
export const workDeadlineMs = (endsAtMs: number): number => endsAtMs - DEPLOYMENT.deadlineMarginMs;

/** True when the sweep, ending at `endsAtMs`, must stop replaying failed events to keep its reserve. */
export const sweepReserveReached = (endsAtMs: number, nowMs: number): boolean => endsAtMs - nowMs < DEPLOYMENT.sweepReserveMs;

/** The work item results whose record goes back to the queue: held by another delivery, cut short, or refused. */
const REDELIVERED: ReadonlySet<ItemResult['status']> = new Set<ItemResult['status']>(['BUSY', 'INTERRUPTED', 'REFUSED']);

/**
 * True when a work item's record must be delivered again: it is held by another delivery (BUSY), it
 * was left unfinished near the deadline (INTERRUPTED), or its accounts are not its item's (REFUSED:
 * after maxReceiveCount it reaches the DLQ, whose alarm tells). Any other result acknowledges it.
 */
export const redelivered = (status: ItemResult['status']): boolean => REDELIVERED.has(status);

/** The partial batch response that returns the records with these message ids to the queue, and acknowledges the rest. */
export const batchResponse = (redeliver: readonly (string | undefined)[]): SQSBatchResponse => ({
  batchItemFailures: redeliver.filter((id): id is string => id !== undefined).map((itemIdentifier) => ({ itemIdentifier })),
});
