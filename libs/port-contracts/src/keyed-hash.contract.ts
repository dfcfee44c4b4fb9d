import { KeyedHashPort } from '@contact-sync/domain';

/**
 * The behaviour every {@link KeyedHashPort} shares: HMAC-SHA-256 of the text's UTF-8 bytes, so that
 * the workers, the CLI and the simulator fingerprint alike. `make` returns the port under `key`.
 * Call inside a test file; it declares its own `describe` block.
 */
export function keyedHashContract(adapterName: string, make: (key: Uint8Array) => KeyedHashPort): void {
  describe(`KeyedHashPort contract: ${adapterName}`, () => {
    const key = new Uint8Array(131).fill(0xaa);

    it('computes HMAC-SHA-256 (RFC 4231, test cases 6 and 7)', () => {
      const port = make(key);
      expect(port.hmacSha256Hex('Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
        '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      );
      expect(
        port.hmacSha256Hex(
          'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
        ),
      ).toBe('9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2');
    });

    it('hashes the UTF-8 bytes of the text', () => {
      expect(make(key).hmacSha256Hex('Name=José Müller 山田')).toBe('f9e0dcb8c7beec2117f7a4905478e71a7b6537e21db5ee53612a480c4ad53651');
    });

    it('depends on every byte of the key', () => {
      const other = key.slice();
      other[other.length - 1] = 0xab;
      expect(make(other).hmacSha256Hex('Name=Sam Secure')).not.toBe(make(key).hmacSha256Hex('Name=Sam Secure'));
    });
  });
}
