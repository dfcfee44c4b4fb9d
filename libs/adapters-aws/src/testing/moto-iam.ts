import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClientOptions } from '../clients';

/** An IAM policy document, as a template or `iam put-role-policy` gives it. */
export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly Readonly<Record<string, unknown>>[];
}

/** Credentials that sign requests as one identity of moto's IAM; `sessionToken` for an assumed role. */
export interface MotoCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const config = (options: AwsClientOptions) => ({
  region: options.region ?? 'us-east-1',
  ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
});

/**
 * Creates a role with these inline policies in moto's IAM and assumes it through STS, as Lambda
 * assumes a function's role: the returned credentials act as that role once IAM is enforced.
 */
export async function assumeMotoRole(
  options: AwsClientOptions,
  roleName: string,
  trust: unknown,
  policies: Readonly<Record<string, PolicyDocument>>,
): Promise<MotoCredentials> {
  const iam = new IAMClient(config(options));
  const sts = new STSClient(config(options));
  try {
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) }));
    for (const [PolicyName, document] of Object.entries(policies))
      await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName, PolicyDocument: JSON.stringify(document) }));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: Role?.Arn, RoleSessionName: roleName.slice(0, 64), DurationSeconds: 3600 }),
    );
    return {
      accessKeyId: Credentials?.AccessKeyId as string,
      secretAccessKey: Credentials?.SecretAccessKey as string,
      sessionToken: Credentials?.SessionToken as string,
    };
  } finally {
    iam.destroy();
    sts.destroy();
  }
}

/**
 * Creates an IAM user allowed every action (the operator, or the AWS service itself, in a test) and
 * returns its access key: the one identity, besides the assumed roles, that moto accepts once IAM is
 * enforced (the dummy credentials are then refused as an unknown access key).
 */
export async function createMotoAdministrator(options: AwsClientOptions, userName = 'test-administrator'): Promise<MotoCredentials> {
  const iam = new IAMClient(config(options));
  try {
    await iam.send(new CreateUserCommand({ UserName: userName }));
    const everything: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'everything', PolicyDocument: JSON.stringify(everything) }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    return { accessKeyId: AccessKey?.AccessKeyId as string, secretAccessKey: AccessKey?.SecretAccessKey as string };
  } finally {
    iam.destroy();
  }
}

/**
 * Turns moto's IAM enforcement on or off (`POST /moto-api/reset-auth`, the switch behind
 * `INITIAL_NO_AUTH_ACTION_COUNT`). On, every request must be signed by a known identity and its
 * action allowed by that identity's policies; off, moto accepts any credentials.
 */
export async function enforceMotoIam(endpoint: string, on: boolean): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: on ? '0' : 'inf' });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`moto did not ${on ? 'enforce' : 'stop enforcing'} IAM: HTTP ${response.status}`);
}
