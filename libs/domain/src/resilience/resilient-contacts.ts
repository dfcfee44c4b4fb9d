import { AccountId } from '../accounts/account-id';
import { clientRateSettings, RateSettings } from '../config/rate-settings';
import { ContactOperation } from '../contacts/contact-operation';
import { AlternateContactType, ContactKind } from '../contacts/contact-kind';
import { readOperation, removeOperation, writeOperation } from '../contacts/contact-kinds';
import { ContactSlot, ContactValue, kindOf } from '../contacts/contact-value';
import { ClockPort } from '../ports/clock.port';
import { ContactsPort, Removal } from '../ports/contacts.port';
import { MetricsPort } from '../ports/metrics.port';
import { RandomPort } from '../ports/random.port';
import { SleeperPort } from '../ports/sleeper.port';
import { AdaptiveRateLimiter } from './adaptive-rate-limiter';
import { callWithRetry } from './call-with-retry';
import { CircuitBreaker, DEFAULT_CIRCUIT_BREAKER } from './circuit-breaker';
import { ContactApiError, errorCodeOf } from './contact-api-error';
import { WorkInterrupted } from './interruption';
import { DEFAULT_RETRY_POLICY, RetryPolicyOptions } from './retry-policy';

/** A call's value and how many attempts went out. */
export interface Attempted<T> {
  readonly value: T;
  readonly attempts: number;
}

/** Limits on one call. */
export interface CallOptions {
  /** Epoch milliseconds after which no attempt may go out: the call throws {@link WorkInterrupted} DEADLINE instead. */
  readonly deadlineMs?: number;
  /** Runs immediately before each attempt goes out; what it throws ends the call as it is. */
  readonly guard?: () => Promise<void>;
  /** Told of each attempt that went out and failed, with its error: a write whose answer was lost may still take effect. */
  readonly onAttemptFailed?: (error: ContactApiError) => void;
}

/** Thrown when a call fails for good; carries how many attempts went out. */
export class ExhaustedCallError extends ContactApiError {
  constructor(
    readonly last: ContactApiError,
    readonly attempts: number,
  ) {
    super(last.code, last.operation, last.requestId, { cause: last });
  }
}

/** How long a call waits, in all, for an open circuit to close before it gives the work back. */
export const DEFAULT_MAX_CIRCUIT_PAUSE_MS = 15 * 60_000;
const CIRCUIT_POLL_MS = 1000;

/**
 * The contacts API as the use cases call it: every call paced by the shared rate limiter, retried
 * with backoff, and paused (not failed) while the circuit breaker is open. Failures end as
 * {@link ExhaustedCallError}; a deadline, a long outage or a guard end the call with their own error.
 */
export class ResilientContacts {
  constructor(
    private readonly contacts: ContactsPort,
    private readonly limiter: AdaptiveRateLimiter,
    private readonly breaker: CircuitBreaker,
    private readonly policy: RetryPolicyOptions,
    private readonly random: RandomPort,
    private readonly clock: ClockPort,
    private readonly sleeper: SleeperPort,
    private readonly metrics: MetricsPort,
    private readonly maxCircuitPauseMs = DEFAULT_MAX_CIRCUIT_PAUSE_MS,
  ) {}

  /** The same pacing, circuit and retries over another port (a view of the same API): they share the quotas and the circuit. */
  withContacts(contacts: ContactsPort): ResilientContacts {
    return new ResilientContacts(
      contacts,
      this.limiter,
      this.breaker,
      this.policy,
      this.random,
      this.clock,
      this.sleeper,
      this.metrics,
      this.maxCircuitPauseMs,
    );
  }

  /** Reads the contact of `kind` (the management account's when `accountId` is absent). */
  read(kind: ContactKind, accountId?: AccountId, options?: CallOptions): Promise<Attempted<ContactSlot>> {
    return this.call(readOperation(kind), () => this.contacts.read(kind, accountId), options);
  }

  /** Sets the contact of the value's kind. */
  write(value: ContactValue, accountId?: AccountId, options?: CallOptions): Promise<Attempted<void>> {
    return this.call(writeOperation(kindOf(value)), () => this.contacts.write(value, accountId), options);
  }

  /** Deletes an alternate contact; one already absent is not an error, and is told apart (see {@link Removal}). */
  remove(type: AlternateContactType, accountId?: AccountId, options?: CallOptions): Promise<Attempted<Removal>> {
    return this.call(removeOperation(type), () => this.contacts.remove(type, accountId), options);
  }

  private async call<T>(operation: ContactOperation, fn: () => Promise<T>, options: CallOptions = {}): Promise<Attempted<T>> {
    let attempts = 0;
    try {
      const value = await callWithRetry(
        async () => {
          await this.pass(operation, options.deadlineMs);
          try {
            await options.guard?.();
          } catch (error) {
            this.breaker.abandon();
            throw error;
          }
          attempts += 1;
          try {
            const result = await fn();
            this.limiter.onSuccess(operation);
            this.breaker.onSuccess();
            return result;
          } catch (error) {
            this.observeFailure(operation, error);
            const failure =
              error instanceof ContactApiError ? error : new ContactApiError('UNKNOWN', operation, undefined, { cause: error });
            options.onAttemptFailed?.(failure);
            throw failure;
          }
        },
        { policy: this.policy, random: this.random, sleeper: this.sleeper, onRetry: () => this.metrics.add('Retries') },
      );
      return { value, attempts };
    } catch (error) {
      if (!(error instanceof ContactApiError)) throw error;
      throw new ExhaustedCallError(error, attempts);
    }
  }

  /** Waits for the circuit and the rate limiter; throws {@link WorkInterrupted} when the wait would outlast the caller. */
  private async pass(operation: ContactOperation, deadlineMs: number | undefined): Promise<void> {
    let paused = 0;
    for (;;) {
      while (!this.breaker.canPass()) {
        if (paused >= this.maxCircuitPauseMs)
          throw new WorkInterrupted('CIRCUIT_OPEN', `${operation}: the contacts API kept failing; the work is left for later`);
        const wait = Math.max(this.breaker.retryAfterMs(), CIRCUIT_POLL_MS);
        if (deadlineMs !== undefined && this.clock.now() + wait > deadlineMs)
          throw new WorkInterrupted('DEADLINE', `${operation}: no time left to wait for the circuit`);
        await this.sleeper.sleep(wait);
        paused += wait;
      }
      if (!(await this.limiter.acquire(operation, deadlineMs)))
        throw new WorkInterrupted('DEADLINE', `${operation}: no time left for another call`);
      if (this.breaker.tryPass()) return;
    }
  }

  private observeFailure(operation: ContactOperation, error: unknown): void {
    const code = errorCodeOf(error);
    if (code === 'THROTTLED') {
      this.metrics.add('Throttled');
      this.limiter.onThrottled(operation);
    }
    // Only faults of the service itself count against it; a refusal or a throttle is a healthy answer.
    if (code === 'TRANSIENT' || code === 'UNKNOWN') this.breaker.onFailure();
    else this.breaker.onSuccess();
  }
}

/** What {@link resilientContactsFor} builds on. */
export interface ResilienceDependencies {
  readonly contacts: ContactsPort;
  /** The quotas this process paces itself at (already shared out between workers, if any). */
  readonly rates: RateSettings;
  readonly clock: ClockPort;
  readonly sleeper: SleeperPort;
  readonly random: RandomPort;
  readonly metrics: MetricsPort;
}

/** Resilient contacts with the default retry policy and circuit breaker, pacing at `rates` less one token of burst. */
export function resilientContactsFor(d: ResilienceDependencies): ResilientContacts {
  return new ResilientContacts(
    d.contacts,
    new AdaptiveRateLimiter(clientRateSettings(d.rates), d.clock, d.sleeper),
    new CircuitBreaker(d.clock, DEFAULT_CIRCUIT_BREAKER),
    DEFAULT_RETRY_POLICY,
    d.random,
    d.clock,
    d.sleeper,
    d.metrics,
  );
}
