import fc from 'fast-check';
import { CallTimeline } from './call-timeline';

/** Calls at virtual times up to a day after the start, of a few operations. */
const callsArb = fc.array(
  fc.record({ operation: fc.constantFrom('GetAlternateContact', 'PutAlternateContact'), atMs: fc.integer({ min: 0, max: 86_400_000 }) }),
  { maxLength: 300 },
);
const maxBucketsArb = fc.integer({ min: 2, max: 50 });

describe('CallTimeline keeps every call in a bounded number of buckets', () => {
  it('no series is longer than maxBuckets, each call is in the bucket of its time, and the totals are kept', () => {
    fc.assert(
      fc.property(callsArb, maxBucketsArb, (calls, maxBuckets) => {
        const timeline = new CallTimeline(0, maxBuckets);
        for (const c of calls) timeline.call(c.operation, c.atMs);
        const snapshot = timeline.snapshot();
        for (const operation of ['GetAlternateContact', 'PutAlternateContact']) {
          const series = snapshot.operations[operation]?.calls ?? [];
          expect(series.length).toBeLessThanOrEqual(maxBuckets);
          const expected: number[] = [];
          for (const c of calls.filter((x) => x.operation === operation)) {
            const index = Math.floor(c.atMs / snapshot.bucketMs);
            while (expected.length <= index) expected.push(0);
            expected[index] = (expected[index] as number) + 1;
          }
          expect(series).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
