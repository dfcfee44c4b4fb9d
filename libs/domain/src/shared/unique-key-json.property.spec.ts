import fc from 'fast-check';
import { DUPLICATE_KEY_RULE, parseUniqueKeyJson } from './unique-key-json';

/** Any JSON value, printed compactly or indented. */
const jsonText = fc
  .tuple(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'))
  .map(([value, indent]) => JSON.stringify(value, null, indent));

/** An object with at least one key, one of its keys, and another value for it. */
const objectWithRepeat = fc
  .dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 })
  .chain((object) => fc.tuple(fc.constant(object), fc.constantFrom(...Object.keys(object)), fc.jsonValue()));

describe('parseUniqueKeyJson, properties', () => {
  it('reads any JSON text without repeated keys exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(parseUniqueKeyJson(text, 'test')).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 300 },
    );
  });

  it('finds a key given again in a nested object, and names its path', () => {
    fc.assert(
      fc.property(objectWithRepeat, ([object, key, again]) => {
        const inner = JSON.stringify(object);
        const text = `{"outer": [${inner.slice(0, -1)}, ${JSON.stringify(key)}: ${JSON.stringify(again)}}]}`;
        const parsed = parseUniqueKeyJson(text, 'test');
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.error.issues).toEqual([{ field: `outer[0].${key}`, rule: DUPLICATE_KEY_RULE }]);
      }),
      { numRuns: 300 },
    );
  });
});
