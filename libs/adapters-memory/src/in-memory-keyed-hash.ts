import { KeyedHashPort } from '@contact-sync/domain';
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';

/** The simulated deployment's fingerprint key. Public, so never a real deployment's. */
export const SIMULATED_FINGERPRINT_KEY = 'contact-sync simulated fingerprint key: public, not a secret';

/** HMAC-SHA-256 under a key given in code: the simulator's, or a test's. */
export class InMemoryKeyedHash implements KeyedHashPort {
  /** Imported once: preparing the key on every call was a third of each HMAC's cost. */
  private readonly key: KeyObject;

  constructor(key: string | Uint8Array = SIMULATED_FINGERPRINT_KEY) {
    this.key = createSecretKey(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
  }

  hmacSha256Hex(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('hex');
  }
}
