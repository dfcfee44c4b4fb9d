import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';

/** The organization's accounts. */
export interface OrganizationPort {
  /** Every account of the organization, page by page (pages may be empty), the management account marked. */
  listAccounts(): AsyncIterable<readonly MemberAccount[]>;
  /** One account, or undefined when it is not (or no longer) in the organization. */
  describeAccount(accountId: AccountId): Promise<MemberAccount | undefined>;
  /** The management account's id. */
  managementAccountId(): Promise<AccountId>;
}
