import fc from 'fast-check';
import { alternateContactPropsArb, contactInformationPropsArb } from '../testing/arbitraries';
import { AlternateContact } from './alternate-contact';
import { ContactInformation } from './contact-information';
import { ContactValue, differingFields } from './contact-value';

type Props = Record<string, string>;

/** Two alternate contacts of one type, or two primary contacts, as plain fields. */
const twoOfAKindArb: fc.Arbitrary<[Props, Props]> = fc.oneof(
  ...(['BILLING', 'OPERATIONS', 'SECURITY'] as const).map((type) =>
    fc.tuple(alternateContactPropsArb(type), alternateContactPropsArb(type)),
  ),
  fc.tuple(contactInformationPropsArb, contactInformationPropsArb),
) as unknown as fc.Arbitrary<[Props, Props]>;
/** A contact, another of its kind, and which of the second's fields (present or absent) replace the first's. */
const mixedArb = twoOfAKindArb.chain(([a, c]) =>
  fc.tuple(
    fc.constant(a),
    fc.constant(c),
    fc.subarray([...new Set([...Object.keys(a), ...Object.keys(c)])].filter((f) => f !== 'AlternateContactType')),
  ),
);

const valueOf = (props: Props): ContactValue =>
  'AlternateContactType' in props ? AlternateContact.of(props) : ContactInformation.of(props);
/** `a` with the fields `taken` as `c` has them (absent where `c` has none). */
function mix(a: Props, c: Props, taken: readonly string[]): Props {
  const b: Props = { ...a };
  for (const field of taken) {
    if (field in c) b[field] = c[field] as string;
    else delete b[field];
  }
  return b;
}

describe('differingFields, on generated contacts', () => {
  it('names exactly the fields whose values were changed, in the first value field order, then the fields only the second has', () => {
    fc.assert(
      fc.property(mixedArb, ([a, c, taken]) => {
        const b = mix(a, c, taken);
        const changed = taken.filter((field) => a[field] !== b[field]);
        const order = [...Object.keys(valueOf(a).props), ...Object.keys(valueOf(b).props)];
        const expected = changed.sort((x, y) => order.indexOf(x) - order.indexOf(y));
        expect(differingFields(valueOf(a), valueOf(b))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('is empty for a value and itself, and when either is absent', () => {
    fc.assert(
      fc.property(twoOfAKindArb, ([a]) => {
        expect(differingFields(valueOf(a), valueOf({ ...a }))).toEqual([]);
        expect(differingFields(valueOf(a), undefined)).toEqual([]);
        expect(differingFields(undefined, valueOf(a))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
