import { AccountId } from '../accounts/account-id';
import { InterruptionCode } from '../resilience/interruption';
import { AccountOutcome } from '../sync/account-outcome';
import { ServiceErrorCode } from '../shared/service-error-code';

/** The invocation a worker processes an item in. */
export interface WorkerContext {
  /** Who holds the item while it is processed: unique per invocation and message. */
  readonly holder: string;
  /** Epoch milliseconds after which no new call may start; undefined for no limit. */
  readonly deadlineMs?: number;
  /**
   * Epoch milliseconds at which the invocation is killed (its timeout): the item stays held until
   * then, so that no other delivery takes it while this one may still be writing.
   */
  readonly endsAtMs?: number;
  /**
   * Which delivery of the item this is (SQS's ApproximateReceiveCount), when known. Before the
   * last delivery that may retry, an account-kind that exhausts its attempts on a retryable error
   * leaves the item for a later delivery instead of failing; from it on, it fails.
   */
  readonly delivery?: number;
}

/** The delivery from which an account-kind that keeps being throttled or faulted is recorded FAILED (SQS's maxReceiveCount is 5). */
export const FINAL_RETRYABLE_DELIVERY = 3;

/** How long an item is held when the worker has no deadline of its own. */
export const DEFAULT_ITEM_LEASE_MS = 15 * 60_000;

/**
 * What a worker did with one item. Only INTERRUPTED and BUSY leave the item for a later delivery.
 * REFUSED: the message's accounts are not its stored item's; nothing was done, the item untouched.
 */
export type ItemResult =
  | { readonly status: 'DONE'; readonly outcomes: readonly AccountOutcome[]; readonly finishedRun: boolean }
  | { readonly status: 'ALREADY_DONE' | 'RUN_CLOSED' | 'UNKNOWN_ITEM' }
  | { readonly status: 'REFUSED'; readonly reason: 'ACCOUNTS_DIFFER' }
  | { readonly status: 'BUSY' }
  | { readonly status: 'INTERRUPTED'; readonly outcomes: readonly AccountOutcome[]; readonly reason: InterruptionCode };

/**
 * How long the worker holds the item from `nowMs`: until its invocation is killed (or, without that,
 * its deadline), so that no other delivery takes the item while this one may still be writing; at
 * least a millisecond, and {@link DEFAULT_ITEM_LEASE_MS} for a worker with no limit of its own.
 */
export function itemLeaseMs(nowMs: number, context: Pick<WorkerContext, 'deadlineMs' | 'endsAtMs'>): number {
  const endsAt = context.endsAtMs ?? context.deadlineMs;
  return endsAt !== undefined ? Math.max(1, endsAt - nowMs) : DEFAULT_ITEM_LEASE_MS;
}

/**
 * Whether an account-kind that exhausted its attempts on a retryable error may be left for a later
 * delivery: only while the delivery is known and comes before {@link FINAL_RETRYABLE_DELIVERY}, so
 * that the queue's last deliveries record it FAILED rather than losing it to the dead-letter queue.
 */
export const mayRetryLaterIn = (context: Pick<WorkerContext, 'delivery'>): boolean =>
  context.delivery !== undefined && context.delivery < FINAL_RETRYABLE_DELIVERY;

/** Failures that a later delivery may get past: throttling and the service's own faults. */
const RETRYABLE: ReadonlySet<string> = new Set<ServiceErrorCode>(['THROTTLED', 'TRANSIENT']);

/**
 * Why the worker stops instead of recording an account-kind's failure: a retryable failure while a
 * later delivery may still retry it. Undefined when the failure is to be recorded.
 */
export const stopForFailure = (code: string | undefined, mayRetryLater: boolean): InterruptionCode | undefined =>
  mayRetryLater && code !== undefined && RETRYABLE.has(code) ? 'RETRYABLE_FAILURE' : undefined;

/**
 * Why the worker stops before an account whose tags it needed: the tag read could not start before
 * the deadline, or it failed while a later delivery may read them again. Undefined when it goes on
 * (with the tags' verdict, or recording TAGS_UNREADABLE on the last deliveries).
 */
export const stopForTags = (
  read: 'TAGS_UNREADABLE' | 'DEADLINE' | object | undefined,
  mayRetryLater: boolean,
): InterruptionCode | undefined => {
  if (read === 'DEADLINE') return 'DEADLINE';
  return read === 'TAGS_UNREADABLE' && mayRetryLater ? 'RETRYABLE_FAILURE' : undefined;
};

/** Whether two lists hold the same accounts (an item's accounts are distinct), in any order. */
export function sameAccounts(a: readonly AccountId[], b: readonly AccountId[]): boolean {
  const held = new Set(a);
  return a.length === b.length && b.every((id) => held.has(id));
}
