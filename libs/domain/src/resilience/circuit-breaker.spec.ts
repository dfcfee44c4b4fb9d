import { ManualTime } from '../testing/manual-time';
import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  it('opens after the threshold, half-opens after the cooldown with one trial, and closes on success', () => {
    const time = new ManualTime();
    const breaker = new CircuitBreaker(time, { failureThreshold: 3, cooldownMs: 1000 });
    for (let i = 0; i < 3; i += 1) {
      expect(breaker.tryPass()).toBe(true);
      breaker.onFailure();
    }
    expect(breaker.current).toBe('OPEN');
    expect(breaker.tryPass()).toBe(false);
    expect(breaker.retryAfterMs()).toBe(1000);
    time.advance(999);
    expect(breaker.tryPass()).toBe(false);
    time.advance(1);
    expect(breaker.current).toBe('HALF_OPEN');
    expect(breaker.tryPass()).toBe(true);
    expect(breaker.tryPass()).toBe(false);
    breaker.onSuccess();
    expect(breaker.current).toBe('CLOSED');
    expect(breaker.tryPass()).toBe(true);
  });

  it('a failed trial opens it again for a whole cooldown', () => {
    const time = new ManualTime();
    const breaker = new CircuitBreaker(time, { failureThreshold: 1, cooldownMs: 500 });
    breaker.tryPass();
    breaker.onFailure();
    time.advance(500);
    expect(breaker.tryPass()).toBe(true);
    breaker.onFailure();
    expect(breaker.current).toBe('OPEN');
    expect(breaker.retryAfterMs()).toBe(500);
  });

  it('a success resets the count of consecutive failures', () => {
    const breaker = new CircuitBreaker(new ManualTime(), { failureThreshold: 2, cooldownMs: 500 });
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    expect(breaker.current).toBe('CLOSED');
  });
});
