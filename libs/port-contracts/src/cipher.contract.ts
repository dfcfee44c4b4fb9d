import { CipherPort } from '@contact-sync/domain';

/**
 * The behaviour every {@link CipherPort} shares: what is sealed opens only under the same key and
 * context, holds nothing of the plaintext, and differs each time. `make` returns the port under `key`
 * (at least 32 characters). Call inside a test file; it declares its own `describe` block.
 */
export function cipherContract(adapterName: string, make: (key: string) => CipherPort): void {
  describe(`CipherPort contract: ${adapterName}`, () => {
    const key = 'k'.repeat(40);
    const plain = '{"props":{"Name":"José Müller 山田","EmailAddress":"jose@example.com","PhoneNumber":"+1 206 555 0100"}}';
    const context = 'contact-sync previous value run-1#111122223333#SECURITY';

    it('opens what it sealed, under the same key and context', () => {
      const port = make(key);
      expect(port.open(port.seal(plain, context), context)).toBe(plain);
      expect(make(key).open(port.seal('', context), context)).toBe('');
    });

    it('holds nothing of the plaintext, and seals the same text differently each time', () => {
      const port = make(key);
      const sealed = port.seal(plain, context);
      for (const part of ['José', 'jose@example.com', '206 555', 'EmailAddress']) expect(sealed).not.toContain(part);
      expect(port.seal(plain, context)).not.toBe(sealed);
    });

    it('refuses another context, another key, or a sealed text altered anywhere', () => {
      const port = make(key);
      const sealed = port.seal(plain, context);
      expect(() => port.open(sealed, `${context}x`)).toThrow();
      expect(() => make(`${key}x`).open(sealed, context)).toThrow();
      // Each character changed in its top bit (a base64 character's last bits may be padding, which a decoder ignores).
      const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const flipped = (c: string) => (ALPHABET.includes(c) ? (ALPHABET[(ALPHABET.indexOf(c) + 32) % 64] as string) : c === '.' ? 'A' : '.');
      for (let i = 0; i < sealed.length; i += 1) {
        const altered = `${sealed.slice(0, i)}${flipped(sealed[i] as string)}${sealed.slice(i + 1)}`;
        expect(() => port.open(altered, context)).toThrow();
      }
    });

    it('never puts the plaintext in what it throws', () => {
      const port = make(key);
      const sealed = port.seal(plain, context);
      try {
        make(`${key}x`).open(sealed, context);
      } catch (error) {
        expect(String((error as Error).message)).not.toContain('jose@example.com');
      }
    });
  });
}
