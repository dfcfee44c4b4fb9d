import fc from 'fast-check';
import { isRetryable, SERVICE_ERROR_CODES, ServiceErrorCode } from '../shared/service-error-code';
import { ContactApiError } from './contact-api-error';
import { callWithRetry } from './call-with-retry';
import { delayCeiling, RetryPolicyOptions } from './retry-policy';
import { ManualTime } from '../testing/manual-time';

const policyArb: fc.Arbitrary<RetryPolicyOptions> = fc.record({
  baseDelayMs: fc.integer({ min: 1, max: 1000 }),
  maxDelayMs: fc.integer({ min: 1, max: 60_000 }),
  maxAttempts: fc.integer({ min: 1, max: 12 }),
});

/** The errors the call throws, in order, before it would succeed. */
const failuresArb = fc.array(fc.constantFrom<ServiceErrorCode>(...SERVICE_ERROR_CODES), { maxLength: 15 });

/** Uniform draws, replayed in order, including the extremes 0 and just under 1. */
const drawsArb = fc.infiniteStream(
  fc.oneof(fc.constant(0), fc.constant(0.999999), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
);

describe('Property 3: retry with exponential backoff', () => {
  it('delays stay in [0, min(cap, base·2^attempt)], attempts never exceed the maximum, non-retryable errors are never retried', async () => {
    await fc.assert(
      fc.asyncProperty(policyArb, failuresArb, drawsArb, async (policy, failures, draws) => {
        const time = new ManualTime();
        const random = { next: () => draws.next().value as number };
        let attempts = 0;
        const outcome = await callWithRetry(
          async () => {
            attempts += 1;
            const code = failures[attempts - 1];
            if (code !== undefined) throw new ContactApiError(code, 'PutAlternateContact');
            return 'done';
          },
          { policy, random, sleeper: time },
        ).catch((error: ContactApiError) => error.code);

        expect(attempts).toBeLessThanOrEqual(policy.maxAttempts);
        time.sleeps.forEach((delay, retry) => {
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(delayCeiling(policy, retry));
          expect(delay).toBeLessThanOrEqual(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
        });
        expect(time.sleeps).toHaveLength(attempts - 1);
        for (let i = 0; i < attempts - 1; i += 1) expect(isRetryable(failures[i] as ServiceErrorCode)).toBe(true);

        const firstPermanent = failures.findIndex((code) => !isRetryable(code));
        const expectedAttempts = Math.min(policy.maxAttempts, firstPermanent === -1 ? failures.length + 1 : firstPermanent + 1);
        expect(attempts).toBe(expectedAttempts);
        expect(outcome).toBe(attempts > failures.length ? 'done' : failures[attempts - 1]);
      }),
      { numRuns: 400 },
    );
  });
});
