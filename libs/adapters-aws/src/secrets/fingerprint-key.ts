import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { HmacSha256 } from './hmac-sha256';
import { readSecretString } from './secret-string';

/**
 * The keyed hash of the audit fingerprints, on the deployment's secret (Secrets Manager, a string the
 * stack generated). Read once, when a function or the CLI starts. Errors name the call and the AWS
 * error, never the secret's value.
 */
export async function loadKeyedHash(client: SecretsManagerClient, secretId: string): Promise<HmacSha256> {
  return new HmacSha256(await readSecretString(client, secretId, 'the fingerprint key'));
}
