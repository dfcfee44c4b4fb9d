import { kindsPerOperation } from '../contacts/contact-kinds';
import { ContactOperation } from '../contacts/contact-operation';

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

/**
 * The limits of the stack a work item must be finished within (the worker function's timeout, the
 * time it keeps back to store its outcomes, the work queue's batch size and maxReceiveCount), and how
 * many accounts the fleet's items hold per worker (`workers × accountsPerItemFor(workers)` is at most
 * 50 for fleets of up to 10 workers). Tests of the packaged stack hold these to serverless.yml.
 */
export const WORK_ITEM_LIMITS = Object.freeze({
  workerTimeoutMs: 300_000,
  deadlineMarginMs: 30_000,
  itemsPerDelivery: 2,
  deliveriesBeforeDeadLetter: 5,
  fleetAccountsPerItem: 50,
});

/** The most calls of each operation one account-kind set of an account needs: a read per kind, a write per kind that differs. */
const CALLS_PER_ACCOUNT: Readonly<Record<ContactOperation, number>> = kindsPerOperation();

/**
 * The slowest rate of `operation` (requests a second, for the whole fleet) at which a work item is
 * sure to be finished before its message is dead-lettered. A worker paces itself at `1/workers` of
 * the rate and is handed `itemsPerDelivery` items of `accountsPerItem` accounts at once; an account
 * needs up to 3 calls of an alternate-contact operation (1 of a contact-information one); an item gets
 * `deliveriesBeforeDeadLetter` deliveries of `workerTimeoutMs - deadlineMarginMs` each, keeping its
 * outcomes between them. So the rate must be at least
 * `itemsPerDelivery × workers × accountsPerItem × calls / (deliveries × usable seconds)`:
 * 2 × 50 × 3 / (5 × 270 s) = 0.22 a second for the alternate-contact operations, 0.074 for contact
 * information. Slower, items run out of deliveries and their accounts are never reached (at 1e-4 a
 * second a run of 49 members lost 45).
 */
export function minimumRatePerSecond(operation: ContactOperation, fleetAccountsPerItem = WORK_ITEM_LIMITS.fleetAccountsPerItem): number {
  const limits = WORK_ITEM_LIMITS;
  const usableSeconds = (limits.deliveriesBeforeDeadLetter * (limits.workerTimeoutMs - limits.deadlineMarginMs)) / 1000;
  return (limits.itemsPerDelivery * fleetAccountsPerItem * CALLS_PER_ACCOUNT[operation]) / usableSeconds;
}

/** A minimum rate as the error states it: rounded up to three significant digits, so that the stated bound is itself accepted. */
export const statedMinimumRate = (operation: ContactOperation): number => {
  const exact = minimumRatePerSecond(operation);
  const scale = 10 ** (2 - Math.floor(Math.log10(exact)));
  return Math.ceil(exact * scale) / scale;
};
