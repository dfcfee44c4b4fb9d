import { AccountId, AccountPage, AccountState, MemberAccount, OrganizationPort } from '@contact-sync/domain';
import { SimulatedOrganizationsService } from './simulated-organizations-service';

/** The organization port over the simulated Organizations API, following every page to the end. */
export class SimulatedOrganization implements OrganizationPort {
  constructor(private readonly service: SimulatedOrganizationsService) {}

  async *listAccounts(): AsyncIterable<readonly MemberAccount[]> {
    for await (const page of this.accountPages()) yield page.accounts;
  }

  async *accountPages(cursor?: string): AsyncIterable<AccountPage> {
    const management = this.service.model.managementAccountId;
    let token = cursor;
    do {
      const page = await this.service.listAccounts({ NextToken: token, MaxResults: 20 });
      const accounts = page.Accounts.map((a) => ({
        id: a.Id,
        name: a.Name,
        state: a.State as AccountState,
        joinedAt: a.JoinedTimestamp.toISOString(),
        isManagement: a.Id === management,
      }));
      token = page.NextToken;
      yield token === undefined ? { accounts } : { accounts, next: token };
    } while (token);
  }

  async describeAccount(accountId: AccountId): Promise<MemberAccount | undefined> {
    return this.service.model.account(accountId);
  }

  async managementAccountId(): Promise<AccountId> {
    return this.service.model.managementAccountId;
  }
}
