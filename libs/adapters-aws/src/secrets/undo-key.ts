import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsAdapterError } from '../aws-adapter-error';
import { translateAwsError } from '../aws-error-translation';
import { AesGcmCipher } from './aes-gcm-cipher';

/**
 * The cipher of the members' previous values, on the deployment's undo key (Secrets Manager, a string
 * the stack generated; only the worker's and the rollback's roles may read it). Read once, when the
 * worker or the CLI starts. Errors name the call and the AWS error, never the secret's value.
 */
export async function loadUndoCipher(client: SecretsManagerClient, secretId: string): Promise<AesGcmCipher> {
  let secret: string | undefined;
  try {
    secret = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const { code: failure, name } = translateAwsError(error);
    const code = failure === 'ACCESS_DENIED' ? 'ACCESS_DENIED' : 'SECRET_UNAVAILABLE';
    throw new AwsAdapterError(code, `Secrets Manager GetSecretValue of the undo key failed: ${name}`, { cause: error });
  }
  if (secret === undefined) throw new AwsAdapterError('INVALID_SECRET', 'the undo key secret holds no string');
  return new AesGcmCipher(secret);
}
