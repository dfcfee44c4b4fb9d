import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';

/** One page of the organization's accounts, and where the next page starts (none after the last). */
export interface AccountPage {
  readonly accounts: readonly MemberAccount[];
  readonly next?: string;
}

/** The organization's accounts. */
export interface OrganizationPort {
  /**
   * Every account of the organization, page by page (pages may be empty), the management account
   * marked, from `cursor` on (from the first when undefined), each page with the cursor of the next:
   * a listing can stop and continue later.
   */
  accountPages(cursor?: string): AsyncIterable<AccountPage>;
  /** One account, or undefined when it is not (or no longer) in the organization. */
  describeAccount(accountId: AccountId): Promise<MemberAccount | undefined>;
  /** The management account's id. */
  managementAccountId(): Promise<AccountId>;
}
