import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { AlternateContact, ContactFingerprints } from '@contact-sync/domain';
import { createHmac } from 'node:crypto';
import { AwsClientOptions, createSecretsManagerClient } from '../clients';
import { RawAlternateContact } from './moto-organization';

/** The audit fingerprint of an alternate contact in the API's shape (undefined: unset). */
export type FingerprintOf = (contact: RawAlternateContact | undefined) => string;

/**
 * How the audit must fingerprint a contact: the HMAC-SHA-256 of the value as the domain reads it,
 * under the key held in the secret `secretId` in moto (read here, as the service reads it at its
 * start). The HMAC is Node's crypto, not the service's adapter, so the check stays independent of it.
 */
export async function motoFingerprints(options: AwsClientOptions, secretId: string): Promise<FingerprintOf> {
  const client = createSecretsManagerClient(options);
  let key: string | undefined;
  try {
    key = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } finally {
    client.destroy();
  }
  if (!key) throw new Error(`${secretId} holds no key`);
  const secret = key;
  const fingerprints = new ContactFingerprints({
    hmacSha256Hex: (text) => createHmac('sha256', secret).update(text, 'utf8').digest('hex'),
  });
  return (contact) => {
    if (!contact) return fingerprints.of(undefined);
    const parsed = AlternateContact.parse(contact);
    if (!parsed.ok) throw parsed.error;
    return fingerprints.of(parsed.value);
  };
}
