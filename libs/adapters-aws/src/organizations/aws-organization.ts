import {
  Account,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import {
  AccountId,
  AccountPage,
  AccountTags,
  MemberAccount,
  OrganizationPort,
  OrganizationStructurePort,
  parseMemberAccount,
  ParentRef,
  UnitPage,
} from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { isOrganizationsNotInUse, translateAwsError } from '../aws-error-translation';

/** ListAccounts' largest page. */
export const LIST_ACCOUNTS_PAGE_SIZE = 20;

/**
 * The organization ports on the Organizations API: ListAccounts through the SDK paginator (pages of
 * 20; an empty page with a NextToken is followed), account state from `State` (the retired `Status`
 * is ignored), the management account from DescribeOrganization (for a listing) or from the
 * account's ARN (for one account), the root from ListRoots (each asked once); the tree one page at a time (ListAccountsForParent, ListOrganizationalUnitsForParent,
 * 20 a page), ListParents, and ListTagsForResource followed to its last page. A parent, child or
 * account that is gone reads as nothing (an empty page, no parent, no account), except to
 * ListTagsForResource: tags that could not be read, not found included, are an error, never "no
 * tags", so that a tag rule cannot be read as met or unmet when it is not known.
 */
export class AwsOrganization implements OrganizationPort, OrganizationStructurePort {
  // The management account and the root, each asked once (a failure is asked again).
  private readonly management = askedOnce(() =>
    this.requiredValue(
      'DescribeOrganization',
      () => this.client.send(new DescribeOrganizationCommand({})),
      (response) => response.Organization?.MasterAccountId,
      'no management account id',
    ),
  );

  private readonly root = askedOnce(() =>
    this.requiredValue(
      'ListRoots',
      () => this.client.send(new ListRootsCommand({})),
      (response) => response.Roots?.[0]?.Id,
      'no root',
    ),
  );

  constructor(private readonly client: OrganizationsClient) {}

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

  /**
   * One account, marked as the management account or not from its own ARN, which names the management
   * account (`arn:aws:organizations::<management>:account/o-…/<id>`): one call, and the worker, which
   * asks this when a member refuses it, needs no organization-wide permission (DescribeOrganization).
   */
  async describeAccount(accountId: AccountId): Promise<MemberAccount | undefined> {
    try {
      const response = await this.client.send(new DescribeAccountCommand({ AccountId: accountId }));
      return response.Account && toMemberAccount(response.Account, managementInArn(response.Account));
    } catch (error) {
      if (translateAwsError(error).code === 'NOT_FOUND') return undefined;
      throw toAdapterError(error, 'DescribeAccount');
    }
  }

  managementAccountId(): Promise<AccountId> {
    return this.management();
  }

  rootId(): Promise<string> {
    return this.root();
  }

  async accountsUnder(parentId: string, cursor?: string): Promise<AccountPage> {
    const management = await this.managementAccountId();
    const page = await this.call('ListAccountsForParent', () =>
      this.client.send(new ListAccountsForParentCommand({ ParentId: parentId, MaxResults: PAGE_SIZE, ...nextToken(cursor) })),
    );
    const accounts = (page?.Accounts ?? []).map((account) => toMemberAccount(account, management));
    return page?.NextToken ? { accounts, next: page.NextToken } : { accounts };
  }

  async unitsUnder(parentId: string, cursor?: string): Promise<UnitPage> {
    const page = await this.call('ListOrganizationalUnitsForParent', () =>
      this.client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, MaxResults: PAGE_SIZE, ...nextToken(cursor) })),
    );
    const units = (page?.OrganizationalUnits ?? []).flatMap((unit) => (unit.Id ? [unit.Id] : []));
    return page?.NextToken ? { units, next: page.NextToken } : { units };
  }

  async parentOf(childId: string): Promise<ParentRef | undefined> {
    const answer = await this.call('ListParents', () => this.client.send(new ListParentsCommand({ ChildId: childId })));
    const parent = answer?.Parents?.[0];
    if (answer && !parent?.Id) throw new AwsAdapterError('INVALID_RESPONSE', 'Organizations ListParents returned no parent');
    return parent?.Id ? { id: parent.Id, isRoot: parent.Type === 'ROOT' } : undefined;
  }

  async tagsOf(accountId: AccountId): Promise<AccountTags> {
    const tags: Record<string, string> = {};
    let token: string | undefined;
    do {
      // Not found is a failure here like any other: tags that could not be read are never "no tags" (the domain fails closed).
      const page = await this.required('ListTagsForResource', () =>
        this.client.send(new ListTagsForResourceCommand({ ResourceId: accountId, ...nextToken(token) })),
      );
      if (!Array.isArray(page.Tags))
        throw new AwsAdapterError('INVALID_RESPONSE', 'Organizations ListTagsForResource returned no tag list');
      for (const tag of page.Tags) {
        if (typeof tag.Key !== 'string' || tag.Key === '')
          throw new AwsAdapterError('INVALID_RESPONSE', 'Organizations ListTagsForResource returned a tag without a key');
        tags[tag.Key] = tag.Value ?? '';
      }
      token = page.NextToken;
    } while (token);
    return tags;
  }

  /** One request: its answer, undefined when AWS says the thing asked about is not there, or an adapter error. */
  private async call<T>(operation: string, send: () => Promise<T>): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      if (translateAwsError(error).code === 'NOT_FOUND') return undefined;
      throw toAdapterError(error, operation);
    }
  }

  /** One request whose failure, not found included, is an adapter error. */
  private async required<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toAdapterError(error, operation);
    }
  }

  /** One request whose answer must carry a value: the value, or an adapter error. */
  private async requiredValue<T>(operation: string, send: () => Promise<T>, pick: (response: T) => string | undefined, missing: string) {
    const response = await this.required(operation, send);
    const value = pick(response);
    if (!value) throw new AwsAdapterError('INVALID_RESPONSE', `Organizations ${operation} returned ${missing}`);
    return value;
  }
}

/** The answer of `ask`, asked once: a failure is not kept, so that the next call asks again. */
function askedOnce<T>(ask: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () =>
    (answer ??= ask().catch((error: unknown) => {
      answer = undefined;
      throw error;
    }));
}

/** The largest page ListAccountsForParent and ListOrganizationalUnitsForParent give. */
const PAGE_SIZE = 20;

const nextToken = (token: string | undefined): { NextToken?: string } => (token !== undefined ? { NextToken: token } : {});

/** The management account an account's ARN names; every account ARN of an organization has it as its account field. */
function managementInArn(account: Account): AccountId {
  const management = /^arn:aws[a-z-]*:organizations::(\d{12}):account\/o-[a-z0-9]+\/\d{12}$/.exec(account.Arn ?? '')?.[1];
  if (!management) throw new AwsAdapterError('INVALID_RESPONSE', 'Organizations DescribeAccount returned an account without a valid Arn');
  return management;
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

function toAdapterError(error: unknown, operation: string): AwsAdapterError {
  if (error instanceof AwsAdapterError) return error;
  const explain = (code: AwsAdapterError['code'], explanation: string) =>
    new AwsAdapterError(code, `Organizations ${operation} ${explanation}`, { cause: error });
  if (isOrganizationsNotInUse(error)) return explain('NOT_IN_ORGANIZATION', 'failed: this account is not a member of an organization');
  const { code, name } = translateAwsError(error);
  if (code === 'THROTTLED') return explain('THROTTLED', `was throttled (${name})`);
  if (code === 'ACCESS_DENIED')
    return explain('ACCESS_DENIED', `was denied: run with management account credentials that allow organizations:${operation}`);
  if (code === 'NOT_FOUND') return explain('NOT_FOUND', `found nothing of that id (${name})`);
  return explain('UNKNOWN', `failed: ${name}`);
}
