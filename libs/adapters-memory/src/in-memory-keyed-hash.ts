import { KeyedHashPort } from '@contact-sync/domain';
import { createHmac } from 'node:crypto';

/** The simulated deployment's fingerprint key. Public, so never a real deployment's. */
export const SIMULATED_FINGERPRINT_KEY = 'contact-sync simulated fingerprint key: public, not a secret';

/** HMAC-SHA-256 under a key given in code: the simulator's, or a test's. */
export class InMemoryKeyedHash implements KeyedHashPort {
  constructor(private readonly key: string | Uint8Array = SIMULATED_FINGERPRINT_KEY) {}

  hmacSha256Hex(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('hex');
  }
}
