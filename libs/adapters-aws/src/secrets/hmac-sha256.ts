import { KeyedHashPort } from '@contact-sync/domain';
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import { AwsAdapterError } from '../aws-adapter-error';

/** The shortest key accepted: 256 bits, SHA-256's own strength. */
export const MIN_FINGERPRINT_KEY_BYTES = 32;

/** HMAC-SHA-256 (Node's crypto) under a key held only here. */
export class HmacSha256 implements KeyedHashPort {
  /** Imported once into a key object: not prepared again for every fingerprint. */
  private readonly key: KeyObject;

  constructor(key: string | Uint8Array) {
    const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    if (bytes.length < MIN_FINGERPRINT_KEY_BYTES)
      throw new AwsAdapterError('INVALID_SECRET', `the fingerprint key must be at least ${MIN_FINGERPRINT_KEY_BYTES} bytes`);
    this.key = createSecretKey(bytes);
  }

  hmacSha256Hex(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('hex');
  }
}
