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
export type ExclusionReason = 'MANAGEMENT_ACCOUNT' | 'NOT_ACTIVE' | 'EXCLUDED_BY_ID';

/**
 * Tells why an account is left out, for many accounts: the exclusion list is turned into a set once,
 * so checking an organization costs one look-up per account whatever the list's length.
 */
export class ExclusionChecker {
  private readonly excluded: ReadonlySet<AccountId>;

  constructor(config: SyncConfig, extra: readonly AccountId[] = []) {
    this.excluded = new Set([...config.excludedAccountIds, ...extra]);
  }

  /** Undefined when `account` receives contacts: an ACTIVE member that is not excluded. */
  reasonFor(account: MemberAccount): ExclusionReason | undefined {
    if (account.isManagement) return 'MANAGEMENT_ACCOUNT';
    if (account.state !== 'ACTIVE') return 'NOT_ACTIVE';
    if (this.excludes(account.id)) return 'EXCLUDED_BY_ID';
    return undefined;
  }

  /** Whether the configuration (or the run) excludes the account. */
  excludes(accountId: AccountId): boolean {
    return this.excluded.has(accountId);
  }
}

/** Why one account is left out of a sync; undefined when it receives contacts. For many accounts use {@link ExclusionChecker}. */
export function exclusionReason(account: MemberAccount, config: SyncConfig): ExclusionReason | undefined {
  return new ExclusionChecker(config).reasonFor(account);
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
  const checker = new ExclusionChecker(config);
  const targets: SyncTarget[] = [];
  for (const account of accounts) {
    if (checker.reasonFor(account) !== undefined) continue;
    for (const kind of kinds) targets.push({ accountId: account.id, kind });
  }
  return targets;
}
