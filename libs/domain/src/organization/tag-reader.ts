import { AccountId } from '../accounts/account-id';
import { RateLimit, shareRateLimit } from '../config/rate-settings';
import { ClockPort } from '../ports/clock.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { SleeperPort } from '../ports/sleeper.port';
import { AdaptiveRateLimiter } from '../resilience/adaptive-rate-limiter';
import { AccountTags } from '../targeting/targeting-rules';

/**
 * How fast a process reads account tags (Organizations' ListTagsForResource), all of its callers
 * together. Organizations publishes no rate and throttles well below the Account Management quotas;
 * 4 a second, in bursts of at most 4, stays under what it was seen to allow.
 */
export const DEFAULT_TAG_READ_LIMIT: RateLimit = Object.freeze({ ratePerSecond: 4, burst: 4 });

/** One of `workers` processes' share of the tag-read limit, so that together they stay under it. */
export function tagReadLimitFor(workers: number, limit: RateLimit = DEFAULT_TAG_READ_LIMIT): RateLimit {
  return shareRateLimit(limit, workers);
}

/** Attempts of one tag read before its failure is the caller's. */
export const TAG_READ_ATTEMPTS = 4;

/**
 * Reads account tags through its own limiter, apart from the contacts API's: a token bucket shared
 * by every caller of the process, which halves its rate and drops its saved-up burst when a read
 * fails (Organizations throttles below any published rate, and its client has given up retrying by
 * then) and creeps back on success. A failed read is tried again at that slower pace, up to
 * {@link TAG_READ_ATTEMPTS} in all. A read that could not go out before the caller's deadline is not
 * made (`undefined`), so that the caller stops in time.
 */
export class TagReader {
  private readonly limiter: AdaptiveRateLimiter<'ListTagsForResource'>;

  constructor(
    private readonly structure: OrganizationStructurePort,
    limit: RateLimit,
    clock: ClockPort,
    sleeper: SleeperPort,
  ) {
    this.limiter = new AdaptiveRateLimiter({ ListTagsForResource: limit }, clock, sleeper);
  }

  /** The account's tags, or undefined when a read could not start by `notAfterMs`. Throws the last failure. */
  async tagsOf(accountId: AccountId, notAfterMs?: number): Promise<AccountTags | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      if (!(await this.limiter.acquire('ListTagsForResource', notAfterMs))) return undefined;
      try {
        const tags = await this.structure.tagsOf(accountId);
        this.limiter.onSuccess('ListTagsForResource');
        return tags;
      } catch (error) {
        this.limiter.onThrottled('ListTagsForResource');
        if (attempt >= TAG_READ_ATTEMPTS) throw error;
      }
    }
  }

  /** The rate in force now, in reads per second. */
  get currentRate(): number {
    return this.limiter.currentRate('ListTagsForResource');
  }
}
