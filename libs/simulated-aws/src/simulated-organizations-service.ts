import { ClockPort, MemberAccount, RandomPort, SleeperPort } from '@contact-sync/domain';
import { OrganizationModel } from './organization-model';
import { SimulatedServiceError } from './simulated-service-error';

/** One ListAccounts page in the Organizations API's shape. */
export interface ListAccountsPage {
  readonly Accounts: ReadonlyArray<{ Id: string; Name: string; State: string; JoinedTimestamp: Date; Arn: string }>;
  readonly NextToken?: string;
}

/** How the simulated Organizations API behaves. */
export interface OrganizationsServiceBehaviour {
  /** ListAccounts calls the service answers a second; more wait their turn (it paces, as the SDK's retries of throttled calls would). */
  readonly listAccountsPerSecond: number;
  /** Fraction of pages that come back empty, with a next token. */
  readonly emptyPageRate: number;
  /** Windows `[from, to)` in epoch milliseconds during which every call fails with a service fault. */
  readonly outages?: ReadonlyArray<readonly [number, number]>;
}

export const DEFAULT_ORGANIZATIONS_BEHAVIOUR: OrganizationsServiceBehaviour = { listAccountsPerSecond: 10, emptyPageRate: 0.1 };

/** Organizations' ListAccounts, simulated: pages of at most 20, now and then empty with a next token, at a limited rate. */
export class SimulatedOrganizationsService {
  listAccountsCalls = 0;
  private nextSlotAt = 0;

  constructor(
    readonly model: OrganizationModel,
    private readonly random: RandomPort,
    private readonly time: ClockPort & SleeperPort,
    private readonly behaviour: OrganizationsServiceBehaviour = DEFAULT_ORGANIZATIONS_BEHAVIOUR,
  ) {}

  async listAccounts(request: { NextToken?: string; MaxResults?: number }): Promise<ListAccountsPage> {
    this.listAccountsCalls += 1;
    const now = this.time.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + 1000 / this.behaviour.listAccountsPerSecond;
    if (slot > now) await this.time.sleep(slot - now);
    const at = this.time.now();
    if (this.behaviour.outages?.some(([from, to]) => at >= from && at < to))
      throw new SimulatedServiceError('ServiceException', 'Organizations is unavailable', `org-${this.listAccountsCalls}`, 500);
    const pageSize = Math.min(20, request.MaxResults ?? 20);
    const start = request.NextToken ? Number(request.NextToken.split(':')[1]) : 0;
    const accounts = this.model.listAccounts();
    if (start < accounts.length && this.random.next() < this.behaviour.emptyPageRate)
      return { Accounts: [], NextToken: `page:${start}:${this.random.next()}` };
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
