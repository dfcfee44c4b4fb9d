import { RateLimit, RateSettings } from '../config/rate-settings';
import { ContactOperation } from '../contacts/contact-operation';
import { DEFAULT_TAG_READ_LIMIT } from '../organization/tag-reader';
import { readOperation, removeOperation, writeOperation } from '../contacts/contact-kinds';
import { TARGETING_SKIP_REASONS } from '../targeting/targeting-rules';
import { PlanEntry } from './reconcile';

/** What one periodic resync costs in calls, as a plan of the same organization and configuration sees it. */
export interface ResyncCost {
  /** Account Management calls by operation: one read per account-kind compared, one write per change pending now. */
  readonly calls: Readonly<Partial<Record<ContactOperation, number>>>;
  /** ListTagsForResource calls: one per member the id and OU rules leave in, with tag rules; 0 without. */
  readonly tagReads: number;
  /** The least time the configured rates (and the tag reads' own pace) allow for those calls, in seconds: the slowest operation's calls over its rate. */
  readonly seconds: number;
}

const isTargetingSkip = (entry: PlanEntry): boolean =>
  entry.action === 'SKIP' && TARGETING_SKIP_REASONS.some((r) => entry.detail === r || entry.detail?.startsWith(`${r} `));

/**
 * The cost of one resync of every synced kind, from a plan (a resync is a reconcile: it reads every
 * targeted account-kind and writes the ones that differ). `tagRules` says whether the configuration
 * has tag rules (then every member not left out by an id or OU rule has its tags read). Pure.
 */
export function resyncCost(entries: readonly PlanEntry[], rates: RateSettings, tagRules: boolean): ResyncCost {
  const calls: Partial<Record<ContactOperation, number>> = {};
  const add = (operation: ContactOperation) => (calls[operation] = (calls[operation] ?? 0) + 1);
  const tagged = new Set<string>();
  for (const entry of entries) {
    const byIdOrUnit = isTargetingSkip(entry) && !entry.detail?.startsWith('EXCLUDED_BY_TAG') && !entry.detail?.startsWith('NOT_TAGGED');
    if (tagRules && !byIdOrUnit) tagged.add(entry.accountId);
    if (isTargetingSkip(entry) || entry.detail === 'TAGS_UNREADABLE') continue;
    add(readOperation(entry.kind));
    if (entry.action === 'PUT') add(writeOperation(entry.kind));
    if (entry.action === 'DELETE') add(removeOperation(entry.kind));
  }
  const paced = (n: number, { ratePerSecond, burst }: RateLimit) => Math.max(0, n - burst) / ratePerSecond;
  const seconds = Math.max(
    paced(tagged.size, DEFAULT_TAG_READ_LIMIT),
    ...Object.entries(calls).map(([operation, n]) => paced(n, rates[operation as ContactOperation])),
  );
  return { calls, tagReads: tagged.size, seconds: Math.ceil(seconds) };
}
