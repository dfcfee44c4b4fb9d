import fc from 'fast-check';
import { instantText } from './instant-text';

/** Epoch milliseconds `Date` can hold: whole, fractional, negative, near both ends. */
const instantArb = fc.oneof(
  fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }).map(Math.trunc),
  fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }),
  fc.double({ min: 1.7e12, max: 1.9e12, noNaN: true }).map(Math.trunc),
  fc.double({ min: 1.7e12, max: 1.7e12 + 10_000, noNaN: true }),
  fc.double({ min: -10_000, max: 10_000, noNaN: true }),
);

describe('instantText', () => {
  it('writes every instant as toISOString does, whatever instants came before it', () => {
    fc.assert(
      fc.property(fc.array(instantArb, { minLength: 1, maxLength: 30 }), (instants) => {
        for (const ms of instants) expect(instantText(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('writes every millisecond of a second, halves included, and across the next boundary', () => {
    const start = Date.UTC(2026, 10, 22, 9, 0, 59);
    for (let ms = start - 5; ms < start + 1010; ms += 0.5) expect(instantText(ms)).toBe(new Date(ms).toISOString());
  });

  it('throws as toISOString does for an instant Date cannot hold', () => {
    for (const ms of [Number.NaN, 8.64e15 + 1, -8.64e15 - 1, Number.POSITIVE_INFINITY]) {
      expect(() => instantText(ms)).toThrow(RangeError);
    }
  });
});
