import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArgumentError } from './arguments';
import { readConfigFile } from './config-file';

const dir = mkdtempSync(join(tmpdir(), 'simulator-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('--config FILE', () => {
  it('reads a configuration with targeting rules', () => {
    const config = readConfigFile(file('ok.json', '{"excludedOrganizationalUnits":["ou-sim0-sandboxes"],"excludedTags":[{"key":"k"}]}'));
    expect(config.excludedOrganizationalUnits).toEqual(['ou-sim0-sandboxes']);
    expect(config.excludedTags).toEqual([{ key: 'k' }]);
  });

  it.each([
    ['a file that is not there', join(dir, 'missing.json'), `--config: cannot read ${join(dir, 'missing.json')}: ENOENT`],
    ['a file that is not JSON', file('text.json', 'kinds: all'), `--config: cannot read ${join(dir, 'text.json')}: not JSON`],
    [
      'a rule that breaks the rules, naming the field',
      file('bad.json', '{"includedOrganizationalUnits":["workloads"]}'),
      '--config: Invalid sync configuration: includedOrganizationalUnits[0]: must be an organizational unit id: ou-, 4 to 32 letters or digits, -, 8 to 32 more',
    ],
    [
      'a key given twice, naming it (JSON would keep the last: live instead of dry run)',
      file('twice.json', '{"dryRun": true, "dryRun": false}'),
      '--config: Invalid sync configuration: dryRun: is given more than once in the same object (JSON would keep only the last)',
    ],
    [
      'rates too slow to finish a work item (a run of 49 members lost 45 at 1e-4 a second), naming the field and the bound',
      file('slow.json', '{"rates": {"PutAlternateContact": {"ratePerSecond": 1e-4, "burst": 1}}}'),
      '--config: Invalid sync configuration: rates.PutAlternateContact.ratePerSecond: must be at least 0.223 per second: slower, a work item cannot be finished within the 5 worker invocations of 300 s the work queue gives it',
    ],
  ])('refuses %s', (_what, path, message) => {
    expect(() => readConfigFile(path)).toThrow(new ArgumentError(message));
  });
});
