import { RandomPort } from '../ports/random.port';
import { isRetryable, ServiceErrorCode } from '../shared/service-error-code';

/** Exponential backoff with full jitter. */
export interface RetryPolicyOptions {
  /** The first retry's delay ceiling. */
  readonly baseDelayMs: number;
  /** No delay ceiling exceeds this. */
  readonly maxDelayMs: number;
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
}

/** Delays from 100 ms up to 20 s, 8 attempts in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = Object.freeze({ baseDelayMs: 100, maxDelayMs: 20_000, maxAttempts: 8 });

/** The decision after a failed attempt. */
export type RetryDecision =
  { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly reason: 'NOT_RETRYABLE' | 'ATTEMPTS_EXHAUSTED' };

/** The delay ceiling before retry number `retry` (0 for the first): min(cap, base·2^retry). */
export const delayCeiling = (options: RetryPolicyOptions, retry: number): number =>
  Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);

/**
 * Decides whether to try again after attempt number `attemptsMade` (1 for the first) failed with
 * `code`, and how long to wait: a uniform draw in [0, ceiling) ("full jitter").
 */
export function decideRetry(options: RetryPolicyOptions, code: ServiceErrorCode, attemptsMade: number, random: RandomPort): RetryDecision {
  if (!isRetryable(code)) return { retry: false, reason: 'NOT_RETRYABLE' };
  if (attemptsMade >= options.maxAttempts) return { retry: false, reason: 'ATTEMPTS_EXHAUSTED' };
  return { retry: true, delayMs: random.next() * delayCeiling(options, attemptsMade - 1) };
}
