import { MemberAccount, ORGANIZATIONS_RATES, OrganizationsRateOperation } from '@contact-sync/domain';
import { accountId } from './generated-organization';
import { OrganizationModel } from './organization-model';
import { SeededRandom } from './seeded-random';
import { DEFAULT_ORGANIZATIONS_BEHAVIOUR, SimulatedOrganizationsService } from './simulated-organizations-service';
import { VirtualTime } from './virtual-time';

const member = (n: number, isManagement = false): MemberAccount => ({
  id: accountId(n),
  name: `account-${n}`,
  state: 'ACTIVE',
  joinedAt: '2024-01-01T00:00:00.000Z',
  isManagement,
});

/**
 * A small organization whose list calls are not spaced out by the service's pacing (so that only the
 * quotas decide), and one call of each operation, by name.
 */
function organization() {
  const time = new VirtualTime();
  const model = new OrganizationModel([member(0, true), member(1), member(2)]);
  const service = new SimulatedOrganizationsService(model, new SeededRandom(7), time, {
    ...DEFAULT_ORGANIZATIONS_BEHAVIOUR,
    listAccountsPerSecond: 1e9,
    emptyPageRate: 0,
  });
  const root = model.tree.rootId;
  const call: Record<OrganizationsRateOperation, () => Promise<unknown>> = {
    ListAccounts: () => service.listAccounts({}),
    ListAccountsForParent: () => service.listAccountsForParent({ ParentId: root }),
    ListOrganizationalUnitsForParent: () => service.listOrganizationalUnitsForParent({ ParentId: root }),
    ListParents: () => service.listParents({ ChildId: accountId(1) }),
    ListTagsForResource: () => service.listTagsForResource({ ResourceId: accountId(1) }),
    DescribeAccount: () => service.describeAccount({ AccountId: accountId(1) }),
    DescribeOrganization: () => service.describeOrganization(),
    ListRoots: () => service.listRoots(),
  };
  return { time, service, call };
}

/**
 * Makes `atOnce` calls at the same instant, then `count` more `gapMs` apart; how many were answered
 * TooManyRequestsException.
 */
async function throttledOf(operation: OrganizationsRateOperation, count: number, gapMs: number, atOnce = 0): Promise<number> {
  const { time, service, call } = organization();
  return time.run(async () => {
    let throttled = 0;
    for (let i = 0; i < atOnce + count; i += 1) {
      if (i > 0 && i >= atOnce && gapMs > 0) await time.sleep(gapMs);
      await call[operation]().catch((error: { errorName?: string }) => {
        if (error.errorName !== 'TooManyRequestsException') throw error;
        throttled += 1;
      });
    }
    expect(service.throttled).toBe(throttled);
    return throttled;
  });
}

describe('SimulatedOrganizationsService: each operation under the Organizations rates table', () => {
  const operations = Object.keys(ORGANIZATIONS_RATES) as OrganizationsRateOperation[];

  it.each(operations)('%s: a burst of the table’s size, then calls at its rate, are all answered', async (operation) => {
    const { ratePerSecond, burst } = ORGANIZATIONS_RATES[operation];
    expect(await throttledOf(operation, burst, 0)).toBe(0);
    // The whole burst at once, then 3 × burst calls exactly at the rate: each finds the token the
    // rate has put back since the call before.
    expect(await throttledOf(operation, 3 * burst, 1000 / ratePerSecond, burst)).toBe(0);
  });

  it.each(operations)('%s: one call over the burst, or calls a little faster than the rate, are throttled', async (operation) => {
    const { ratePerSecond, burst } = ORGANIZATIONS_RATES[operation];
    expect(await throttledOf(operation, burst + 1, 0)).toBe(1);
    // 10% faster than the rate: the burst is spent, then some calls are refused.
    expect(await throttledOf(operation, burst * 20, 1000 / (ratePerSecond * 1.1))).toBeGreaterThan(0);
  });
});
