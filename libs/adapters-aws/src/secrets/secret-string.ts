import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsAdapterError } from '../aws-adapter-error';
import { translateAwsError } from '../aws-error-translation';

/**
 * The string a key secret holds, read with GetSecretValue. `what` names the key in errors (`the undo
 * key`); errors name the call and the AWS error, never the secret's value.
 */
export async function readSecretString(client: SecretsManagerClient, secretId: string, what: string): Promise<string> {
  let secret: string | undefined;
  try {
    secret = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const { code: failure, name } = translateAwsError(error);
    const code = failure === 'ACCESS_DENIED' ? 'ACCESS_DENIED' : 'SECRET_UNAVAILABLE';
    throw new AwsAdapterError(code, `Secrets Manager GetSecretValue of ${what} failed: ${name}`, { cause: error });
  }
  if (secret === undefined) throw new AwsAdapterError('INVALID_SECRET', `${what} secret holds no string`);
  return secret;
}
