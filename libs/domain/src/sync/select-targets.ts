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

/** Why one account is left out of a sync; undefined when it receives contacts (an ACTIVE member that is not excluded). */
export function exclusionReason(account: MemberAccount, config: SyncConfig): ExclusionReason | undefined {
  if (account.isManagement) return 'MANAGEMENT_ACCOUNT';
  if (account.state !== 'ACTIVE') return 'NOT_ACTIVE';
  if (config.excludedAccountIds.includes(account.id)) return 'EXCLUDED_BY_ID';
  return undefined;
}
