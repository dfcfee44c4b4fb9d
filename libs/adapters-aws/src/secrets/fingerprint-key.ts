import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsAdapterError } from '../aws-adapter-error';
import { translateAwsError } from '../aws-error-translation';
import { HmacSha256 } from './hmac-sha256';

/**
 * The keyed hash of the audit fingerprints, on the deployment's secret (Secrets Manager, a string the
 * stack generated). Read once, when a function or the CLI starts. Errors name the call and the AWS
 * error, never the secret's value.
 */
export async function loadKeyedHash(client: SecretsManagerClient, secretId: string): Promise<HmacSha256> {
  let secret: string | undefined;
  try {
    secret = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const { code: failure, name } = translateAwsError(error);
    const code = failure === 'ACCESS_DENIED' ? 'ACCESS_DENIED' : 'SECRET_UNAVAILABLE';
    throw new AwsAdapterError(code, `Secrets Manager GetSecretValue of the fingerprint key failed: ${name}`, {
      cause: error,
    });
  }
  if (secret === undefined) throw new AwsAdapterError('INVALID_SECRET', 'the fingerprint key secret holds no string');
  return new HmacSha256(secret);
}
