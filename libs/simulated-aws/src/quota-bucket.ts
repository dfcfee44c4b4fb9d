import { RateLimit } from '@contact-sync/domain';

/** A service-side quota: a classic token bucket that refuses, rather than queues, a call over the limit. */
export class QuotaBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    startMs: number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = startMs;
  }

  /** Takes a token if one is there. */
  tryTake(nowMs: number): boolean {
    this.tokens = Math.min(this.limit.burst, this.tokens + (Math.max(0, nowMs - this.updatedAt) / 1000) * this.limit.ratePerSecond);
    this.updatedAt = Math.max(this.updatedAt, nowMs);
    // A millionth of a token absorbs floating-point rounding of the refill.
    if (this.tokens < 1 - 1e-6) return false;
    this.tokens -= 1;
    return true;
  }
}
