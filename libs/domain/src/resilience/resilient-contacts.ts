import { AccountId } from '../accounts/account-id';
import { clientRateSettings, ContactOperation, RateSettings } from '../config/rate-settings';
import { AlternateContactType, ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue, kindOf } from '../contacts/contact-value';
import { ClockPort } from '../ports/clock.port';
import { ContactsPort } from '../ports/contacts.port';
import { MetricsPort } from '../ports/metrics.port';
import { RandomPort } from '../ports/random.port';
import { SleeperPort } from '../ports/sleeper.port';
import { AdaptiveRateLimiter } from './adaptive-rate-limiter';
import { callWithRetry } from './call-with-retry';
import { CircuitBreaker, DEFAULT_CIRCUIT_BREAKER } from './circuit-breaker';
import { errorCodeOf } from './classify-error';
import { ContactApiError } from './contact-api-error';
import { DEFAULT_RETRY_POLICY, RetryPolicyOptions } from './retry-policy';

/** A call's value and how many attempts it took. */
export interface Attempted<T> {
  readonly value: T;
  readonly attempts: number;
}

/** The Account Management operation behind each call. */
export const readOperation = (kind: ContactKind): ContactOperation => (kind === 'PRIMARY' ? 'GetContactInformation' : 'GetAlternateContact');
export const writeOperation = (kind: ContactKind): ContactOperation => (kind === 'PRIMARY' ? 'PutContactInformation' : 'PutAlternateContact');

/** Thrown when a call fails for good; carries how many attempts were made. */
export class ExhaustedCallError extends ContactApiError {
  constructor(
    readonly last: ContactApiError,
    readonly attempts: number,
  ) {
    super(last.code, last.operation, last.requestId, { cause: last });
  }
}

/**
 * The contacts API as the use cases call it: every call paced by the shared rate limiter, guarded by
 * the circuit breaker, and retried with backoff. Failures end as {@link ExhaustedCallError}.
 */
export class ResilientContacts {
  constructor(
    private readonly contacts: ContactsPort,
    private readonly limiter: AdaptiveRateLimiter,
    private readonly breaker: CircuitBreaker,
    private readonly policy: RetryPolicyOptions,
    private readonly random: RandomPort,
    private readonly sleeper: SleeperPort,
    private readonly metrics: MetricsPort,
  ) {}

  read(kind: ContactKind, accountId?: AccountId): Promise<Attempted<ContactSlot>> {
    return this.call(readOperation(kind), () => this.contacts.read(kind, accountId));
  }

  write(value: ContactValue, accountId?: AccountId): Promise<Attempted<void>> {
    return this.call(writeOperation(kindOf(value)), () => this.contacts.write(value, accountId));
  }

  remove(type: AlternateContactType, accountId?: AccountId): Promise<Attempted<void>> {
    return this.call('DeleteAlternateContact', () => this.contacts.remove(type, accountId));
  }

  private async call<T>(operation: ContactOperation, fn: () => Promise<T>): Promise<Attempted<T>> {
    let attempts = 0;
    try {
      const value = await callWithRetry(
        async () => {
          attempts += 1;
          if (!this.breaker.tryPass()) throw new ContactApiError('CIRCUIT_OPEN', operation);
          await this.limiter.acquire(operation);
          try {
            const result = await fn();
            this.limiter.onSuccess(operation);
            this.breaker.onSuccess();
            return result;
          } catch (error) {
            this.observeFailure(operation, error);
            throw error instanceof ContactApiError ? error : new ContactApiError('UNKNOWN', operation, undefined, { cause: error });
          }
        },
        { policy: this.policy, random: this.random, sleeper: this.sleeper, onRetry: () => this.metrics.add('Retries') },
      );
      return { value, attempts };
    } catch (error) {
      throw new ExhaustedCallError(error as ContactApiError, attempts);
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
    d.sleeper,
    d.metrics,
  );
}
