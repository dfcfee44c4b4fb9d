import { AwsAdapterError } from '@contact-sync/adapters-aws';
import { ContactApiError } from '@contact-sync/domain';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnoseAwsFailure, isRegionName, profileExists } from './aws-diagnosis';
import { describeError } from './render-error';

const dir = mkdtempSync(join(tmpdir(), 'contact-sync-profiles-'));
const configFile = join(dir, 'config');
const credentialsFile = join(dir, 'credentials');
writeFileSync(configFile, '[default]\nregion = us-east-1\n[profile  ops-admin ]\nsso_session = corp\n[sso-session corp]\n');
writeFileSync(credentialsFile, '[legacy]\naws_access_key_id = AKIAEXAMPLE\n');
const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile };

/** An SDK failure as the DynamoDB adapter wraps it. */
const wrapped = (cause: Error) => new AwsAdapterError('STORAGE_FAILED', `DynamoDB GetItem failed: ${cause.name}`, { cause });
const systemError = (code: string, hostname?: string) =>
  Object.assign(new Error(`getaddrinfo ${code} ${hostname ?? ''}`), { code, ...(hostname ? { hostname } : {}), $metadata: {} });
const named = (name: string, message = 'the service said something') => Object.assign(new Error(message), { name });

describe('diagnoseAwsFailure', () => {
  it('says a DNS failure is one, with the host and the Region to check', () => {
    expect(diagnoseAwsFailure(wrapped(systemError('ENOTFOUND', 'dynamodb.eu-west-3.amazonaws.com')), { region: 'eu-west-3', env })).toEqual(
      {
        code: 'AWS_UNREACHABLE',
        message:
          "cannot resolve dynamodb.eu-west-3.amazonaws.com (DNS lookup failed): check the network connection, and that eu-west-3 (--region or AWS_REGION) is the Region of the stack's tables",
      },
    );
  });

  it('says a refused or timed out connection is one, through the domain and the adapter wrapping it', () => {
    const contacts = new ContactApiError('TRANSIENT', 'GetAlternateContact', undefined, { cause: systemError('ECONNREFUSED') });
    expect(diagnoseAwsFailure(contacts, { env })).toMatchObject({
      code: 'AWS_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(diagnoseAwsFailure(wrapped(named('TimeoutError')), { env })).toMatchObject({ code: 'AWS_UNREACHABLE' });
  });

  it('names a profile that is in neither shared file, and one that is there but gave no credentials', () => {
    const noCredentials = wrapped(named('CredentialsProviderError', 'Could not load credentials from any providers'));
    expect(diagnoseAwsFailure(noCredentials, { profile: 'nope', env })).toEqual({
      code: 'AWS_PROFILE_NOT_FOUND',
      message: `the AWS profile "nope" (--profile) is in neither ${configFile} nor ${credentialsFile}: aws configure list-profiles lists the profiles there`,
    });
    expect(diagnoseAwsFailure(noCredentials, { env: { ...env, AWS_PROFILE: 'nope' } })?.message).toContain('"nope" (AWS_PROFILE)');
    expect(diagnoseAwsFailure(noCredentials, { profile: 'ops-admin', env })).toEqual({
      code: 'AWS_CREDENTIALS_MISSING',
      message:
        'the AWS profile "ops-admin" (--profile) gave no credentials: sign in (aws sso login --profile ops-admin) or check its settings (aws configure list --profile ops-admin)',
    });
    expect(diagnoseAwsFailure(noCredentials, { env })).toEqual({
      code: 'AWS_CREDENTIALS_MISSING',
      message: 'no AWS credentials found: sign in (aws sso login, or aws configure), then pass --profile NAME or set AWS_PROFILE',
    });
  });

  it('says an expired session is one, whether the service or the SSO token provider says so', () => {
    expect(diagnoseAwsFailure(wrapped(named('ExpiredTokenException')), { profile: 'ops-admin', env })).toEqual({
      code: 'AWS_CREDENTIALS_EXPIRED',
      message: 'the AWS session has expired: sign in again (aws sso login --profile ops-admin) and retry',
    });
    const sso = named('TokenProviderError', 'The SSO session token has expired. Refresh it.');
    expect(diagnoseAwsFailure(sso, { profile: 'ops-admin', env })?.code).toBe('AWS_CREDENTIALS_EXPIRED');
  });

  it('says AWS refused the credentials, by the error name, never its message', () => {
    const refused = wrapped(named('UnrecognizedClientException', 'The security token included in the request is invalid: sam@example.com'));
    const diagnosis = diagnoseAwsFailure(refused, { env });
    expect(diagnosis).toMatchObject({ code: 'AWS_CREDENTIALS_REJECTED', message: expect.stringContaining('UnrecognizedClientException') });
    expect(diagnosis?.message).not.toContain('sam@example.com');
  });

  it('leaves alone what it cannot explain', () => {
    expect(diagnoseAwsFailure(wrapped(named('ValidationException')), { env })).toBeUndefined();
    expect(diagnoseAwsFailure('nope', { env })).toBeUndefined();
  });
});

describe('describeError', () => {
  it('gives the diagnosis when there is one, else the adapter message and code, else a name and where to look', () => {
    expect(describeError(wrapped(systemError('EAI_AGAIN', 'sts.amazonaws.com')), { env })).toMatchObject({
      code: 'AWS_UNREACHABLE',
      exitCode: 1,
    });
    expect(describeError(wrapped(named('ValidationException')), { env })).toEqual({
      code: 'STORAGE_FAILED',
      message: 'DynamoDB GetItem failed: ValidationException',
      exitCode: 1,
    });
    expect(describeError(wrapped(named('ResourceNotFoundException')), { env })).toMatchObject({ code: 'AWS_RESOURCE_NOT_FOUND' });
    expect(describeError(named('TypeError', 'x is undefined; sam@example.com'), { env })).toEqual({
      code: 'UNEXPECTED',
      message: 'unexpected failure (TypeError): run with --debug for details',
      exitCode: 1,
    });
  });

  it('says a table is missing only when DynamoDB says so: a missing secret keeps the adapter message', () => {
    const secretMissing = new AwsAdapterError(
      'SECRET_UNAVAILABLE',
      'Secrets Manager GetSecretValue of the fingerprint key failed: ResourceNotFoundException',
      { cause: named('ResourceNotFoundException') },
    );
    expect(describeError(secretMissing, { env })).toEqual({
      code: 'SECRET_UNAVAILABLE',
      message: 'Secrets Manager GetSecretValue of the fingerprint key failed: ResourceNotFoundException',
      exitCode: 1,
    });
  });
});

describe('profileExists', () => {
  it('finds [profile NAME] and [default] in the config file, and [NAME] in the credentials file', () => {
    expect(profileExists('ops-admin', env)).toBe(true);
    expect(profileExists('default', env)).toBe(true);
    expect(profileExists('legacy', env)).toBe(true);
    expect(profileExists('corp', env)).toBe(false);
    expect(profileExists('nope', env)).toBe(false);
    expect(profileExists('nope', { AWS_CONFIG_FILE: join(dir, 'missing'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing') })).toBe(false);
  });
});

describe('isRegionName', () => {
  it.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'ap-southeast-7', 'eusc-de-east-1'])('takes %s', (region) =>
    expect(isRegionName(region)).toBe(true),
  );
  it.each(['nowhere-1', 'us-east', 'US-EAST-1', 'us east 1', ''])('refuses "%s"', (region) => expect(isRegionName(region)).toBe(false));
});
