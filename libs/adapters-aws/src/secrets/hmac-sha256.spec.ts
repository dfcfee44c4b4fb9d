import { keyedHashContract } from '@contact-sync/port-contracts';
import { HmacSha256 } from './hmac-sha256';

keyedHashContract('HmacSha256', (key) => new HmacSha256(key));

describe('HmacSha256', () => {
  it('refuses a key shorter than 32 bytes, without showing it', () => {
    expect(() => new HmacSha256('short-key')).toThrow(
      expect.objectContaining({ code: 'INVALID_SECRET', message: 'the fingerprint key must be at least 32 bytes' }),
    );
    expect(() => new HmacSha256('k'.repeat(32))).not.toThrow();
  });
});
