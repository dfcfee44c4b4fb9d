import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { KeyedHashPort } from '../ports/keyed-hash.port';
import { alternateContactPropsArb, contactInformationPropsArb } from '../testing/arbitraries';
import { AlternateContact } from '../contacts/alternate-contact';
import { ContactInformation } from '../contacts/contact-information';
import { ContactValue } from '../contacts/contact-value';
import { ContactFingerprints } from './fingerprint';

const hmacUnder = (key: string): KeyedHashPort => ({
  hmacSha256Hex: (text) => createHmac('sha256', key).update(text, 'utf8').digest('hex'),
});

/** Any valid contact, alternate or primary, as plain fields. */
const contactPropsArb: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(alternateContactPropsArb(), contactInformationPropsArb)
  .map((props) => ({ ...props }));
const valueOf = (props: Record<string, unknown>): ContactValue =>
  'AlternateContactType' in props ? AlternateContact.of(props) : ContactInformation.of(props);
/** Two different 32-character keys. */
const keyPairArb = fc
  .tuple(fc.string({ minLength: 32, maxLength: 64 }), fc.string({ minLength: 32, maxLength: 64 }))
  .filter(([a, b]) => a !== b);

describe('ContactFingerprints, on generated contacts', () => {
  it('gives equal values the same fingerprint, whatever the order of their fields', () => {
    fc.assert(
      fc.property(contactPropsArb, (props) => {
        const reversed = Object.fromEntries(Object.entries(props).reverse());
        const fingerprints = new ContactFingerprints(hmacUnder('k'.repeat(32)));
        expect(fingerprints.of(valueOf(reversed))).toBe(fingerprints.of(valueOf(props)));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same value different fingerprints under different keys, each nothing but 32 hex digits', () => {
    fc.assert(
      fc.property(contactPropsArb, keyPairArb, (props, [a, b]) => {
        const value = valueOf(props);
        const under = new ContactFingerprints(hmacUnder(a)).of(value);
        expect(under).toMatch(/^hmac:[0-9a-f]{32}$/);
        expect(under).not.toBe(new ContactFingerprints(hmacUnder(b)).of(value));
      }),
      { numRuns: 200 },
    );
  });
});
