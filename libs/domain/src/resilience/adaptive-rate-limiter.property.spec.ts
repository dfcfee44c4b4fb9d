import fc from 'fast-check';
import { DEFAULT_RATE_SETTINGS, RateLimit } from '../config/rate-settings';
import { ContactOperation } from '../contacts/contact-operation';
import { ManualTime } from '../testing/manual-time';
import { AdaptiveRateLimiter } from './adaptive-rate-limiter';

const limitArb: fc.Arbitrary<RateLimit> = fc.record({
  ratePerSecond: fc.double({ min: 0.5, max: 50, noNaN: true }),
  burst: fc.integer({ min: 1, max: 30 }),
});

/** Between groups of concurrent calls: a pause, and whether the service throttled or accepted them. */
const stepArb = fc.record({
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
  callers: fc.integer({ min: 1, max: 10 }),
  signal: fc.constantFrom('throttled', 'success', 'success', 'none'),
});

const OP: ContactOperation = 'PutAlternateContact';

/** Runs the steps; returns when each call was allowed to go out. */
type Step = { gapMs: number; callers: number; signal: string };

async function admissions(limit: RateLimit, steps: Step[]): Promise<number[]> {
  const time = new ManualTime(1_700_000_000_000);
  let granted = 0;
  const sleeper = {
    sleep: async (ms: number) => {
      granted = ms;
    },
  };
  const limiter = new AdaptiveRateLimiter({ ...DEFAULT_RATE_SETTINGS, [OP]: limit }, time, sleeper);
  const admitted: number[] = [];
  for (const step of steps) {
    time.advance(step.gapMs);
    const calls: Promise<boolean>[] = [];
    for (let c = 0; c < step.callers; c += 1) {
      granted = 0;
      calls.push(limiter.acquire(OP)); // acquire reserves and asks to sleep before its first await
      admitted.push(time.now() + granted);
    }
    await Promise.all(calls);
    for (let c = 0; c < step.callers; c += 1) {
      if (step.signal === 'throttled') limiter.onThrottled(OP);
      if (step.signal === 'success') limiter.onSuccess(OP);
    }
  }
  return admitted.sort((a, b) => a - b);
}

describe('Rate limiter', () => {
  it('never lets more than burst + rate·t calls through in any window of t seconds, throttled or not', async () => {
    await fc.assert(
      fc.asyncProperty(limitArb, fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (limit, steps) => {
        const admitted = await admissions(limit, steps);
        let worstExcess = -Infinity;
        for (let i = 0; i < admitted.length; i += 1) {
          for (let j = i; j < admitted.length; j += 1) {
            const seconds = ((admitted[j] as number) - (admitted[i] as number)) / 1000;
            worstExcess = Math.max(worstExcess, j - i + 1 - (limit.burst + limit.ratePerSecond * seconds));
          }
        }
        // A thousandth of a call absorbs floating-point rounding of epoch milliseconds; a real excess is a whole call.
        expect(worstExcess).toBeLessThanOrEqual(1e-3);
      }),
      { numRuns: 300 },
    );
  });

  it('after a throttle it slows down, and successes bring it back to the configured rate but never above', async () => {
    const time = new ManualTime();
    const limiter = new AdaptiveRateLimiter(DEFAULT_RATE_SETTINGS, time, time);
    limiter.onThrottled(OP);
    expect(limiter.currentRate(OP)).toBe(2.5);
    limiter.onThrottled(OP);
    expect(limiter.currentRate(OP)).toBe(1.25);
    for (let i = 0; i < 200; i += 1) limiter.onSuccess(OP);
    expect(limiter.currentRate(OP)).toBe(5);
    for (let i = 0; i < 100; i += 1) limiter.onThrottled(OP);
    expect(limiter.currentRate(OP)).toBeCloseTo(0.25);
  });

  it('lets a burst through at once, then spaces calls at the rate', async () => {
    const time = new ManualTime();
    const limiter = new AdaptiveRateLimiter(DEFAULT_RATE_SETTINGS, time, time);
    for (let i = 0; i < 8 + 5; i += 1) await limiter.acquire(OP);
    expect(time.sleeps).toEqual([200, 200, 200, 200, 200]);
    expect(time.now()).toBe(1000);
  });
});
