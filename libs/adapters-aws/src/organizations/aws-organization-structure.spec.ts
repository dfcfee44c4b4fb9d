import {
  AccessDeniedException,
  ChildNotFoundException,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  ParentNotFoundException,
  TargetNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { AwsAdapterError } from '../aws-adapter-error';
import { AwsOrganization } from './aws-organization';

const organizations = mockClient(OrganizationsClient);
afterEach(() => organizations.reset());

const metadata = { requestId: 'req-7', httpStatusCode: 400 };
const MANAGEMENT = '111111111111';
const OU = 'ou-ab12-workload';
const joined = new Date('2024-05-01T10:00:00.000Z');
const apiAccount = (id: string) => ({
  Id: id,
  Name: `acct-${id}`,
  State: 'ACTIVE' as const,
  JoinedTimestamp: joined,
  Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-x/${id}`,
});
const organization = () => new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' }));
const inputs = <T>(command: new (input: T) => { input: T }) =>
  organizations.commandCalls(command as never).map((call) => (call.args[0] as { input: T }).input);

describe('AwsOrganization: the OU tree and tags', () => {
  beforeEach(() => {
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-x', MasterAccountId: MANAGEMENT } });
  });

  it('asks ListRoots once for the root id', async () => {
    organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-ab12', Name: 'Root' }] });
    const org = organization();
    expect(await org.rootId()).toBe('r-ab12');
    expect(await org.rootId()).toBe('r-ab12');
    expect(inputs(ListRootsCommand)).toEqual([{}]);
  });

  it('lists one page of the accounts under a parent, 20 at most, from a token, the management account marked', async () => {
    organizations
      .on(ListAccountsForParentCommand)
      .resolvesOnce({ Accounts: [apiAccount(MANAGEMENT), apiAccount('222222222222')], NextToken: 't1' })
      .resolvesOnce({ Accounts: [] });
    const org = organization();
    expect(await org.accountsUnder('r-ab12')).toEqual({
      accounts: [
        { id: MANAGEMENT, name: `acct-${MANAGEMENT}`, state: 'ACTIVE', joinedAt: joined.toISOString(), isManagement: true },
        { id: '222222222222', name: 'acct-222222222222', state: 'ACTIVE', joinedAt: joined.toISOString(), isManagement: false },
      ],
      next: 't1',
    });
    expect(await org.accountsUnder('r-ab12', 't1')).toEqual({ accounts: [] });
    expect(inputs(ListAccountsForParentCommand)).toEqual([
      { ParentId: 'r-ab12', MaxResults: 20 },
      { ParentId: 'r-ab12', MaxResults: 20, NextToken: 't1' },
    ]);
  });

  it('lists one page of the OUs under a parent, 20 at most, from a token', async () => {
    organizations
      .on(ListOrganizationalUnitsForParentCommand)
      .resolvesOnce({ OrganizationalUnits: [{ Id: OU, Name: 'Workloads' }], NextToken: 'u1' })
      .resolvesOnce({ OrganizationalUnits: [{ Id: 'ou-ab12-sandbox01', Name: 'Sandbox' }] });
    const org = organization();
    expect(await org.unitsUnder('r-ab12')).toEqual({ units: [OU], next: 'u1' });
    expect(await org.unitsUnder('r-ab12', 'u1')).toEqual({ units: ['ou-ab12-sandbox01'] });
    expect(inputs(ListOrganizationalUnitsForParentCommand)).toEqual([
      { ParentId: 'r-ab12', MaxResults: 20 },
      { ParentId: 'r-ab12', MaxResults: 20, NextToken: 'u1' },
    ]);
  });

  it('reads a parent that is gone as an empty page', async () => {
    organizations.on(ListAccountsForParentCommand).rejects(new ParentNotFoundException({ message: 'gone', $metadata: metadata }));
    organizations
      .on(ListOrganizationalUnitsForParentCommand)
      .rejects(new ParentNotFoundException({ message: 'gone', $metadata: metadata }));
    expect(await organization().accountsUnder(OU)).toEqual({ accounts: [] });
    expect(await organization().unitsUnder(OU)).toEqual({ units: [] });
  });

  it('tells the parent of an account or OU, root or not, and undefined for a child that is gone', async () => {
    organizations
      .on(ListParentsCommand, { ChildId: '222222222222' })
      .resolves({ Parents: [{ Id: OU, Type: 'ORGANIZATIONAL_UNIT' }] })
      .on(ListParentsCommand, { ChildId: OU })
      .resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] })
      .on(ListParentsCommand, { ChildId: '999999999999' })
      .rejects(new ChildNotFoundException({ message: 'gone', $metadata: metadata }));
    const org = organization();
    expect(await org.parentOf('222222222222')).toEqual({ id: OU, isRoot: false });
    expect(await org.parentOf(OU)).toEqual({ id: 'r-ab12', isRoot: true });
    expect(await org.parentOf('999999999999')).toBeUndefined();
    expect(inputs(ListParentsCommand)).toEqual([{ ChildId: '222222222222' }, { ChildId: OU }, { ChildId: '999999999999' }]);
  });

  it("reads an account's tags, every page of them", async () => {
    organizations
      .on(ListTagsForResourceCommand, { ResourceId: '222222222222' })
      .resolvesOnce({ Tags: [{ Key: 'env', Value: 'prod' }], NextToken: 'g1' })
      .resolvesOnce({
        Tags: [
          { Key: 'contact-sync:exclude', Value: 'true' },
          { Key: 'empty', Value: '' },
        ],
      });
    const org = organization();
    expect(await org.tagsOf('222222222222')).toEqual({ env: 'prod', 'contact-sync:exclude': 'true', empty: '' });
    expect(inputs(ListTagsForResourceCommand)).toEqual([{ ResourceId: '222222222222' }, { ResourceId: '222222222222', NextToken: 'g1' }]);
  });

  // Tags that could not be read are never "no tags": read as none, an account tagged for exclusion would be written.
  it('fails a tag read whose account is not found (TargetNotFoundException), never reading it as no tags', async () => {
    organizations
      .on(ListTagsForResourceCommand, { ResourceId: '999999999999' })
      .rejects(new TargetNotFoundException({ message: 'gone', $metadata: metadata }));
    const read = organization().tagsOf('999999999999');
    await expect(read).rejects.toBeInstanceOf(AwsAdapterError);
    await expect(read).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Organizations ListTagsForResource found nothing of that id (TargetNotFoundException)',
    });
    expect(inputs(ListTagsForResourceCommand)).toEqual([{ ResourceId: '999999999999' }]);
  });

  it.each([
    ['no tag list', {}],
    ['a tag without a key', { Tags: [{ Key: '', Value: 'prod' }] }],
  ])('fails a tag read whose answer is malformed (%s)', async (_case, answer) => {
    organizations.on(ListTagsForResourceCommand).resolves(answer);
    await expect(organization().tagsOf('222222222222')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('fails a tag read when a later page fails, keeping none of the tags read before it', async () => {
    organizations
      .on(ListTagsForResourceCommand)
      .resolvesOnce({ Tags: [{ Key: 'env', Value: 'prod' }], NextToken: 'g1' })
      .rejectsOnce(new TargetNotFoundException({ message: 'gone', $metadata: metadata }));
    await expect(organization().tagsOf('222222222222')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(inputs(ListTagsForResourceCommand)).toEqual([{ ResourceId: '222222222222' }, { ResourceId: '222222222222', NextToken: 'g1' }]);
  });

  it.each([
    ['ListRoots', ListRootsCommand, (org: AwsOrganization) => org.rootId()],
    ['ListAccountsForParent', ListAccountsForParentCommand, (org: AwsOrganization) => org.accountsUnder(OU)],
    ['ListOrganizationalUnitsForParent', ListOrganizationalUnitsForParentCommand, (org: AwsOrganization) => org.unitsUnder(OU)],
    ['ListParents', ListParentsCommand, (org: AwsOrganization) => org.parentOf(OU)],
    ['ListTagsForResource', ListTagsForResourceCommand, (org: AwsOrganization) => org.tagsOf('222222222222')],
  ] as const)('explains a refused %s, naming the permission, and a throttled one', async (operation, command, call) => {
    organizations.on(command as never).rejectsOnce(new AccessDeniedException({ message: 'denied', $metadata: metadata }));
    const denied = call(organization());
    await expect(denied).rejects.toBeInstanceOf(AwsAdapterError);
    await expect(denied).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: `Organizations ${operation} was denied: run with management account credentials that allow organizations:${operation}`,
    });
    organizations.on(command as never).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: metadata }));
    await expect(call(organization())).rejects.toMatchObject({
      code: 'THROTTLED',
      message: `Organizations ${operation} was throttled (TooManyRequestsException)`,
    });
  });
});
