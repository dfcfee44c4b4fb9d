import { RateLimit } from '../config/rate-settings';
import { ContactOperation } from '../contacts/contact-operation';
import { ClockPort } from '../ports/clock.port';
import { SleeperPort } from '../ports/sleeper.port';
import { TokenBucket } from './token-bucket';

/** How the limiter reacts to throttling: additive increase, multiplicative decrease. */
export interface AimdOptions {
  /** The rate is multiplied by this on each throttle. */
  readonly decreaseFactor: number;
  /** Each success adds this fraction of the configured rate, up to the configured rate. */
  readonly increaseFraction: number;
  /** The rate never falls below this fraction of the configured rate. */
  readonly minRateFraction: number;
}

/** Halve on each throttle, regain 2% of the configured rate per success, never below 5% of it. */
export const DEFAULT_AIMD: AimdOptions = Object.freeze({ decreaseFactor: 0.5, increaseFraction: 0.02, minRateFraction: 0.05 });

/**
 * One token bucket per operation, shared by every caller in the process. It never lets more than
 * burst + rate·t calls of an operation through in any t seconds, and slows down when the service
 * throttles anyway (another caller may share the quota).
 */
export class AdaptiveRateLimiter<Op extends string = ContactOperation> {
  private readonly buckets = new Map<Op, TokenBucket>();

  constructor(
    private readonly settings: Readonly<Record<Op, RateLimit>>,
    private readonly clock: ClockPort,
    private readonly sleeper: SleeperPort,
    private readonly aimd: AimdOptions = DEFAULT_AIMD,
  ) {}

  /**
   * Waits until a call of `operation` may go out. With `notAfterMs`, reserves nothing and answers
   * false at once when the call could not go out by then (the caller's time is nearly up).
   */
  async acquire(operation: Op, notAfterMs?: number): Promise<boolean> {
    const bucket = this.bucket(operation);
    const now = this.clock.now();
    if (notAfterMs !== undefined && now + bucket.peek(now) > notAfterMs) return false;
    const wait = bucket.reserve(now);
    if (wait > 0) await this.sleeper.sleep(wait);
    return true;
  }

  /** The service throttled a call: cut the rate and drop any saved-up burst. */
  onThrottled(operation: Op): void {
    const bucket = this.bucket(operation);
    const floor = bucket.limit.ratePerSecond * this.aimd.minRateFraction;
    bucket.setRate(Math.max(floor, bucket.currentRate * this.aimd.decreaseFactor));
    bucket.drain(this.clock.now());
  }

  /** A call succeeded: creep back towards the configured rate. */
  onSuccess(operation: Op): void {
    const bucket = this.bucket(operation);
    if (bucket.currentRate >= bucket.limit.ratePerSecond) return;
    bucket.setRate(bucket.currentRate + bucket.limit.ratePerSecond * this.aimd.increaseFraction);
  }

  /** The rate in force for `operation`, in requests per second. */
  currentRate(operation: Op): number {
    return this.bucket(operation).currentRate;
  }

  private bucket(operation: Op): TokenBucket {
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      bucket = new TokenBucket(this.settings[operation], this.clock.now());
      this.buckets.set(operation, bucket);
    }
    return bucket;
  }
}
