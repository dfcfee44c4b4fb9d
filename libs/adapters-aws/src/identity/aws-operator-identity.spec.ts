import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { AwsAdapterError } from '../aws-adapter-error';
import { AwsOperatorIdentity } from './aws-operator-identity';

const sts = mockClient(STSClient);
const organizations = mockClient(OrganizationsClient);
afterEach(() => {
  sts.reset();
  organizations.reset();
});

const ARN = 'arn:aws:sts::111111111111:assumed-role/PlatformAdmin/alice';
const identity = () => new AwsOperatorIdentity(new STSClient({ region: 'us-east-1' }), new OrganizationsClient({ region: 'us-east-1' }));

describe('AwsOperatorIdentity', () => {
  it('gives the caller ARN of GetCallerIdentity, asked once', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Arn: ARN, Account: '111111111111', UserId: 'AROAEXAMPLE:alice' });
    const port = identity();
    expect(await port.callerArn()).toBe(ARN);
    expect(await port.callerArn()).toBe(ARN);
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
    expect(sts).toHaveReceivedCommandWith(GetCallerIdentityCommand, {});
  });

  it('gives the organization id and management account of DescribeOrganization', async () => {
    organizations
      .on(DescribeOrganizationCommand)
      .resolves({ Organization: { Id: 'o-a1b2c3d4e5', MasterAccountId: '111111111111', FeatureSet: 'ALL' } });
    expect(await identity().organization()).toEqual({ organizationId: 'o-a1b2c3d4e5', managementAccountId: '111111111111' });
    expect(organizations).toHaveReceivedCommandWith(DescribeOrganizationCommand, {});
  });

  it('names the operation and the error, with a stable code, and asks again after a failure', async () => {
    const denied = new AccessDeniedException({ message: 'not allowed', $metadata: { httpStatusCode: 403 } });
    organizations
      .on(DescribeOrganizationCommand)
      .rejectsOnce(denied)
      .resolves({ Organization: { Id: 'o-a1b2c3d4e5', MasterAccountId: '111111111111' } });
    const port = identity();
    const failure = await port.organization().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AwsAdapterError);
    expect(failure).toMatchObject({ code: 'ACCESS_DENIED', message: 'organizations:DescribeOrganization failed: AccessDeniedException' });
    expect(await port.organization()).toMatchObject({ organizationId: 'o-a1b2c3d4e5' });
  });

  it('says when the account is in no organization', async () => {
    organizations
      .on(DescribeOrganizationCommand)
      .rejects(new AWSOrganizationsNotInUseException({ message: 'not in use', $metadata: { httpStatusCode: 400 } }));
    await expect(identity().organization()).rejects.toMatchObject({ code: 'NOT_IN_ORGANIZATION' });
  });

  it('refuses an answer without an ARN or an organization', async () => {
    sts.on(GetCallerIdentityCommand).resolves({});
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-a1b2c3d4e5' } });
    await expect(identity().callerArn()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    await expect(identity().organization()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});
