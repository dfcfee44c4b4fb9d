import { createHash, createHmac } from 'node:crypto';
import { KeyedHashPort } from '../ports/keyed-hash.port';
import { AlternateContact } from '../contacts/alternate-contact';
import { ABSENT_FINGERPRINT, ContactFingerprints } from './fingerprint';

/** HMAC-SHA-256 under `key`, as the adapters compute it. */
const hmacUnder = (key: string): KeyedHashPort => ({
  hmacSha256Hex: (text) => createHmac('sha256', key).update(text, 'utf8').digest('hex'),
});
const KEY = 'fingerprint-test-key-0123456789abcdef';
const sam = AlternateContact.of({
  AlternateContactType: 'SECURITY',
  Name: 'Sam Secure',
  Title: 'CISO',
  EmailAddress: 'sam@example.com',
  PhoneNumber: '+1 206 555 0100',
});
const CANONICAL = 'AlternateContactType=SECURITY\nEmailAddress=sam@example.com\nName=Sam Secure\nPhoneNumber=+1 206 555 0100\nTitle=CISO';

describe('ContactFingerprints', () => {
  it('is the HMAC-SHA-256 of the canonical value under the key, cut to 128 bits', () => {
    expect(new ContactFingerprints(hmacUnder(KEY)).of(sam)).toBe('hmac:eeada695f31b7b4fc05e111ea496d864');
  });

  it('is not the plain SHA-256 that anyone could recompute by guessing the value', () => {
    const unkeyed = createHash('sha256').update(CANONICAL, 'utf8').digest('hex').slice(0, 32);
    expect(new ContactFingerprints(hmacUnder(KEY)).of(sam)).not.toContain(unkeyed);
  });

  it('depends on the key: another deployment fingerprints the same value differently', () => {
    expect(new ContactFingerprints(hmacUnder(`${KEY}-other`)).of(sam)).not.toBe(new ContactFingerprints(hmacUnder(KEY)).of(sam));
  });

  it('says absent for an unset contact, whatever the key', () => {
    expect(new ContactFingerprints(hmacUnder(KEY)).of(undefined)).toBe(ABSENT_FINGERPRINT);
  });

  it('hashes a value it has just fingerprinted only once, and every value still gets its own fingerprint', () => {
    const texts: string[] = [];
    const counting: KeyedHashPort = { hmacSha256Hex: (text) => (texts.push(text), hmacUnder(KEY).hmacSha256Hex(text)) };
    const fingerprints = new ContactFingerprints(counting);
    const others = Array.from({ length: 40 }, (_, i) => AlternateContact.of({ ...sam.props, Title: `Title ${i}` }));
    const first = fingerprints.of(sam);
    expect(fingerprints.of(sam)).toBe(first);
    expect(texts).toHaveLength(1);
    const ofOthers = others.map((value) => fingerprints.of(value));
    expect(new Set(ofOthers).size).toBe(others.length);
    expect(fingerprints.of(sam)).toBe(first);
    expect(ofOthers).toEqual(others.map((value) => new ContactFingerprints(hmacUnder(KEY)).of(value)));
  });
});
