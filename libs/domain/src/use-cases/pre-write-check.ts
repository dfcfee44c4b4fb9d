import { AccountId } from '../accounts/account-id';
import { SyncConfig } from '../config/sync-config';
import { ContactKind } from '../contacts/contact-kind';
import { LoggerPort } from '../ports/logger.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { loggableError } from '../shared/domain-error';
import { TagReader } from '../organization/tag-reader';
import { AccountTags, TargetingRules, targetingRulesOf, TargetingSkip } from '../targeting/targeting-rules';
import { UnitAncestry } from '../organization/unit-ancestry';

/**
 * What the rules say of a member write about to go out, read again immediately before it:
 * - WRITE: nothing leaves the account-kind out;
 * - KIND_DISABLED, LEFT_OUT (a targeting rule, named), DRY_RUN: the configuration or the account's
 *   place or tags leave it out now, so the write must not go out;
 * - UNREADABLE: the account's parents or tags could not be read, so the write must not go out either
 *   (a rule might leave it out: the check fails closed);
 * - DEADLINE: the tag read could not start before the caller's deadline;
 * - UNSETTLED: the configuration changed during every one of {@link PRE_WRITE_ROUNDS} checks.
 */
export type PreWriteVerdict =
  | { readonly verdict: 'WRITE' }
  | { readonly verdict: 'KIND_DISABLED' }
  | { readonly verdict: 'DRY_RUN' }
  | { readonly verdict: 'DEADLINE' }
  | { readonly verdict: 'UNSETTLED' }
  | { readonly verdict: 'LEFT_OUT'; readonly skip: TargetingSkip }
  | { readonly verdict: 'UNREADABLE'; readonly errorCode: 'PARENTS_UNREADABLE' | 'TAGS_UNREADABLE' };

/** Checks of one write before it is given up as UNSETTLED because the configuration kept changing under them. */
export const PRE_WRITE_ROUNDS = 3;

const WRITE: PreWriteVerdict = Object.freeze({ verdict: 'WRITE' });

/**
 * The rules checked again immediately before each member write (every attempt of it), against what
 * is stored now rather than what the run or the work item read earlier: a configuration change, a
 * move or a retag made while an item is being worked stops that item's later writes.
 *
 * Each check reads the configuration (one small read; a consistent one on AWS), in the rules' order:
 * the kind, the account's id, then, only when the configuration has rules of their kind, the OUs
 * above the account (its parent read again with ListParents: accounts move, OUs do not, so the OUs
 * above a parent are remembered, see {@link UnitAncestry}) and its tags (ListTagsForResource, paced by
 * the {@link TagReader}), then dry run. The tags are read before the parent, since their read is the
 * one that may wait (see `byPlace`). When the parent or tag reads were made, the configuration is
 * read once more and the check starts over if a newer one was stored while they went on: their
 * answers were judged by rules that are no longer in force.
 */
export class PreWriteCheck {
  private readonly ancestry: UnitAncestry;

  constructor(
    private readonly config: SyncConfigPort,
    structure: OrganizationStructurePort,
    private readonly tags: TagReader,
    private readonly logger: LoggerPort,
  ) {
    this.ancestry = new UnitAncestry(structure);
  }

  /** Whether the write of `kind` to `accountId` may go out now; `deadlineMs` bounds the wait for a tag read. */
  async verdict(accountId: AccountId, kind: ContactKind, deadlineMs?: number): Promise<PreWriteVerdict> {
    let loaded = await this.config.load();
    for (let round = 1; ; round += 1) {
      const { config } = loaded;
      if (!config.kinds.includes(kind)) return { verdict: 'KIND_DISABLED' };
      const rules = targetingRulesOf(config);
      const byId = rules.byId(accountId);
      if (byId) return { verdict: 'LEFT_OUT', skip: byId };
      if (!rules.hasUnitRules && !rules.hasTagRules) return byDryRun(config);
      const placed = await this.byPlace(rules, accountId, deadlineMs);
      if (placed) return placed;
      const latest = await this.config.load();
      if (latest.version === loaded.version) return byDryRun(config);
      if (round >= PRE_WRITE_ROUNDS) return { verdict: 'UNSETTLED' };
      loaded = latest;
    }
  }

  /**
   * What the account's OUs and tags, read now, say: undefined when they leave it in. The tags are read
   * first because their read may wait long (the tag limiter paces writes under tag rules, and a
   * throttled read is tried again), and an answer read before that wait could be seconds old when the
   * request goes out: a move made meanwhile would be missed. The parent is read last, right before the
   * configuration, so that each answer is at most one read older than the request. The verdict still
   * follows the rules' order (OUs before tags) whatever was read first.
   */
  private async byPlace(rules: TargetingRules, accountId: AccountId, deadlineMs: number | undefined): Promise<PreWriteVerdict | undefined> {
    const tagged = rules.hasTagRules ? await this.readTags(accountId, deadlineMs) : undefined;
    if (rules.hasUnitRules) {
      let units: readonly string[] | undefined;
      try {
        units = await this.ancestry.unitsAbove(accountId);
      } catch (error) {
        this.logger.warn('account parents unreadable before a write', { accountId, error: loggableError(error) });
      }
      if (!units) return { verdict: 'UNREADABLE', errorCode: 'PARENTS_UNREADABLE' };
      const skip = rules.byUnits(units);
      if (skip) return { verdict: 'LEFT_OUT', skip };
    }
    if (tagged === undefined) return undefined;
    if (tagged === 'UNREADABLE') return { verdict: 'UNREADABLE', errorCode: 'TAGS_UNREADABLE' };
    if (tagged === 'DEADLINE') return { verdict: 'DEADLINE' };
    const skip = rules.byTags(tagged);
    return skip ? { verdict: 'LEFT_OUT', skip } : undefined;
  }

  /** The account's tags read now, or why they could not be: the read failed, or could not start before the deadline. */
  private async readTags(accountId: AccountId, deadlineMs: number | undefined): Promise<AccountTags | 'UNREADABLE' | 'DEADLINE'> {
    try {
      return (await this.tags.tagsOf(accountId, deadlineMs)) ?? 'DEADLINE';
    } catch (error) {
      this.logger.warn('account tags unreadable before a write', { accountId, error: loggableError(error) });
      return 'UNREADABLE';
    }
  }
}

const byDryRun = (config: SyncConfig): PreWriteVerdict => (config.dryRun ? { verdict: 'DRY_RUN' } : WRITE);
