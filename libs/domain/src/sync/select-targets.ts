import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';
import { SyncConfig } from '../config/sync-config';
import { ContactKind } from '../contacts/contact-kind';

/** One account and one contact kind to bring in line with the management account. */
export interface SyncTarget {
  readonly accountId: AccountId;
  readonly kind: ContactKind;
}

/** Why an account is left out of a sync. */
export type ExclusionReason = 'MANAGEMENT_ACCOUNT' | 'NOT_ACTIVE' | 'EXCLUDED_BY_CONFIG';

/** True when `account` receives contacts: an ACTIVE member that the config does not exclude. */
export function exclusionReason(account: MemberAccount, config: SyncConfig): ExclusionReason | undefined {
  return reasonFor(account, new Set(config.excludedAccountIds));
}

function reasonFor(account: MemberAccount, excluded: ReadonlySet<AccountId>): ExclusionReason | undefined {
  if (account.isManagement) return 'MANAGEMENT_ACCOUNT';
  if (account.state !== 'ACTIVE') return 'NOT_ACTIVE';
  if (excluded.has(account.id)) return 'EXCLUDED_BY_CONFIG';
  return undefined;
}

/** The requested kinds that the config enables, in canonical order. */
export const enabledKinds = (requested: readonly ContactKind[], config: SyncConfig): ContactKind[] =>
  config.kinds.filter((kind) => requested.includes(kind));

/**
 * The targets of a sync: every eligible account (ACTIVE, not the management account, not excluded)
 * paired with every requested kind the config enables. Filtering is idempotent.
 */
export function selectTargets(accounts: Iterable<MemberAccount>, config: SyncConfig, requested: readonly ContactKind[]): SyncTarget[] {
  const kinds = enabledKinds(requested, config);
  if (kinds.length === 0) return [];
  const excluded = new Set(config.excludedAccountIds);
  const targets: SyncTarget[] = [];
  for (const account of accounts) {
    if (reasonFor(account, excluded) !== undefined) continue;
    for (const kind of kinds) targets.push({ accountId: account.id, kind });
  }
  return targets;
}
