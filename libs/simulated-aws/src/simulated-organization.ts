import {
  AccountId,
  AccountPage,
  AccountState,
  AccountTags,
  MemberAccount,
  OrganizationPort,
  OrganizationStructurePort,
  ParentRef,
  RandomPort,
  SleeperPort,
  UnitPage,
} from '@contact-sync/domain';
import { ApiAccount, SimulatedOrganizationsService } from './simulated-organizations-service';

/** The SDK's standard retry mode, which the Organizations client keeps: 3 attempts, exponential backoff with full jitter from 100 ms. */
const SDK_ATTEMPTS = 3;
const SDK_BASE_DELAY_MS = 100;

/** What the adapter waits with between attempts, as the SDK client does. */
export interface ClientRetry {
  readonly sleeper: SleeperPort;
  readonly random: RandomPort;
}

/**
 * The organization ports over the simulated Organizations API, as the AWS adapter works on the real
 * one: ListAccounts and the tree's list calls followed page by page, a parent or child that is gone
 * read as nothing, and throttled tag reads retried as the SDK's standard mode does. A tag read that
 * fails in any way (TargetNotFoundException included) throws: the domain decides, and fails closed.
 */
export class SimulatedOrganization implements OrganizationPort, OrganizationStructurePort {
  constructor(
    private readonly service: SimulatedOrganizationsService,
    private readonly retry?: ClientRetry,
  ) {}

  async *accountPages(cursor?: string): AsyncIterable<AccountPage> {
    let token = cursor;
    do {
      const page = await this.service.listAccounts({ NextToken: token, MaxResults: 20 });
      const accounts = page.Accounts.map((a) => this.toMember(a));
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

  async rootId(): Promise<string> {
    const { Roots } = await this.service.listRoots();
    return (Roots[0] as { Id: string }).Id;
  }

  async accountsUnder(parentId: string, cursor?: string): Promise<AccountPage> {
    const page = await gone(
      this.service.listAccountsForParent({ ParentId: parentId, NextToken: cursor, MaxResults: 20 }),
      'ParentNotFoundException',
    );
    if (!page) return { accounts: [] };
    const accounts = page.Accounts.map((a) => this.toMember(a));
    return page.NextToken === undefined ? { accounts } : { accounts, next: page.NextToken };
  }

  async unitsUnder(parentId: string, cursor?: string): Promise<UnitPage> {
    const page = await gone(
      this.service.listOrganizationalUnitsForParent({ ParentId: parentId, NextToken: cursor, MaxResults: 20 }),
      'ParentNotFoundException',
    );
    if (!page) return { units: [] };
    const units = page.OrganizationalUnits.map((u) => u.Id);
    return page.NextToken === undefined ? { units } : { units, next: page.NextToken };
  }

  async parentOf(childId: string): Promise<ParentRef | undefined> {
    const answer = await gone(this.service.listParents({ ChildId: childId }), 'ChildNotFoundException');
    const parent = answer?.Parents[0];
    return parent && { id: parent.Id, isRoot: parent.Type === 'ROOT' };
  }

  async tagsOf(accountId: AccountId): Promise<AccountTags> {
    const tags: Record<string, string> = {};
    let token: string | undefined;
    do {
      // Not found is an error here, as every other failure is: tags that could not be read are never "no tags".
      const page = await this.withSdkRetries(() => this.service.listTagsForResource({ ResourceId: accountId, NextToken: token }));
      for (const tag of page.Tags) tags[tag.Key] = tag.Value;
      token = page.NextToken;
    } while (token);
    return tags;
  }

  private async withSdkRetries<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (!this.retry || attempt >= SDK_ATTEMPTS || (error as Error).name !== 'TooManyRequestsException') throw error;
        await this.retry.sleeper.sleep(this.retry.random.next() * SDK_BASE_DELAY_MS * 2 ** attempt);
      }
    }
  }

  private toMember(a: ApiAccount): MemberAccount {
    return {
      id: a.Id,
      name: a.Name,
      state: a.State as AccountState,
      joinedAt: a.JoinedTimestamp.toISOString(),
      isManagement: a.Id === this.service.model.managementAccountId,
    };
  }
}

/** The answer, or undefined when the service says the thing asked about is not there. */
async function gone<T>(answer: Promise<T>, notFound: string): Promise<T | undefined> {
  try {
    return await answer;
  } catch (error) {
    if ((error as Error).name === notFound) return undefined;
    throw error;
  }
}
