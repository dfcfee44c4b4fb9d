import {
  AccessDeniedException,
  AccountNotFoundException,
  AWSOrganizationsNotInUseException,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
  OrganizationsServiceException,
  ServiceException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { MemberAccount } from '@contact-sync/domain';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { AwsAdapterError } from '../aws-adapter-error';
import { AwsOrganization } from './aws-organization';

const organizations = mockClient(OrganizationsClient);
afterEach(() => organizations.reset());

const metadata = { requestId: 'req-9', httpStatusCode: 400 };
const MANAGEMENT = '111111111111';
const joined = new Date('2024-05-01T10:00:00.000Z');
const apiAccount = (id: string, state: string) => ({
  Id: id,
  Name: `acct-${id}`,
  State: state as 'ACTIVE',
  Status: 'ACTIVE' as const,
  JoinedTimestamp: joined,
  Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-x/${id}`,
});
const member = (id: string, state: MemberAccount['state']): MemberAccount => ({
  id,
  name: `acct-${id}`,
  state,
  joinedAt: joined.toISOString(),
  isManagement: id === MANAGEMENT,
});

async function collect(org: AwsOrganization): Promise<MemberAccount[][]> {
  const pages: MemberAccount[][] = [];
  for await (const page of org.accountPages()) pages.push([...page.accounts]);
  return pages;
}

describe('AwsOrganization', () => {
  beforeEach(() => {
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-x', MasterAccountId: MANAGEMENT } });
  });

  it('follows every page, empty ones included, in pages of 20, with the state from State', async () => {
    const responses = [
      { Accounts: [apiAccount(MANAGEMENT, 'ACTIVE'), apiAccount('222222222222', 'SUSPENDED')], NextToken: 't1' },
      { Accounts: [], NextToken: 't2' },
      { Accounts: [apiAccount('333333333333', 'PENDING_CLOSURE')] },
    ];
    // The paginator reuses one input object, so each request is copied as it is sent.
    const requests: unknown[] = [];
    organizations.on(ListAccountsCommand).callsFake((input) => {
      requests.push({ ...input });
      return responses.shift();
    });
    const pages = await collect(new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' })));
    expect(pages).toEqual([
      [member(MANAGEMENT, 'ACTIVE'), member('222222222222', 'SUSPENDED')],
      [],
      [member('333333333333', 'PENDING_CLOSURE')],
    ]);
    expect(requests).toEqual([{ MaxResults: 20 }, { MaxResults: 20, NextToken: 't1' }, { MaxResults: 20, NextToken: 't2' }]);
  });

  it('asks DescribeOrganization once for the management account id', async () => {
    const org = new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' }));
    expect(await org.managementAccountId()).toBe(MANAGEMENT);
    expect(await org.managementAccountId()).toBe(MANAGEMENT);
    expect(organizations).toHaveReceivedCommandTimes(DescribeOrganizationCommand, 1);
    expect(organizations).toHaveReceivedCommandWith(DescribeOrganizationCommand, {});
  });

  it('describes one account, the management account marked from the ARN alone, and answers undefined for one not in the organization', async () => {
    organizations
      .on(DescribeAccountCommand, { AccountId: '222222222222' })
      .resolves({ Account: apiAccount('222222222222', 'SUSPENDED') })
      .on(DescribeAccountCommand, { AccountId: MANAGEMENT })
      .resolves({ Account: apiAccount(MANAGEMENT, 'ACTIVE') })
      .on(DescribeAccountCommand, { AccountId: '999999999999' })
      .rejects(new AccountNotFoundException({ message: 'none', $metadata: metadata }));
    const org = new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' }));
    expect(await org.describeAccount('222222222222')).toEqual(member('222222222222', 'SUSPENDED'));
    expect(await org.describeAccount(MANAGEMENT)).toEqual(member(MANAGEMENT, 'ACTIVE'));
    expect(await org.describeAccount('999999999999')).toBeUndefined();
    expect(organizations.commandCalls(DescribeAccountCommand).map((c) => c.args[0].input)).toEqual([
      { AccountId: '222222222222' },
      { AccountId: MANAGEMENT },
      { AccountId: '999999999999' },
    ]);
    // The worker's role does not allow DescribeOrganization: describing an account must not need it.
    expect(organizations).not.toHaveReceivedCommand(DescribeOrganizationCommand);
  });

  it('rejects a described account whose ARN names no management account', async () => {
    organizations.on(DescribeAccountCommand).resolves({ Account: { ...apiAccount('222222222222', 'ACTIVE'), Arn: undefined } });
    const org = new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' }));
    await expect(org.describeAccount('222222222222')).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: 'Organizations DescribeAccount returned an account without a valid Arn',
    });
  });

  it.each([
    [
      'AccessDeniedException',
      new AccessDeniedException({ message: 'denied', $metadata: metadata }),
      'ACCESS_DENIED',
      /organizations:ListAccounts/,
    ],
    [
      'TooManyRequestsException',
      new TooManyRequestsException({ message: 'slow down', $metadata: metadata }),
      'THROTTLED',
      /^Organizations ListAccounts was throttled \(TooManyRequestsException\)$/,
    ],
    [
      'an unnamed HTTP 403',
      new OrganizationsServiceException({ name: 'SomethingNew', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: '?' }),
      'ACCESS_DENIED',
      /organizations:ListAccounts/,
    ],
    [
      'ServiceException',
      new ServiceException({ message: 'oops', $metadata: metadata }),
      'UNKNOWN',
      /^Organizations ListAccounts failed: ServiceException$/,
    ],
    [
      'AWSOrganizationsNotInUseException',
      new AWSOrganizationsNotInUseException({ message: 'no org', $metadata: metadata }),
      'NOT_IN_ORGANIZATION',
      /not a member of an organization/,
    ],
  ])('explains %s', async (_name, error, code, message) => {
    organizations.on(ListAccountsCommand).rejects(error);
    const failure = collect(new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' })));
    await expect(failure).rejects.toBeInstanceOf(AwsAdapterError);
    await expect(failure).rejects.toMatchObject({ code, message: expect.stringMatching(message), cause: error });
    expect(organizations.commandCalls(ListAccountsCommand).map((c) => c.args[0].input)).toEqual([{ MaxResults: 20 }]);
  });

  it('asks DescribeOrganization again after it failed', async () => {
    organizations
      .on(DescribeOrganizationCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'x', $metadata: metadata }))
      .resolves({ Organization: { MasterAccountId: MANAGEMENT } });
    const org = new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' }));
    await expect(org.managementAccountId()).rejects.toMatchObject({ code: 'THROTTLED' });
    expect(await org.managementAccountId()).toBe(MANAGEMENT);
  });

  it('rejects an account without a valid State, naming the field', async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [{ ...apiAccount('222222222222', 'ACTIVE'), State: undefined }] });
    await expect(collect(new AwsOrganization(new OrganizationsClient({ region: 'us-east-1' })))).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      message: expect.stringMatching(/state/),
    });
  });
});
