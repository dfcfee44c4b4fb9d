import { MemberAccount, RandomPort } from '@contact-sync/domain';
import { OrganizationModel } from './organization-model';

/** One ListAccounts page in the Organizations API's shape. */
export interface ListAccountsPage {
  readonly Accounts: ReadonlyArray<{ Id: string; Name: string; State: string; JoinedTimestamp: Date; Arn: string }>;
  readonly NextToken?: string;
}

/** Organizations' ListAccounts, simulated: pages of at most 20, now and then empty with a next token. */
export class SimulatedOrganizationsService {
  listAccountsCalls = 0;

  constructor(
    readonly model: OrganizationModel,
    private readonly random: RandomPort,
    private readonly emptyPageRate = 0.1,
  ) {}

  async listAccounts(request: { NextToken?: string; MaxResults?: number }): Promise<ListAccountsPage> {
    this.listAccountsCalls += 1;
    const pageSize = Math.min(20, request.MaxResults ?? 20);
    const start = request.NextToken ? Number(request.NextToken.split(':')[1]) : 0;
    const accounts = this.model.listAccounts();
    if (start < accounts.length && this.random.next() < this.emptyPageRate) return { Accounts: [], NextToken: `page:${start}:${this.random.next()}` };
    const page = accounts.slice(start, start + pageSize).map((a) => this.toApi(a));
    const next = start + pageSize;
    return next < accounts.length ? { Accounts: page, NextToken: `page:${next}` } : { Accounts: page };
  }

  private toApi(account: MemberAccount) {
    const management = this.model.managementAccountId;
    return {
      Id: account.id,
      Name: account.name,
      State: account.state,
      JoinedTimestamp: new Date(account.joinedAt),
      Arn: `arn:aws:organizations::${management}:account/o-simulated/${account.id}`,
    };
  }
}
