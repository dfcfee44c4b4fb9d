/** The Account Management operations this product calls, each with its own quota. */
export const CONTACT_OPERATIONS = [
  'GetContactInformation',
  'GetAlternateContact',
  'PutContactInformation',
  'PutAlternateContact',
  'DeleteAlternateContact',
] as const;
/** One of {@link CONTACT_OPERATIONS}. */
export type ContactOperation = (typeof CONTACT_OPERATIONS)[number];

/** A token-bucket quota: a steady rate and the burst it allows. */
export interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** One quota per operation. */
export type RateSettings = Readonly<Record<ContactOperation, RateLimit>>;

/** The documented Account Management quotas (requests per second and burst, per caller). */
export const DEFAULT_RATE_SETTINGS: RateSettings = Object.freeze({
  GetContactInformation: Object.freeze({ ratePerSecond: 10, burst: 15 }),
  GetAlternateContact: Object.freeze({ ratePerSecond: 10, burst: 15 }),
  PutContactInformation: Object.freeze({ ratePerSecond: 5, burst: 8 }),
  PutAlternateContact: Object.freeze({ ratePerSecond: 5, burst: 8 }),
  DeleteAlternateContact: Object.freeze({ ratePerSecond: 1, burst: 6 }),
});

/**
 * The settings the client paces itself with: the quota's rate, with one token of the burst held back
 * so that network jitter (a request arriving a little early) never makes the service throttle it.
 */
export function clientRateSettings(settings: RateSettings): RateSettings {
  const entries = Object.entries(settings).map(([operation, limit]) => [
    operation,
    { ratePerSecond: limit.ratePerSecond, burst: Math.max(1, limit.burst - 1) },
  ]);
  return Object.freeze(Object.fromEntries(entries)) as RateSettings;
}

/**
 * One worker's share when `workers` processes call the API at once: each paces itself at
 * `1/workers` of the rate and burst, so that all of them together stay under the quota.
 */
export function shareRateSettings(settings: RateSettings, workers: number): RateSettings {
  const entries = Object.entries(settings).map(([operation, limit]) => [operation, shareRateLimit(limit, workers)]);
  return Object.freeze(Object.fromEntries(entries)) as RateSettings;
}

/** One of `workers` processes' share of a limit: `1/workers` of its rate and burst (a burst of at least 1). */
export function shareRateLimit(limit: RateLimit, workers: number): RateLimit {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError('workers must be a whole number of at least 1');
  return Object.freeze({ ratePerSecond: limit.ratePerSecond / workers, burst: Math.max(1, Math.floor(limit.burst / workers)) });
}
