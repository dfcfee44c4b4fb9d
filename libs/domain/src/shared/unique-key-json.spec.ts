import { parseSyncConfigText } from '../config/sync-config';
import { DUPLICATE_KEY_RULE, parseUniqueKeyJson } from './unique-key-json';

const issues = (text: string) => {
  const parsed = parseUniqueKeyJson(text, 'test');
  return parsed.ok ? [] : parsed.error.issues;
};

describe('parseUniqueKeyJson', () => {
  it('parses JSON as JSON.parse does when no object repeats a key', () => {
    const text = '{"a": [1, {"a": 2}, "a"], "b": {"c": "\\"a\\": 1, \\"a\\": 2"}, "d": [{"x": 1}, {"x": 2}]}';
    expect(parseUniqueKeyJson(text, 'test')).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it.each([
    ['{"dryRun": true, "dryRun": false}', ['dryRun']],
    ['{"rates": {"PutAlternateContact": {"burst": 2, "ratePerSecond": 1, "burst": 8}}}', ['rates.PutAlternateContact.burst']],
    ['{"excludedTags": [{"key": "a"}, {"key": "b", "key": "c"}]}', ['excludedTags[1].key']],
    ['{"dry\\u0052un": true, "dryRun": false}', ['dryRun']],
    ['{"a": 1, "a": 2, "a": 3, "b": {"c": 1, "c": 2}}', ['a', 'b.c']],
    ['[{"x": 1, "x": 1}]', ['[0].x']],
  ])('names every repeated key of %s by its path, never its value', (text, paths) => {
    expect(issues(text)).toEqual(paths.map((field) => ({ field, rule: DUPLICATE_KEY_RULE })));
  });

  it('says text that is not JSON is not JSON', () => {
    expect(issues('{"dryRun": true,}')).toEqual([{ field: '(text)', rule: 'must be JSON' }]);
  });
});

describe('parseSyncConfigText', () => {
  it('rejects {"dryRun": true, "dryRun": false} naming the key, instead of storing it as live', () => {
    const parsed = parseSyncConfigText('{"dryRun": true, "dryRun": false}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe(`Invalid sync configuration: dryRun: ${DUPLICATE_KEY_RULE}`);
  });

  it('checks the fields once the keys are unique', () => {
    const parsed = parseSyncConfigText('{"dryRun": "yes"}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues).toEqual([{ field: 'dryRun', rule: 'must be true or false' }]);
    expect(parseSyncConfigText('{"dryRun": true}')).toMatchObject({ ok: true, value: { dryRun: true } });
  });
});
