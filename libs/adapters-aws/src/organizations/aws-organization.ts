import {
  Account,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { AccountId, AccountPage, MemberAccount, OrganizationPort, parseMemberAccount } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { isOrganizationsNotInUse, translateAwsError } from '../aws-error-translation';

/** ListAccounts' largest page. */
export const LIST_ACCOUNTS_PAGE_SIZE = 20;

/**
 * The organization port on the Organizations API: ListAccounts through the SDK paginator (pages of
 * 20; an empty page with a NextToken is followed), account state from `State` (the retired `Status`
 * is ignored), the management account from DescribeOrganization (asked once).
 */
export class AwsOrganization implements OrganizationPort {
  private management?: Promise<AccountId>;

  constructor(private readonly client: OrganizationsClient) {}

  async *listAccounts(): AsyncIterable<readonly MemberAccount[]> {
    for await (const page of this.accountPages()) yield page.accounts;
  }

  async *accountPages(cursor?: string): AsyncIterable<AccountPage> {
    const management = await this.managementAccountId();
    const pages = paginateListAccounts(
      { client: this.client, pageSize: LIST_ACCOUNTS_PAGE_SIZE, ...(cursor !== undefined ? { startingToken: cursor } : {}) },
      {},
    );
    try {
      for await (const page of pages) {
        const accounts = (page.Accounts ?? []).map((account) => toMemberAccount(account, management));
        yield page.NextToken ? { accounts, next: page.NextToken } : { accounts };
      }
    } catch (error) {
      throw toAdapterError(error, 'ListAccounts');
    }
  }

  async describeAccount(accountId: AccountId): Promise<MemberAccount | undefined> {
    const management = await this.managementAccountId();
    try {
      const response = await this.client.send(new DescribeAccountCommand({ AccountId: accountId }));
      return response.Account && toMemberAccount(response.Account, management);
    } catch (error) {
      if (translateAwsError(error).code === 'NOT_FOUND') return undefined;
      throw toAdapterError(error, 'DescribeAccount');
    }
  }

  managementAccountId(): Promise<AccountId> {
    this.management ??= this.client.send(new DescribeOrganizationCommand({})).then(
      (response) => {
        const id = response.Organization?.MasterAccountId;
        if (!id) throw new AwsAdapterError('INVALID_RESPONSE', 'Organizations DescribeOrganization returned no management account id');
        return id;
      },
      (error: unknown) => {
        this.management = undefined;
        throw toAdapterError(error, 'DescribeOrganization');
      },
    );
    return this.management;
  }
}

function toMemberAccount(account: Account, managementId: AccountId): MemberAccount {
  const parsed = parseMemberAccount({
    id: account.Id,
    name: account.Name || account.Id,
    state: account.State,
    joinedAt: account.JoinedTimestamp?.toISOString() ?? new Date(0).toISOString(),
    isManagement: account.Id === managementId,
  });
  if (!parsed.ok)
    throw new AwsAdapterError('INVALID_RESPONSE', `Organizations returned an account that breaks the rules: ${parsed.error.message}`);
  return parsed.value;
}

const DENIED =
  'was denied: run with management account credentials that allow organizations:ListAccounts, DescribeAccount and DescribeOrganization';

function toAdapterError(error: unknown, operation: string): AwsAdapterError {
  if (error instanceof AwsAdapterError) return error;
  const explain = (code: AwsAdapterError['code'], explanation: string) =>
    new AwsAdapterError(code, `Organizations ${operation} ${explanation}`, { cause: error });
  if (isOrganizationsNotInUse(error)) return explain('NOT_IN_ORGANIZATION', 'failed: this account is not a member of an organization');
  const { code, name } = translateAwsError(error);
  if (code === 'THROTTLED') return explain('THROTTLED', `was throttled (${name})`);
  if (code === 'ACCESS_DENIED') return explain('ACCESS_DENIED', DENIED);
  return explain('UNKNOWN', `failed: ${name}`);
}
