import { RateLimit } from '../config/rate-settings';

/**
 * A token bucket in its GCRA form (the generic cell rate algorithm), handing out reservations: a
 * caller is told how long to wait before its call may go out, so concurrent callers queue fairly
 * without polling. Its rate can be lowered and raised at run time; the burst tolerance stays that of
 * the configured limit, so at most burst + limit·t calls go out in any t seconds, whatever the rate did.
 */
export class TokenBucket {
  /** The theoretical arrival time: when the bucket would be empty again at the current rate. */
  private tat: number;
  private rate: number;
  private readonly toleranceMs: number;

  constructor(
    readonly limit: RateLimit,
    startMs: number,
  ) {
    this.tat = startMs;
    this.rate = limit.ratePerSecond;
    this.toleranceMs = ((limit.burst - 1) / limit.ratePerSecond) * 1000;
  }

  /** The rate in force now, in requests per second. */
  get currentRate(): number {
    return this.rate;
  }

  /** How many milliseconds the next reservation would wait, without reserving it. */
  peek(nowMs: number): number {
    return Math.max(nowMs, this.tat - this.toleranceMs) - nowMs;
  }

  /** Reserves the next slot; returns how many milliseconds to wait before the call may go out. */
  reserve(nowMs: number): number {
    const at = Math.max(nowMs, this.tat - this.toleranceMs);
    this.tat = Math.max(this.tat, at) + 1000 / this.rate;
    return at - nowMs;
  }

  /** Changes the rate for the slots reserved from now on, clamped to (0, limit]. */
  setRate(ratePerSecond: number): void {
    this.rate = Math.min(this.limit.ratePerSecond, Math.max(ratePerSecond, Number.MIN_VALUE));
  }

  /** Drops any saved-up burst, so that the next calls go out at the steady rate. */
  drain(nowMs: number): void {
    this.tat = Math.max(this.tat, nowMs + this.toleranceMs);
  }
}
