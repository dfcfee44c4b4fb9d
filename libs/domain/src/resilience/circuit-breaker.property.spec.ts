import fc from 'fast-check';
import { ManualTime } from '../testing/manual-time';
import { CircuitBreaker } from './circuit-breaker';

const optionsArb = fc.record({ failureThreshold: fc.integer({ min: 1, max: 10 }), cooldownMs: fc.integer({ min: 1, max: 60_000 }) });

/** A call that fails or succeeds if let through, or time passing. */
const eventArb = fc.oneof(
  fc.record({ type: fc.constant('call' as const), fails: fc.boolean() }),
  fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 90_000 }) }),
);

describe('Circuit breaker', () => {
  it('never lets a call through while open, and opens after N consecutive failures', () => {
    fc.assert(
      fc.property(optionsArb, fc.array(eventArb, { maxLength: 200 }), (options, events) => {
        const time = new ManualTime();
        const breaker = new CircuitBreaker(time, options);
        let consecutiveFailures = 0;
        for (const event of events) {
          if (event.type === 'wait') {
            time.advance(event.ms);
            continue;
          }
          const before = breaker.current;
          const passed = breaker.tryPass();
          if (before === 'OPEN') expect(passed).toBe(false);
          if (before === 'CLOSED') expect(passed).toBe(true);
          if (!passed) continue;
          if (event.fails) {
            breaker.onFailure();
            consecutiveFailures += 1;
            if (consecutiveFailures >= options.failureThreshold || before === 'HALF_OPEN') expect(breaker.tryPass()).toBe(false);
          } else {
            breaker.onSuccess();
            consecutiveFailures = 0;
            expect(breaker.current).toBe('CLOSED');
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
