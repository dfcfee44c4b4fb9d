import { ClockPort, MemberAccount, RandomPort, RateLimit, SleeperPort } from '@contact-sync/domain';
import { OrganizationModel } from './organization-model';
import { QuotaBucket } from './quota-bucket';
import { Caller, RequestIds, ServiceErrorResponse } from './service-answers';

/** One ListAccounts page in the Organizations API's shape. */
export interface ListAccountsPage {
  readonly Accounts: ReadonlyArray<{ Id: string; Name: string; State: string; JoinedTimestamp: Date; Arn: string }>;
  readonly NextToken?: string;
}

/** An account in the Organizations API's shape. */
export type ApiAccount = ListAccountsPage['Accounts'][number];

/** The Organizations operations the simulation answers besides ListAccounts. */
export const ORGANIZATIONS_OPERATIONS = [
  'ListRoots',
  'ListAccountsForParent',
  'ListOrganizationalUnitsForParent',
  'ListParents',
  'ListTagsForResource',
  'DescribeOrganization',
  'DescribeAccount',
] as const;
/** One of {@link ORGANIZATIONS_OPERATIONS}. */
export type OrganizationsOperation = (typeof ORGANIZATIONS_OPERATIONS)[number];

/** The simulated organization's id, which its ARNs name. */
export const SIMULATED_ORGANIZATION_ID = 'o-simulated';

/** How the simulated Organizations API behaves. */
export interface OrganizationsServiceBehaviour {
  /**
   * List calls (ListAccounts, ListRoots, ListAccountsForParent, ListOrganizationalUnitsForParent,
   * ListParents) the service answers a second, together; more wait their turn (it paces, as the
   * SDK's retries of throttled calls would).
   */
  readonly listAccountsPerSecond: number;
  /** ListTagsForResource's quota: a call over it is answered TooManyRequestsException. */
  readonly tagReads: RateLimit;
  /** Fraction of pages that come back empty, with a next token. */
  readonly emptyPageRate: number;
  /** Windows `[from, to)` in epoch milliseconds during which every call fails with a service fault. */
  readonly outages?: ReadonlyArray<readonly [number, number]>;
  /** Operations that go on answering through an outage (a partial one): none when absent. */
  readonly outageSpares?: readonly OrganizationsOperation[];
}

export const DEFAULT_ORGANIZATIONS_BEHAVIOUR: OrganizationsServiceBehaviour = {
  listAccountsPerSecond: 10,
  tagReads: { ratePerSecond: 5, burst: 5 },
  emptyPageRate: 0.1,
};

/**
 * Organizations simulated: ListAccounts and the tree's list calls in pages of at most 20, now and
 * then empty with a next token, at a limited rate; ListParents; ListTagsForResource under its own
 * quota, throttled beyond it.
 */
export class SimulatedOrganizationsService {
  listAccountsCalls = 0;
  /** Calls of the other operations, throttled ones included. */
  readonly calls: Record<OrganizationsOperation, number> = Object.fromEntries(ORGANIZATIONS_OPERATIONS.map((op) => [op, 0])) as Record<
    OrganizationsOperation,
    number
  >;
  /** Calls answered TooManyRequestsException. */
  throttled = 0;
  /** Tags answered, by account. */
  readonly tagsRead = new Map<string, number>();
  /**
   * Accounts that ListParents or ListTagsForResource answer not found although they are there (as
   * Organizations can for an account that just joined, or when it misbehaves), with how many more
   * times (Infinity: always). A test sets them to show that such an answer never leads to a write.
   */
  readonly answersNotFound: Record<'ListParents' | 'ListTagsForResource', Map<string, number>> = {
    ListParents: new Map(),
    ListTagsForResource: new Map(),
  };
  private nextSlotAt = 0;
  private tagBucket?: QuotaBucket;

  constructor(
    readonly model: OrganizationModel,
    private readonly random: RandomPort,
    private readonly time: ClockPort & SleeperPort,
    private readonly behaviour: OrganizationsServiceBehaviour = DEFAULT_ORGANIZATIONS_BEHAVIOUR,
  ) {}

  async listAccounts(request: { NextToken?: string; MaxResults?: number }, caller: Caller = {}): Promise<ListAccountsPage> {
    this.listAccountsCalls += 1;
    this.authorize(caller, 'ListAccounts');
    await this.paced();
    const { items, next } = this.page('accounts', this.model.listAccounts(), (a) => this.model.listOrdinal(a.id), request);
    const page = items.map((a) => this.toApi(a));
    return next !== undefined ? { Accounts: page, NextToken: next } : { Accounts: page };
  }

  async listRoots(caller: Caller = {}): Promise<{ Roots: Array<{ Id: string; Arn: string; Name: string }> }> {
    this.calls.ListRoots += 1;
    this.authorize(caller, 'ListRoots');
    await this.paced();
    const id = this.model.tree.rootId;
    return { Roots: [{ Id: id, Arn: this.arn('root', id), Name: 'Root' }] };
  }

  /** The organization: its id and management account. Not paced (not a list call), and answered at once. */
  async describeOrganization(caller: Caller = {}): Promise<{
    Organization: { Id: string; Arn: string; FeatureSet: 'ALL'; MasterAccountId: string; MasterAccountArn: string };
  }> {
    this.calls.DescribeOrganization += 1;
    this.authorize(caller, 'DescribeOrganization');
    this.checkOutage('DescribeOrganization');
    const management = this.model.managementAccountId;
    return {
      Organization: {
        Id: SIMULATED_ORGANIZATION_ID,
        Arn: `arn:aws:organizations::${management}:organization/${SIMULATED_ORGANIZATION_ID}`,
        FeatureSet: 'ALL',
        MasterAccountId: management,
        MasterAccountArn: `arn:aws:organizations::${management}:account/${SIMULATED_ORGANIZATION_ID}/${management}`,
      },
    };
  }

  /** One account, in any state, while it is in the organization; AccountNotFoundException once it is gone. Answered at once. */
  async describeAccount(request: { AccountId?: string }, caller: Caller = {}): Promise<{ Account: ApiAccount }> {
    this.calls.DescribeAccount += 1;
    this.authorize(caller, 'DescribeAccount');
    this.checkOutage('DescribeAccount');
    const account = this.model.account(this.required(request.AccountId));
    if (!account) throw this.error('AccountNotFoundException', 'We can’t find an AWS account with the AccountId that you specified.', 400);
    return { Account: this.toApi(account) };
  }

  async listAccountsForParent(
    request: { ParentId?: string; NextToken?: string; MaxResults?: number },
    caller: Caller = {},
  ): Promise<ListAccountsPage> {
    this.calls.ListAccountsForParent += 1;
    this.authorize(caller, 'ListAccountsForParent');
    const parentId = this.required(request.ParentId);
    const tree = await this.pacedUnder(parentId);
    const ordinal = (id: string) => tree.listOrdinal(id);
    const { items, next } = this.page(`accounts:${parentId}`, tree.accountsUnder(parentId), ordinal, request);
    const page = items.flatMap((id) => {
      const account = this.model.account(id);
      return account ? [this.toApi(account)] : [];
    });
    return next !== undefined ? { Accounts: page, NextToken: next } : { Accounts: page };
  }

  async listOrganizationalUnitsForParent(
    request: { ParentId?: string; NextToken?: string; MaxResults?: number },
    caller: Caller = {},
  ): Promise<{ OrganizationalUnits: Array<{ Id: string; Arn: string; Name: string }>; NextToken?: string }> {
    this.calls.ListOrganizationalUnitsForParent += 1;
    this.authorize(caller, 'ListOrganizationalUnitsForParent');
    const parentId = this.required(request.ParentId);
    const tree = await this.pacedUnder(parentId);
    const ordinal = (id: string) => tree.listOrdinal(id);
    const { items, next } = this.page(`units:${parentId}`, tree.unitsUnder(parentId), ordinal, request);
    const units = items.map((id) => ({ Id: id, Arn: this.arn('ou', id), Name: id }));
    return next !== undefined ? { OrganizationalUnits: units, NextToken: next } : { OrganizationalUnits: units };
  }

  async listParents(
    request: { ChildId?: string },
    caller: Caller = {},
  ): Promise<{ Parents: Array<{ Id: string; Type: 'ROOT' | 'ORGANIZATIONAL_UNIT' }> }> {
    this.calls.ListParents += 1;
    this.authorize(caller, 'ListParents');
    await this.paced();
    const tree = this.model.tree;
    const childId = this.required(request.ChildId);
    const known = !this.answeredNotFound('ListParents', childId) && (tree.isUnit(childId) || this.model.account(childId));
    const parent = known ? tree.parentOf(childId) : undefined;
    if (parent === undefined)
      throw this.error(
        'ChildNotFoundException',
        'We can’t find an organizational unit (OU) or AWS account with the ChildId that you specified.',
        400,
      );
    return { Parents: [{ Id: parent, Type: parent === tree.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] };
  }

  /** One account's tags, under the operation's own quota: over it, TooManyRequestsException. */
  async listTagsForResource(
    request: { ResourceId?: string; NextToken?: string },
    caller: Caller = {},
  ): Promise<{ Tags: Array<{ Key: string; Value: string }>; NextToken?: string }> {
    this.calls.ListTagsForResource += 1;
    this.authorize(caller, 'ListTagsForResource');
    const now = this.time.now();
    this.tagBucket ??= new QuotaBucket(this.behaviour.tagReads, now);
    if (!this.tagBucket.tryTake(now)) {
      this.throttled += 1;
      throw this.error(
        'TooManyRequestsException',
        'AWS Organizations can’t complete your request because another request is already in progress. Try again later.',
        400,
      );
    }
    this.checkOutage();
    const resourceId = this.required(request.ResourceId);
    if (!this.model.account(resourceId) || this.answeredNotFound('ListTagsForResource', resourceId))
      throw this.error('TargetNotFoundException', 'We can’t find a resource with the ResourceId that you specified.', 400);
    this.tagsRead.set(resourceId, (this.tagsRead.get(resourceId) ?? 0) + 1);
    const tags = this.model.tree.tagsOf(resourceId);
    return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  }

  /** Whether this call about `id` is answered not found though the account is there (see {@link answersNotFound}); counts it down. */
  private answeredNotFound(operation: keyof SimulatedOrganizationsService['answersNotFound'], id: string): boolean {
    const left = this.answersNotFound[operation].get(id) ?? 0;
    if (left <= 0) return false;
    this.answersNotFound[operation].set(id, left - 1);
    return true;
  }

  /** Waits for the next list slot; the tree, when the parent asked about is in it. */
  private async pacedUnder(parentId: string): Promise<OrganizationModel['tree']> {
    await this.paced();
    if (!this.model.tree.isParent(parentId))
      throw this.error('ParentNotFoundException', 'We can’t find a root or OU with the ParentId that you specified.', 400);
    return this.model.tree;
  }

  /** Waits for the next list slot, then fails if Organizations is out. */
  private async paced(): Promise<void> {
    const now = this.time.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + 1000 / this.behaviour.listAccountsPerSecond;
    if (slot > now) await this.time.sleep(slot - now);
    this.checkOutage();
  }

  private checkOutage(operation?: OrganizationsOperation): void {
    if (operation && this.behaviour.outageSpares?.includes(operation)) return;
    const at = this.time.now();
    if (this.behaviour.outages?.some(([from, to]) => at >= from && at < to))
      throw this.error('ServiceException', 'Organizations is unavailable', 500);
  }

  /**
   * A page of at most 20 (or MaxResults) from a next token, now and then empty with a next token.
   * Tokens are opaque, as AWS's are, and hold a position rather than an offset: the list's place of
   * the last item returned (`ordinal` grows along the list). An item that leaves the part already
   * read shifts nothing, so the next page starts with the item after the last one returned, never
   * past one that stayed; an item that joins later in the list is still listed. A token is good only
   * for the listing that issued it (InvalidInputException otherwise, as Organizations answers).
   */
  private page<T>(
    listing: string,
    all: readonly T[],
    ordinal: (item: T) => number,
    request: { NextToken?: string; MaxResults?: number },
  ): { items: readonly T[]; next?: string } {
    const pageSize = Math.min(20, request.MaxResults ?? 20);
    const after = request.NextToken === undefined ? 0 : this.positionIn(listing, request.NextToken);
    const start = firstAfter(all, ordinal, after);
    if (start < all.length && this.random.next() < this.behaviour.emptyPageRate)
      return { items: [], next: pageToken(listing, after, this.random.next()) };
    const items = all.slice(start, start + pageSize);
    const last = items[items.length - 1];
    return start + pageSize < all.length && last !== undefined ? { items, next: pageToken(listing, ordinal(last)) } : { items };
  }

  /** The position a next token holds, if this listing issued it. */
  private positionIn(listing: string, token: string): number {
    const [issuedFor, after] = Buffer.from(token, 'base64url').toString('utf8').split('|');
    const position = Number(after);
    if (issuedFor !== listing || !Number.isInteger(position) || position < 0)
      throw this.error(
        'InvalidInputException',
        'The requested operation failed because you provided invalid values for one or more of the request parameters: INVALID_PAGINATION_TOKEN',
        400,
      );
    return position;
  }

  /** A parameter the operation requires: InvalidInputException when it is missing, as Organizations answers. */
  private required(value: string | undefined): string {
    if (value === undefined)
      throw this.error(
        'InvalidInputException',
        'The requested operation failed because you provided invalid values for one or more of the request parameters.',
        400,
      );
    return value;
  }

  /** IAM's answer to a caller its grants do not allow the action: AccessDeniedException, before the service does anything. */
  private authorize(caller: Caller, operation: string): void {
    if (caller.allows && !caller.allows(`organizations:${operation}`))
      throw this.error('AccessDeniedException', `You don’t have permissions to perform organizations:${operation}.`, 400);
  }

  private error(name: string, message: string, status: number): ServiceErrorResponse {
    return new ServiceErrorResponse(name, message, status, this.requestIds.nextError());
  }

  /** The ids of the service's answers, as AWS gives each response one. */
  readonly requestIds = new RequestIds('org');

  /** The ARN of a root, OU or account of the organization: each names the management account and the organization. */
  private arn(type: 'root' | 'ou' | 'account', id: string): string {
    return `arn:aws:organizations::${this.model.managementAccountId}:${type}/${SIMULATED_ORGANIZATION_ID}/${id}`;
  }

  private toApi(account: MemberAccount): ApiAccount {
    return {
      Id: account.id,
      Name: account.name,
      State: account.state,
      JoinedTimestamp: new Date(account.joinedAt),
      Arn: this.arn('account', account.id),
    };
  }
}

/** An opaque next token: the listing it belongs to and the position of the last item returned (and, for an empty page, a nonce). */
function pageToken(listing: string, after: number, nonce?: number): string {
  return Buffer.from(nonce === undefined ? `${listing}|${after}` : `${listing}|${after}|${nonce}`, 'utf8').toString('base64url');
}

/** The index of the first item whose ordinal is above `after` (the list is in growing ordinals): a binary search, so paging stays linear. */
function firstAfter<T>(all: readonly T[], ordinal: (item: T) => number, after: number): number {
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ordinal(all[mid] as T) > after) high = mid;
    else low = mid + 1;
  }
  return low;
}
