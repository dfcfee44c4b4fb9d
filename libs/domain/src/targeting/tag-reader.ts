import { AccountId } from '../accounts/account-id';
import { RateLimit } from '../config/rate-settings';
import { ClockPort } from '../ports/clock.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { SleeperPort } from '../ports/sleeper.port';
import { TokenBucket } from '../resilience/token-bucket';
import { AccountTags } from './targeting-rules';

/**
 * How fast a process reads account tags (Organizations' ListTagsForResource), all of its callers
 * together. Organizations publishes no rate and throttles well below the Account Management quotas;
 * 4 a second, in bursts of at most 4, stays under what it was seen to allow.
 */
export const DEFAULT_TAG_READ_LIMIT: RateLimit = Object.freeze({ ratePerSecond: 4, burst: 4 });

/** One of `workers` processes' share of the tag-read limit, so that together they stay under it. */
export function tagReadLimitFor(workers: number, limit: RateLimit = DEFAULT_TAG_READ_LIMIT): RateLimit {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError('workers must be a whole number of at least 1');
  return Object.freeze({ ratePerSecond: limit.ratePerSecond / workers, burst: Math.max(1, Math.floor(limit.burst / workers)) });
}

/**
 * Reads account tags through its own limiter, apart from the contacts API's: a token bucket shared
 * by every caller of the process. A read that could not go out before the caller's deadline is not
 * made (`undefined`), so that the caller stops in time.
 */
export class TagReader {
  private readonly bucket: TokenBucket;

  constructor(
    private readonly structure: OrganizationStructurePort,
    limit: RateLimit,
    private readonly clock: ClockPort,
    private readonly sleeper: SleeperPort,
  ) {
    this.bucket = new TokenBucket(limit, clock.now());
  }

  /** The account's tags, or undefined when the read could not start by `notAfterMs`. */
  async tagsOf(accountId: AccountId, notAfterMs?: number): Promise<AccountTags | undefined> {
    const now = this.clock.now();
    if (notAfterMs !== undefined && now + this.bucket.peek(now) > notAfterMs) return undefined;
    const wait = this.bucket.reserve(now);
    if (wait > 0) await this.sleeper.sleep(wait);
    return this.structure.tagsOf(accountId);
  }
}
