import { AccountId } from '../accounts/account-id';
import { SyncConfig } from '../config/sync-config';
import { CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { LoggerPort } from '../ports/logger.port';
import { loggableError } from '../shared/domain-error';
import { AccountOutcome, targetKey, WriteIntent } from '../sync/account-outcome';
import { TagReader } from '../organization/tag-reader';
import { TARGETING_SKIP_REASONS, TargetingRules, TargetingSkip } from '../targeting/targeting-rules';

/**
 * What the targeting rules say of an account of an item: the rule that leaves it out (undefined when
 * none does), TAGS_UNREADABLE when its tags could not be read (it is then not written: a tag might
 * exclude it), DEADLINE when the tag read could not start in time.
 */
export type ItemTargetingVerdict = TargetingSkip | 'TAGS_UNREADABLE' | 'DEADLINE' | undefined;

/** What the item's delivery already knows of an account: the outcomes and write intents stored for it, by {@link targetKey}. */
export interface StoredProgress {
  readonly outcomes: ReadonlyMap<string, AccountOutcome>;
  readonly intents: ReadonlyMap<string, WriteIntent>;
}

/**
 * The targeting rules a worker applies to an account of its item: its id, and its tags when a tag
 * rule exists (the OU rules were the launch's: it stored their outcomes). The tags are read once per
 * account, paced by their own limiter, and only for an account with an enabled kind left to do: an
 * outcome already stored tells a later delivery what the tags decided.
 */
export class ItemTargeting {
  constructor(
    private readonly tags: TagReader,
    private readonly logger: LoggerPort,
  ) {}

  /** The verdict for `accountId`, whose `pending` kinds have no outcome yet. */
  async verdict(
    rules: TargetingRules,
    accountId: AccountId,
    pending: readonly ContactKind[],
    progress: StoredProgress,
    config: SyncConfig,
    deadlineMs: number | undefined,
  ): Promise<ItemTargetingVerdict> {
    const byId = rules.byId(accountId);
    if (byId || !rules.hasTagRules || !pending.some((kind) => config.kinds.includes(kind))) return byId;
    const decided = decidedByTags(accountId, progress);
    if (decided !== undefined) return decided === 'TARGETED' ? undefined : decided;
    try {
      const tags = await this.tags.tagsOf(accountId, deadlineMs);
      return tags === undefined ? 'DEADLINE' : rules.byTags(tags);
    } catch (error) {
      this.logger.warn('account tags unreadable', { accountId, error: loggableError(error) });
      return 'TAGS_UNREADABLE';
    }
  }
}

/** Skips decided before the tags are looked at: an outcome with one of them tells nothing of the tags. */
const BEFORE_TAGS: ReadonlySet<string> = new Set([...TARGETING_SKIP_REASONS, 'KIND_DISABLED', 'ACCOUNT_EXCLUDED']);

/**
 * What an earlier delivery's tag read decided for an account, from what it stored: a tag skip, or
 * TARGETED when it went on to the contacts (an outcome other than a skip that comes before the tags,
 * or a write intent). Undefined when nothing tells.
 */
export function decidedByTags(accountId: AccountId, { outcomes, intents }: StoredProgress): TargetingSkip | 'TARGETED' | undefined {
  let targeted = false;
  for (const kind of CONTACT_KINDS) {
    if (intents.has(targetKey(accountId, kind))) targeted = true;
    const outcome = outcomes.get(targetKey(accountId, kind));
    if (!outcome) continue;
    if (outcome.skipReason === 'EXCLUDED_BY_TAG' || outcome.skipReason === 'NOT_TAGGED_FOR_INCLUSION')
      return { reason: outcome.skipReason, ...(outcome.skipRule !== undefined ? { rule: outcome.skipRule } : {}) };
    if (!BEFORE_TAGS.has(outcome.skipReason ?? '') && outcome.errorCode !== 'TAGS_UNREADABLE') targeted = true;
  }
  return targeted ? 'TARGETED' : undefined;
}
