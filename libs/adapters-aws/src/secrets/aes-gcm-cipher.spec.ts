import { GetSecretValueCommand, SecretsManagerClient, SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { cipherContract } from '@contact-sync/port-contracts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { AesGcmCipher } from './aes-gcm-cipher';
import { loadUndoCipher } from './undo-key';

cipherContract('AesGcmCipher', (key) => new AesGcmCipher(key));

const secrets = mockClient(SecretsManagerClient);
afterEach(() => secrets.reset());

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:UndoKeySecret-AbCdEf';
const KEY = 'Zq4v8WmA1cK3nP7rT2yB6dF9hJ0lX5sE8uG1iO4kM7pR2wV6zC9bN3qT5xH8jL0a';
const load = () => loadUndoCipher(new SecretsManagerClient({ region: 'us-east-1' }), SECRET_ARN);

describe('AesGcmCipher', () => {
  it('writes the versioned format, with a 96-bit IV and a 128-bit tag', () => {
    const [format, iv, body, tag] = new AesGcmCipher(KEY).seal('hello', 'ctx').split('.');
    expect(format).toBe('v1');
    expect(Buffer.from(iv as string, 'base64url')).toHaveLength(12);
    expect(Buffer.from(body as string, 'base64url')).toHaveLength(5);
    expect(Buffer.from(tag as string, 'base64url')).toHaveLength(16);
  });

  it('refuses a key shorter than 256 bits, and a sealed text of another format, with stable codes and no value', () => {
    expect(() => new AesGcmCipher('hunter2')).toThrow(expect.objectContaining({ code: 'INVALID_SECRET' }));
    expect(() => new AesGcmCipher(KEY).open('v2.a.b.c', 'ctx')).toThrow(expect.objectContaining({ code: 'INVALID_SEALED_VALUE' }));
  });
});

describe('loadUndoCipher', () => {
  it('reads the secret once, and seals under it', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: KEY, ARN: SECRET_ARN });
    const cipher = await load();
    expect(new AesGcmCipher(KEY).open(cipher.seal('Name=Sam Secure', 'ctx'), 'ctx')).toBe('Name=Sam Secure');
    expect(secrets.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: SECRET_ARN }]);
  });

  it('fails with a stable code naming the call and the error only', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejects(new SecretsManagerServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: {}, message: 'no' }));
    await expect(load()).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      message: 'Secrets Manager GetSecretValue of the undo key failed: AccessDeniedException',
    });
  });

  it('refuses a secret with no string', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array(64) });
    await expect(load()).rejects.toMatchObject({ code: 'INVALID_SECRET', message: 'the undo key secret holds no string' });
  });
});
