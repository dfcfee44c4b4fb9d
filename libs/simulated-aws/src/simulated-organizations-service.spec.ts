import { MemberAccount } from '@contact-sync/domain';
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

/** An organization of the management account and `members` members, all in the root, and its Organizations API. */
function organization(members: number, emptyPageRate = 0) {
  const time = new VirtualTime();
  const model = new OrganizationModel([member(0, true), ...Array.from({ length: members }, (_, i) => member(i + 1))]);
  const service = new SimulatedOrganizationsService(model, new SeededRandom(7), time, {
    ...DEFAULT_ORGANIZATIONS_BEHAVIOUR,
    listAccountsPerSecond: 1000,
    emptyPageRate,
  });
  return { time, model, service };
}

type Listing = (token?: string) => Promise<{ ids: string[]; next?: string }>;

/** Follows a listing to its end, calling `between` after each page; the ids listed, in order. */
async function follow(list: Listing, between: (page: number) => void = () => undefined): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  let page = 0;
  do {
    const answer = await list(token);
    ids.push(...answer.ids);
    token = answer.next;
    between((page += 1));
  } while (token !== undefined);
  return ids;
}

describe('SimulatedOrganizationsService: page tokens hold a position, not an offset', () => {
  const listAccounts =
    (service: SimulatedOrganizationsService): Listing =>
    async (NextToken) => {
      const page = await service.listAccounts({ NextToken, MaxResults: 20 });
      return { ids: page.Accounts.map((a) => a.Id), next: page.NextToken };
    };
  const listRoot =
    (service: SimulatedOrganizationsService): Listing =>
    async (NextToken) => {
      const page = await service.listAccountsForParent({ ParentId: service.model.tree.rootId, NextToken, MaxResults: 20 });
      return { ids: page.Accounts.map((a) => a.Id), next: page.NextToken };
    };

  it('ListAccounts: accounts that leave the part already read skip nothing that stayed; one that joins meanwhile is listed', async () => {
    const { time, model, service } = organization(99, 0.2);
    const before = model.listAccounts().map((a) => a.id);
    const listed = await time.run(() =>
      follow(listAccounts(service), (page) => {
        if (page === 2) {
          model.removeAccount(accountId(3));
          model.removeAccount(accountId(30));
          model.addAccount(member(500));
        }
      }),
    );
    const stayed = before.filter((id) => id !== accountId(3) && id !== accountId(30));
    expect(stayed.filter((id) => !listed.includes(id))).toEqual([]);
    expect(listed).toContain(accountId(500));
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('ListAccountsForParent: accounts moved out of the part already read skip nothing that stayed', async () => {
    const { time, model, service } = organization(99);
    model.tree.addUnit('ou-suspended');
    const before = model.tree.accountsUnder(model.tree.rootId).slice();
    const listed = await time.run(() =>
      follow(listRoot(service), (page) => {
        if (page === 1) {
          model.setState(accountId(5), 'SUSPENDED');
          model.moveAccount(accountId(5), 'ou-suspended', time.now());
          model.removeAccount(accountId(6));
        }
      }),
    );
    const stayed = before.filter((id) => id !== accountId(5) && id !== accountId(6));
    expect(stayed.filter((id) => !listed.includes(id))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('ListOrganizationalUnitsForParent pages every OU, and each listing refuses a token it did not issue', async () => {
    const { time, model, service } = organization(45);
    const units = Array.from({ length: 45 }, (_, i) => `ou-${i}`);
    for (const unit of units) model.tree.addUnit(unit);
    const listed = await time.run(() =>
      follow(async (NextToken) => {
        const page = await service.listOrganizationalUnitsForParent({ ParentId: model.tree.rootId, NextToken, MaxResults: 20 });
        return { ids: page.OrganizationalUnits.map((u) => u.Id), next: page.NextToken };
      }),
    );
    expect(listed).toEqual(units);
    const first = await time.run(() => service.listAccounts({ MaxResults: 20 }));
    expect(first.NextToken).toBeDefined();
    await expect(
      time.run(() => service.listAccountsForParent({ ParentId: model.tree.rootId, NextToken: first.NextToken, MaxResults: 20 })),
    ).rejects.toMatchObject({ errorName: 'InvalidInputException' });
    await expect(time.run(() => service.listAccounts({ NextToken: 'page:20', MaxResults: 20 }))).rejects.toMatchObject({
      errorName: 'InvalidInputException',
    });
  });
});

describe('SimulatedOrganizationsService: outages', () => {
  it('an outage fails every call but the ones it spares (a partial outage), with a fault of the service', async () => {
    const { time, model } = organization(2);
    const service = new SimulatedOrganizationsService(model, new SeededRandom(7), time, {
      ...DEFAULT_ORGANIZATIONS_BEHAVIOUR,
      outages: [[0, Number.MAX_SAFE_INTEGER]],
      outageSpares: ['DescribeOrganization'],
    });
    await expect(time.run(() => service.describeOrganization())).resolves.toMatchObject({
      Organization: { MasterAccountId: accountId(0) },
    });
    await expect(time.run(() => service.listRoots())).rejects.toMatchObject({ errorName: 'ServiceException', httpStatusCode: 500 });
    await expect(time.run(() => service.describeAccount({ AccountId: accountId(1) }))).rejects.toMatchObject({
      errorName: 'ServiceException',
    });
  });
});
