/** The latest instant `Date` can hold, in epoch milliseconds. */
const MAX_DATE_MS = 8.64e15;

/** The last second written, shared by every caller: they read the same clock, so they mostly ask within it. */
const lastSecond = { second: Number.NaN, prefix: '' };

/**
 * The ISO-8601 text of epoch milliseconds, exactly as `Date.prototype.toISOString` writes it, for a
 * clock read many times a second: the text up to the second is made once per second, not per reading.
 * A RangeError for an instant `Date` cannot hold, as `toISOString` throws.
 */
export function instantText(epochMs: number): string {
  const ms = Math.trunc(epochMs);
  if (!(Math.abs(ms) <= MAX_DATE_MS)) return new Date(epochMs).toISOString();
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond.second) {
    lastSecond.prefix = new Date(second * 1000).toISOString().slice(0, -4);
    lastSecond.second = second;
  }
  const milli = ms - second * 1000;
  return `${lastSecond.prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
