import {
  AccessDeniedException,
  AccountNotFoundException,
  ChildNotFoundException,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  InvalidInputException,
  ListAccountsForParentCommand,
  ListParentsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  OrganizationsServiceException,
  paginateListAccounts,
  ParentNotFoundException,
  ServiceException,
  TargetNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { AwsOrganization, organizationsClientConfig, translateAwsError } from '@contact-sync/adapters-aws';
import { DEFAULT_SYNC_CONFIG, MemberAccount } from '@contact-sync/domain';
import { accountId, OrganizationsServiceBehaviour, SimulatedOrganizationsClient } from '@contact-sync/simulated-aws';
import { createSimulatedAws, retryClockOf, simulatedOrganizationsClient, SimulatedAws } from './simulated-aws';

const member = (n: number, isManagement = false): MemberAccount => ({
  id: accountId(n),
  name: `account-${n}`,
  state: 'ACTIVE',
  joinedAt: '2024-01-01T00:00:00.000Z',
  isManagement,
});

/** The management account and `members` members, an OU holding the first member (tagged), on a service as `behaviour` says. */
function simulated(members: number, behaviour: Partial<OrganizationsServiceBehaviour> = {}): SimulatedAws {
  const sim = createSimulatedAws({
    accounts: [member(0, true), ...Array.from({ length: members }, (_, i) => member(i + 1))],
    seed: 9,
    config: DEFAULT_SYNC_CONFIG,
    organizations: { listAccountsPerSecond: 1000, emptyPageRate: 0, ...behaviour },
  });
  sim.model.tree.addUnit('ou-sim0-security');
  sim.model.tree.place(accountId(1), 'ou-sim0-security');
  sim.model.tree.setTags(accountId(1), { team: 'security', 'contact-sync:opt-out': 'false' });
  return sim;
}

/** The deployed adapter and the SDK client it sends through (the deployed client's settings), on the simulated service. */
function deployed(sim: SimulatedAws, allows?: (action: string) => boolean) {
  // Typed as the SDK's client, as the adapter and the SDK's paginator hold it.
  const client: OrganizationsClient = simulatedOrganizationsClient(sim.organizationsService, {
    retryClock: retryClockOf(sim),
    ...(allows ? { allows } : {}),
  });
  return { client, organization: new AwsOrganization(client) };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('SimulatedOrganizationsClient: the deployed organization adapter on the simulated Organizations API', () => {
  it('serves every command the adapter sends, and the answers read as the organization is', async () => {
    const sim = simulated(3);
    const { organization } = deployed(sim);
    const root = sim.model.tree.rootId;
    await sim.time.run(async () => {
      expect(await organization.managementAccountId()).toBe(accountId(0));
      expect(await organization.rootId()).toBe(root);
      expect(await organization.describeAccount(accountId(2))).toEqual(member(2));
      expect(await organization.describeAccount(accountId(0))).toEqual(member(0, true));
      expect(await organization.unitsUnder(root)).toEqual({ units: ['ou-sim0-security'] });
      expect(await organization.accountsUnder('ou-sim0-security')).toEqual({ accounts: [member(1)] });
      expect(await organization.parentOf(accountId(1))).toEqual({ id: 'ou-sim0-security', isRoot: false });
      expect(await organization.parentOf('ou-sim0-security')).toEqual({ id: root, isRoot: true });
      expect(await organization.tagsOf(accountId(1))).toEqual({ team: 'security', 'contact-sync:opt-out': 'false' });
      const listed: MemberAccount[] = [];
      for await (const page of organization.accountPages()) listed.push(...page.accounts);
      expect(listed).toEqual([member(0, true), member(1), member(2), member(3)]);
    });
    // The management account and the root are asked once, however often they are wanted.
    expect(sim.organizationsService.calls).toMatchObject({
      DescribeOrganization: 1,
      ListRoots: 1,
      DescribeAccount: 2,
      ListOrganizationalUnitsForParent: 1,
      ListAccountsForParent: 1,
      ListParents: 2,
      ListTagsForResource: 1,
    });
    expect(sim.organizationsService.listAccountsCalls).toBe(1);
  });

  it("follows the SDK's paginator over a multi-page organization, empty pages with a next token included", async () => {
    const sim = simulated(95, { emptyPageRate: 0.3 });
    const { client, organization } = deployed(sim);
    const ids: string[] = [];
    await sim.time.run(async () => {
      for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
        expect(page.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
        ids.push(...(page.Accounts ?? []).map((a) => a.Id as string));
      }
    });
    expect(ids).toEqual(Array.from({ length: 96 }, (_, i) => accountId(i)));
    // At least five full pages, and the empty ones between them.
    expect(sim.organizationsService.listAccountsCalls).toBeGreaterThan(5);
    const viaAdapter: string[] = [];
    await sim.time.run(async () => {
      for await (const page of organization.accountPages()) viaAdapter.push(...page.accounts.map((a) => a.id));
    });
    expect(viaAdapter).toEqual(ids);
  });

  it("answers with the SDK's output shape: the service's answer and $metadata", async () => {
    const sim = simulated(1);
    const { client } = deployed(sim);
    const output = await sim.time.run(() => client.send(new DescribeOrganizationCommand({})));
    expect(output).toMatchObject({
      Organization: { Id: 'o-simulated', MasterAccountId: accountId(0) },
      $metadata: { httpStatusCode: 200, requestId: expect.stringMatching(/^org-ok-/), attempts: 1, totalRetryDelay: 0 },
    });
  });

  it.each<[string, (client: OrganizationsClient) => Promise<unknown>, abstract new (...args: never[]) => Error, string]>([
    [
      'ListParents of a child that is not there',
      (c) => c.send(new ListParentsCommand({ ChildId: accountId(99) })),
      ChildNotFoundException,
      'NOT_FOUND',
    ],
    [
      'ListAccountsForParent of a parent that is not there',
      (c) => c.send(new ListAccountsForParentCommand({ ParentId: 'ou-gone' })),
      ParentNotFoundException,
      'NOT_FOUND',
    ],
    [
      'ListTagsForResource of an account that is not there',
      (c) => c.send(new ListTagsForResourceCommand({ ResourceId: accountId(99) })),
      TargetNotFoundException,
      'NOT_FOUND',
    ],
    [
      'ListAccountsForParent with a token another listing issued',
      (c) => c.send(new ListAccountsForParentCommand({ ParentId: 'ou-sim0-security', NextToken: 'bm90LW91cnM' })),
      InvalidInputException,
      'INVALID',
    ],
  ])('%s: the SDK exception class, with $fault and $metadata, which the one AWS error translator reads', async (_, call, Class, code) => {
    const sim = simulated(1);
    const error = await sim.time.run(() => failureOf(call(deployed(sim).client)));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(OrganizationsServiceException);
    expect(error).toMatchObject({
      name: Class.name,
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: expect.stringMatching(/^org-\d+$/), attempts: 1, totalRetryDelay: 0 },
    });
    expect(translateAwsError(error).code).toBe(code);
  });

  it('reads an account that is gone as no account (AccountNotFoundException), and a tag read of it as an error', async () => {
    const sim = simulated(1);
    const { client, organization } = deployed(sim);
    await sim.time.run(async () => {
      await expect(client.send(new DescribeAccountCommand({ AccountId: accountId(99) }))).rejects.toBeInstanceOf(AccountNotFoundException);
      expect(await organization.describeAccount(accountId(99))).toBeUndefined();
      await expect(organization.tagsOf(accountId(99))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it("retries as the deployed client is configured (the SDK's standard mode, its attempts), waiting on the virtual clock", async () => {
    // One tag read a minute: the first read takes the quota, and every retry of the second is throttled.
    const sim = simulated(2, { tagReads: { ratePerSecond: 1 / 60, burst: 1 } });
    const { client } = deployed(sim);
    const configured = await client.config.maxAttempts();
    const start = sim.time.now();
    const error = await sim.time.run(async () => {
      await client.send(new ListTagsForResourceCommand({ ResourceId: accountId(1) }));
      return failureOf(client.send(new ListTagsForResourceCommand({ ResourceId: accountId(2) })));
    });
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(configured).toBe(3);
    const { attempts, totalRetryDelay } = (error as { $metadata: { attempts: number; totalRetryDelay: number } }).$metadata;
    expect(attempts).toBe(configured);
    expect(sim.organizationsService.calls.ListTagsForResource).toBe(1 + configured);
    // The waits were the SDK's throttling backoff, on the simulation's clock: it moved by exactly that much.
    expect(totalRetryDelay).toBeGreaterThan(0);
    expect(sim.time.now() - start).toBe(totalRetryDelay);
    expect(translateAwsError(error).code).toBe('THROTTLED');
  });

  it('a throttled read that a retry gets through is answered, with the attempts it took in $metadata', async () => {
    const sim = simulated(2, { tagReads: { ratePerSecond: 20, burst: 1 } });
    const { organization, client } = deployed(sim);
    const second = await sim.time.run(async () => {
      await organization.tagsOf(accountId(1));
      return client.send(new ListTagsForResourceCommand({ ResourceId: accountId(1) }));
    });
    expect(second.$metadata.attempts).toBeGreaterThan(1);
    expect(second.Tags).toEqual([
      { Key: 'team', Value: 'security' },
      { Key: 'contact-sync:opt-out', Value: 'false' },
    ]);
  });

  it('makes one attempt where its settings say one: the retries are read from the configuration, not fixed', async () => {
    const sim = simulated(1, { tagReads: { ratePerSecond: 1 / 60, burst: 0 } });
    const client = new SimulatedOrganizationsClient(
      sim.organizationsService,
      { ...organizationsClientConfig(), maxAttempts: 1 },
      { retryClock: retryClockOf(sim) },
    );
    const error = await sim.time.run(() => failureOf(client.send(new ListTagsForResourceCommand({ ResourceId: accountId(1) }))));
    expect(error).toMatchObject({ name: 'TooManyRequestsException', $metadata: { attempts: 1, totalRetryDelay: 0 } });
  });

  it('retries a fault of the service (500) as the SDK does, then fails with ServiceException; the adapter reports it', async () => {
    const sim = simulated(1, { outages: [[0, Number.MAX_SAFE_INTEGER]] });
    const { organization } = deployed(sim);
    const failure = await sim.time.run(() => failureOf(organization.managementAccountId()));
    expect(failure).toMatchObject({
      name: 'AwsAdapterError',
      cause: { name: 'ServiceException', $fault: 'server', $metadata: { attempts: 3 } },
    });
    expect((failure as { cause: unknown }).cause).toBeInstanceOf(ServiceException);
    expect(sim.organizationsService.calls.DescribeOrganization).toBe(3);
  });

  it('refuses, as IAM does, an action the caller is not granted: AccessDeniedException, which the adapter names', async () => {
    const sim = simulated(1);
    const { organization } = deployed(sim, (action) => action !== 'organizations:DescribeOrganization');
    const failure = await sim.time.run(() => failureOf(organization.managementAccountId()));
    expect(failure).toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringContaining('organizations:DescribeOrganization') });
    expect((failure as { cause: unknown }).cause).toBeInstanceOf(AccessDeniedException);
    expect(await sim.time.run(() => organization.rootId())).toBe(sim.model.tree.rootId);
  });
});
