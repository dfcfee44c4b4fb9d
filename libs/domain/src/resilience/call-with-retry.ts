import { RandomPort } from '../ports/random.port';
import { SleeperPort } from '../ports/sleeper.port';
import { ServiceErrorCode } from '../shared/service-error-code';
import { errorCodeOf } from './contact-api-error';
import { decideRetry, RetryPolicyOptions } from './retry-policy';

/** What {@link callWithRetry} needs, and what it reports. */
export interface RetryContext {
  readonly policy: RetryPolicyOptions;
  readonly random: RandomPort;
  readonly sleeper: SleeperPort;
  /** Told of each failed attempt that will be retried, before the wait. */
  readonly onRetry?: (code: ServiceErrorCode, attemptsMade: number, delayMs: number) => void;
}

/**
 * Calls `call` until it succeeds, the error is not retryable, or the attempts run out; between
 * attempts it waits with full jitter. The last error is rethrown as it was.
 */
export async function callWithRetry<T>(call: (attempt: number) => Promise<T>, context: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call(attempt);
    } catch (error) {
      const code = errorCodeOf(error);
      const decision = decideRetry(context.policy, code, attempt, context.random);
      if (!decision.retry) throw error;
      context.onRetry?.(code, attempt, decision.delayMs);
      await context.sleeper.sleep(decision.delayMs);
    }
  }
}
