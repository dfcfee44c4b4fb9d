import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { TagRule } from '../targeting/targeting-rules';
import { SyncConfig } from './sync-config';

/** How a new configuration brings in what the old one left out. */
export type WideningReason =
  | 'KIND_ENABLED'
  | 'DRY_RUN_RELEASED'
  | 'DELETIONS_PROPAGATED'
  | 'ACCOUNT_EXCLUSION_REMOVED'
  | 'OU_EXCLUSION_REMOVED'
  | 'OU_INCLUSION_WIDENED'
  | 'TAG_EXCLUSION_REMOVED'
  | 'TAG_INCLUSION_WIDENED';

/**
 * What a configuration change widens: the run that brings it in line syncs `kinds` on every member
 * the new configuration leaves in, or only on `onlyAccounts` when the change only stopped excluding
 * those accounts by id. The run applies the new configuration's rules itself, so it may name more
 * than was widened, never less.
 */
export interface ConfigWidening {
  readonly kinds: readonly ContactKind[];
  readonly onlyAccounts?: readonly AccountId[];
  /** Every way the change widens, in a stable order. */
  readonly reasons: readonly WideningReason[];
}

const tagText = (rule: TagRule): string => JSON.stringify([rule.key, rule.value ?? null]);
const missingFrom = <T>(before: readonly T[], after: readonly T[], key: (t: T) => string = String): T[] => {
  const kept = new Set(after.map(key));
  return before.filter((item) => !kept.has(key(item)));
};
/** Whether an inclusion list lets in something it did not: emptied (everything is in), or an entry added. */
const inclusionWidened = <T>(before: readonly T[], after: readonly T[], key: (t: T) => string = String): boolean =>
  before.length > 0 && (after.length === 0 || missingFrom(after, before, key).length > 0);

/**
 * What `after` syncs that `before` did not, or undefined when it widens nothing (it narrows, changes
 * rates, or changes nothing). A kind enabled widens to that kind on every member; dry run released,
 * deletions now propagated, or an OU or tag rule that lets more in widens every kind `after` syncs on
 * every member; only account ids no longer excluded widen every kind on those accounts. Pure.
 */
export function configWidening(before: SyncConfig, after: SyncConfig): ConfigWidening | undefined {
  const enabled = after.kinds.filter((kind) => !before.kinds.includes(kind));
  const everywhere: WideningReason[] = [];
  if (before.dryRun && !after.dryRun) everywhere.push('DRY_RUN_RELEASED');
  if (!before.propagateDeletions && after.propagateDeletions) everywhere.push('DELETIONS_PROPAGATED');
  if (missingFrom(before.excludedOrganizationalUnits, after.excludedOrganizationalUnits).length > 0)
    everywhere.push('OU_EXCLUSION_REMOVED');
  if (inclusionWidened(before.includedOrganizationalUnits, after.includedOrganizationalUnits)) everywhere.push('OU_INCLUSION_WIDENED');
  if (missingFrom(before.excludedTags, after.excludedTags, tagText).length > 0) everywhere.push('TAG_EXCLUSION_REMOVED');
  if (inclusionWidened(before.includedTags, after.includedTags, tagText)) everywhere.push('TAG_INCLUSION_WIDENED');
  const unexcluded = missingFrom(before.excludedAccountIds, after.excludedAccountIds);
  const reasons: WideningReason[] = [
    ...(enabled.length > 0 ? (['KIND_ENABLED'] as const) : []),
    ...everywhere,
    ...(unexcluded.length > 0 ? (['ACCOUNT_EXCLUSION_REMOVED'] as const) : []),
  ];
  if (reasons.length === 0 || after.kinds.length === 0) return undefined;
  // Only ids no longer excluded: just those accounts, every kind. Anything else: every member, and
  // every kind unless only kinds were enabled (with ids too, every kind: one run covers both).
  if (enabled.length === 0 && everywhere.length === 0) return { kinds: after.kinds, onlyAccounts: unexcluded, reasons };
  return { kinds: everywhere.length === 0 && unexcluded.length === 0 ? enabled : after.kinds, reasons };
}
