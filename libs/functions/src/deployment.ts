import { DEFAULT_LAUNCH_OPTIONS, MAX_REPLAY_ATTEMPTS, REPLAY_PER_SWEEP, WORK_ITEM_LIMITS } from '@contact-sync/domain';
import stack from './deployment.json';

/** The stack's functions, by their names in serverless.yml. */
export type FunctionName = keyof typeof stack.functions;

/** Every function of the stack, in serverless.yml's order. */
export const FUNCTION_NAMES = Object.freeze(Object.keys(stack.functions) as FunctionName[]);

/**
 * The deployment's numbers, the one place they are written. serverless.yml reads deployment.json
 * (`${file(...)}`) for what the stack sets (timeouts, batch size, queues, retries, the sweep's
 * schedule); the functions' bodies and the simulation read this module. The numbers only code uses
 * (the deadline margin, the sweep's replay count and reserve) are here too, beside the timeouts they
 * are taken from. A spec holds the packaged template and the simulator's delivery model to these.
 */
export const DEPLOYMENT = Object.freeze({
  /** How long Lambda lets each function run (its `timeout`), in ms. */
  timeoutMs: Object.freeze(
    Object.fromEntries(FUNCTION_NAMES.map((name) => [name, stack.functions[name].timeoutSeconds * 1000])) as Record<FunctionName, number>,
  ),
  /** Lambda's retries of a failed asynchronous invocation (the start functions'), before the failure destination. */
  asyncRetries: stack.asyncInvocation.maximumRetryAttempts,
  /** Records handed to one worker invocation (the event source's `batchSize`). */
  workerBatchSize: stack.worker.batchSize,
  /** The workers at once when the stage does not say (stages.yml's default `workerConcurrency`). */
  defaultWorkerConcurrency: stack.worker.defaultMaximumConcurrency,
  /** The work queue: how long a received message stays hidden, and the receives before the DLQ. */
  workQueue: Object.freeze({
    visibilityTimeoutMs: stack.workQueue.visibilityTimeoutSeconds * 1000,
    maxReceiveCount: stack.workQueue.maxReceiveCount,
  }),
  /** The start functions' failure destination, which the sweep replays. */
  failedEventsQueue: Object.freeze({
    visibilityTimeoutMs: stack.failedEventsQueue.visibilityTimeoutSeconds * 1000,
    maxReceiveCount: stack.failedEventsQueue.maxReceiveCount,
  }),
  /** How often the sweep's schedule fires. */
  sweepIntervalMs: stack.sweep.everyMinutes * 60_000,
  /** Failed events one sweep replays at most. */
  replayPerSweep: REPLAY_PER_SWEEP,
  /**
   * Replaying stops when less time than this is left, for the sweep itself: two launch slices (a
   * replayed change's, then the sweep's side-by-side continuations), with room to spare.
   */
  sweepReserveMs: 2 * DEFAULT_LAUNCH_OPTIONS.sliceMs + 30_000,
  /** Time kept back from the worker's timeout to store what was done before Lambda stops it. */
  deadlineMarginMs: WORK_ITEM_LIMITS.deadlineMarginMs,
});

/**
 * The numbers the domain keeps for itself (the slowest accepted rate is derived from the worker's
 * limits; the replay gives an event up on the failure queue's last receive), as they differ from the
 * deployment's: empty when they agree. A spec asserts it is empty.
 */
export function domainDisagreements(): string[] {
  const pairs: [string, number, number][] = [
    ['WORK_ITEM_LIMITS.workerTimeoutMs', WORK_ITEM_LIMITS.workerTimeoutMs, DEPLOYMENT.timeoutMs.accountWorker],
    ['WORK_ITEM_LIMITS.itemsPerDelivery', WORK_ITEM_LIMITS.itemsPerDelivery, DEPLOYMENT.workerBatchSize],
    ['WORK_ITEM_LIMITS.deliveriesBeforeDeadLetter', WORK_ITEM_LIMITS.deliveriesBeforeDeadLetter, DEPLOYMENT.workQueue.maxReceiveCount],
    ['MAX_REPLAY_ATTEMPTS', MAX_REPLAY_ATTEMPTS, DEPLOYMENT.failedEventsQueue.maxReceiveCount],
  ];
  return pairs
    .filter(([, domain, deployment]) => domain !== deployment)
    .map(([name, domain, deployment]) => `${name} is ${domain}, the stack's ${deployment}`);
}
