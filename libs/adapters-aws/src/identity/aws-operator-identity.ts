import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { isAccountId, OperatorIdentityPort, OrganizationIdentity } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { isOrganizationsNotInUse, translateAwsError } from '../aws-error-translation';

/**
 * The operator's identity from STS (GetCallerIdentity, which needs no permission) and the organization
 * from Organizations (DescribeOrganization), each asked once per command.
 */
export class AwsOperatorIdentity implements OperatorIdentityPort {
  private caller?: Promise<string>;
  private described?: Promise<OrganizationIdentity>;

  constructor(
    private readonly sts: STSClient,
    private readonly organizations: OrganizationsClient,
  ) {}

  callerArn(): Promise<string> {
    this.caller ??= this.askCaller().catch((error: unknown) => {
      this.caller = undefined;
      throw error;
    });
    return this.caller;
  }

  organization(): Promise<OrganizationIdentity> {
    this.described ??= this.askOrganization().catch((error: unknown) => {
      this.described = undefined;
      throw error;
    });
    return this.described;
  }

  private async askCaller(): Promise<string> {
    const { Arn } = await call('sts:GetCallerIdentity', () => this.sts.send(new GetCallerIdentityCommand({})));
    if (!Arn) throw new AwsAdapterError('INVALID_RESPONSE', 'sts:GetCallerIdentity returned no Arn');
    return Arn;
  }

  private async askOrganization(): Promise<OrganizationIdentity> {
    const { Organization } = await call('organizations:DescribeOrganization', () =>
      this.organizations.send(new DescribeOrganizationCommand({})),
    );
    const organizationId = Organization?.Id;
    const managementAccountId = Organization?.MasterAccountId;
    if (!organizationId || !managementAccountId || !isAccountId(managementAccountId))
      throw new AwsAdapterError('INVALID_RESPONSE', 'organizations:DescribeOrganization returned no organization id or management account');
    return { organizationId, managementAccountId };
  }
}

async function call<T>(operation: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (isOrganizationsNotInUse(error))
      throw new AwsAdapterError('NOT_IN_ORGANIZATION', `${operation}: the account is not in an organization`, { cause: error });
    const { code, name } = translateAwsError(error);
    const known = code === 'THROTTLED' || code === 'ACCESS_DENIED' || code === 'NOT_FOUND' ? code : 'UNKNOWN';
    throw new AwsAdapterError(known, `${operation} failed: ${name}`, { cause: error });
  }
}
