import { ClockPort } from '../ports/clock.port';

/** CLOSED lets calls through; OPEN refuses them; HALF_OPEN lets one trial call through. */
export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** When a {@link CircuitBreaker} opens, and for how long. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through. */
  readonly cooldownMs: number;
}

/** Opens after 5 consecutive failures, for 30 s. */
export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerOptions = Object.freeze({ failureThreshold: 5, cooldownMs: 30_000 });

/**
 * Guards one dependency: after N consecutive failures it refuses calls for a cooldown, then lets a
 * single trial through; a success closes it, a failure opens it again.
 */
export class CircuitBreaker {
  private state: CircuitState = 'CLOSED';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly clock: ClockPort,
    private readonly options: CircuitBreakerOptions = DEFAULT_CIRCUIT_BREAKER,
  ) {}

  /** The state as of now (an OPEN circuit whose cooldown has passed reads as HALF_OPEN). */
  get current(): CircuitState {
    if (this.state === 'OPEN' && this.clock.now() - this.openedAt >= this.options.cooldownMs) return 'HALF_OPEN';
    return this.state;
  }

  /** Asks to make a call. True means go ahead, and report the result with onSuccess or onFailure. */
  tryPass(): boolean {
    const state = this.current;
    if (state === 'CLOSED') return true;
    if (state === 'OPEN' || this.trialInFlight) return false;
    this.state = 'HALF_OPEN';
    this.trialInFlight = true;
    return true;
  }

  /** True when {@link tryPass} would let a call through now (it does not take the trial). */
  canPass(): boolean {
    const state = this.current;
    return state === 'CLOSED' || (state === 'HALF_OPEN' && !this.trialInFlight);
  }

  /** A passed call was not made after all: its trial, if it was one, is free again. */
  abandon(): void {
    this.trialInFlight = false;
  }

  /** How long until a trial call may be let through; 0 when calls may go now. */
  retryAfterMs(): number {
    return this.current === 'OPEN' ? this.options.cooldownMs - (this.clock.now() - this.openedAt) : 0;
  }

  /** A passed call succeeded: the circuit closes and the failure count starts again. */
  onSuccess(): void {
    this.state = 'CLOSED';
    this.failures = 0;
    this.trialInFlight = false;
  }

  /** A passed call failed: a failed trial, or the threshold reached, opens the circuit. */
  onFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.state === 'HALF_OPEN' || this.failures >= this.options.failureThreshold) {
      this.state = 'OPEN';
      this.openedAt = this.clock.now();
    }
  }
}
