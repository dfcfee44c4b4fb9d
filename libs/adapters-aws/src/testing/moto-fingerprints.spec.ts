import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { ABSENT_FINGERPRINT } from '@contact-sync/domain';
import { createHmac } from 'node:crypto';
import { createSecretsManagerClient } from '../clients';
import { motoFingerprints } from './moto-fingerprints';
import { useMotoServer } from './use-moto-server';

const moto = useMotoServer();
beforeEach(() => moto.reset());

const CONTACT = {
  AlternateContactType: 'SECURITY',
  Name: 'Sam Secure',
  Title: 'lead',
  EmailAddress: 'sam@example.com',
  PhoneNumber: '+1 206 555 0100',
};
const storeKey = async (name: string, key: string) =>
  (await moto.client(createSecretsManagerClient).send(new CreateSecretCommand({ Name: name, SecretString: key }))).ARN as string;

describe('motoFingerprints', () => {
  it('fingerprints a contact with the HMAC of its canonical fields under the key in the secret', async () => {
    const key = 'k'.repeat(40);
    const fingerprintOf = await motoFingerprints(moto.clientOptions, await storeKey('one', key));
    const canonical =
      'AlternateContactType=SECURITY\nEmailAddress=sam@example.com\nName=Sam Secure\nPhoneNumber=+1 206 555 0100\nTitle=lead';
    expect(fingerprintOf(CONTACT)).toBe(`hmac:${createHmac('sha256', key).update(canonical).digest('hex').slice(0, 32)}`);
    expect(fingerprintOf(undefined)).toBe(ABSENT_FINGERPRINT);
  });

  it('gives another fingerprint under another key, and refuses a secret that does not exist', async () => {
    const one = await motoFingerprints(moto.clientOptions, await storeKey('one', 'a'.repeat(40)));
    const two = await motoFingerprints(moto.clientOptions, await storeKey('two', 'b'.repeat(40)));
    expect(one(CONTACT)).not.toBe(two(CONTACT));
    await expect(motoFingerprints(moto.clientOptions, 'missing')).rejects.toThrow();
  });
});
