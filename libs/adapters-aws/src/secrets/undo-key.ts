import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AesGcmCipher } from './aes-gcm-cipher';
import { readSecretString } from './secret-string';

/**
 * The cipher of the members' previous values, on the deployment's undo key (Secrets Manager, a string
 * the stack generated; only the worker's and the rollback's roles may read it). Read once, when the
 * worker or the CLI starts. Errors name the call and the AWS error, never the secret's value.
 */
export async function loadUndoCipher(client: SecretsManagerClient, secretId: string): Promise<AesGcmCipher> {
  return new AesGcmCipher(await readSecretString(client, secretId, 'the undo key'));
}
