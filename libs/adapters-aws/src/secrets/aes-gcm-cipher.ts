import { CipherPort } from '@contact-sync/domain';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AwsAdapterError } from '../aws-adapter-error';

/** The shortest undo key accepted: 256 bits. */
export const MIN_UNDO_KEY_BYTES = 32;

/** The version of the sealed format, first in every sealed text: a later format or key can be told apart. */
const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM (Node's crypto) under a key derived (HKDF-SHA-256) from the deployment's undo secret,
 * held only here. Each value gets a fresh random 96-bit IV; the context is the additional
 * authenticated data, so a sealed text opens only for the record it was sealed for. Sealed text:
 * `v1.<iv>.<ciphertext>.<tag>`, base64url.
 */
export class AesGcmCipher implements CipherPort {
  private readonly key: Buffer;

  constructor(secret: string | Uint8Array) {
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (bytes.length < MIN_UNDO_KEY_BYTES)
      throw new AwsAdapterError('INVALID_SECRET', `the undo key must be at least ${MIN_UNDO_KEY_BYTES} bytes`);
    this.key = Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), 'contact-sync previous values v1', 32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, iv, body, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  open(sealed: string, context: string): string {
    const [format, iv, body, tag, ...rest] = sealed.split('.');
    if (format !== FORMAT || iv === undefined || body === undefined || tag === undefined || rest.length > 0)
      throw new AwsAdapterError('INVALID_SEALED_VALUE', 'the sealed value is not in a known format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new AwsAdapterError('INVALID_SEALED_VALUE', 'the sealed value does not open under this key and record');
    }
  }
}
