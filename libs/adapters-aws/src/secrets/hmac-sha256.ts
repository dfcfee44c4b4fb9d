import { KeyedHashPort } from '@contact-sync/domain';
import { createHmac } from 'node:crypto';
import { AwsAdapterError } from '../aws-adapter-error';

/** The shortest key accepted: 256 bits, SHA-256's own strength. */
export const MIN_FINGERPRINT_KEY_BYTES = 32;

/** HMAC-SHA-256 (Node's crypto) under a key held only here. */
export class HmacSha256 implements KeyedHashPort {
  private readonly key: Buffer;

  constructor(key: string | Uint8Array) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    if (this.key.length < MIN_FINGERPRINT_KEY_BYTES)
      throw new AwsAdapterError('INVALID_SECRET', `the fingerprint key must be at least ${MIN_FINGERPRINT_KEY_BYTES} bytes`);
  }

  hmacSha256Hex(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('hex');
  }
}
