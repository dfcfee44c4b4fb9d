import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createHmac } from 'node:crypto';
import { loadKeyedHash } from './fingerprint-key';

const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:FingerprintSecret-AbCdEf';
const KEY = 'Zq4v8WmA1cK3nP7rT2yB6dF9hJ0lX5sE8uG1iO4kM7pR2wV6zC9bN3qT5xH8jL0a';
const $metadata = { httpStatusCode: 400, requestId: 'r-1' };
const load = () => loadKeyedHash(new SecretsManagerClient({ region: 'us-east-1' }), SECRET_ARN);

describe('loadKeyedHash', () => {
  it('reads the secret once, and hashes under it', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: KEY, ARN: SECRET_ARN });
    const hash = await load();
    expect(hash.hmacSha256Hex('Name=Sam Secure')).toBe(createHmac('sha256', KEY).update('Name=Sam Secure').digest('hex'));
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: SECRET_ARN }]);
  });

  it.each([
    [
      'AccessDeniedException',
      () => new SecretsManagerServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata, message: 'not authorized' }),
      'ACCESS_DENIED',
    ],
    ['ResourceNotFoundException', () => new ResourceNotFoundException({ message: 'no such secret', $metadata }), 'SECRET_UNAVAILABLE'],
  ])('fails with a stable code on %s, naming the call and the error only', async (name, failure, code) => {
    secrets.on(GetSecretValueCommand).rejects(failure());
    await expect(load()).rejects.toMatchObject({
      name: 'AwsAdapterError',
      code,
      message: `Secrets Manager GetSecretValue of the fingerprint key failed: ${name}`,
    });
  });

  it('refuses a secret with no string, or one too short to be a key, without showing it', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretBinary: new Uint8Array(64) })
      .resolvesOnce({ SecretString: 'hunter2' });
    await expect(load()).rejects.toMatchObject({ code: 'INVALID_SECRET', message: 'the fingerprint key secret holds no string' });
    const short = load();
    await expect(short).rejects.toMatchObject({ code: 'INVALID_SECRET' });
    await expect(short).rejects.not.toHaveProperty('message', expect.stringContaining('hunter2'));
  });
});
