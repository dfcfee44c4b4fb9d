import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createConsumerProject, Packed, ROOT, run } from './consumer-project';

const STEP_MS = 120_000;

describe('@contact-sync/domain packed, and installed in a fresh project outside the repository', () => {
  let directory: string;
  let packed: Packed;
  const installed = () => join(directory, 'node_modules', '@contact-sync', 'domain');
  const node = (script: string) => JSON.parse(run(process.execPath, [script], directory)) as Record<string, unknown>;

  beforeAll(() => {
    ({ directory, packed } = createConsumerProject());
  }, STEP_MS);
  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('ships the CommonJS build, the ESM entries and their types, and no spec, source or fixture outside ./testing', () => {
    const files = packed.files.map((file) => file.path);
    expect(files.filter((file) => /\.spec\.|\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((file) => !file.startsWith('dist/cjs/') && !file.startsWith('dist/esm/'))).toEqual(['README.md', 'package.json']);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/cjs/index.js',
        'dist/cjs/index.d.ts',
        'dist/esm/index.mjs',
        'dist/esm/index.d.mts',
        'dist/cjs/testing/index.js',
        'dist/esm/testing.mjs',
      ]),
    );
    expect(files.filter((file) => /event-builder|arbitraries|manual-time/.test(file)).every((file) => file.includes('testing'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8'));
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    console.log(`${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
  });

  it('loads with require() in plain Node: both entries, validation that names the fields, deep imports closed', () => {
    expect(node('require.cjs')).toEqual({
      entry: join(installed(), 'dist', 'cjs', 'index.js'),
      change: ['PUT', 'BILLING'],
      invalidFields: ['Name', 'EmailAddress'],
      manualClock: 42,
      deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it('loads with import in plain Node, as the same copy of the domain that require() loads', () => {
    expect(node('import.mjs')).toEqual({
      entry: `file://${join(installed(), 'dist', 'esm', 'index.mjs')}`,
      change: ['PUT', 'PRIMARY'],
      joined: '444444444444',
      codes: ['THROTTLED', 'TRANSIENT', 'ACCESS_DENIED', 'INVALID', 'NOT_FOUND', 'CONFLICT', 'CIRCUIT_OPEN', 'UNKNOWN'],
      sameCopyAsRequire: true,
      sameExportsAsRequire: true,
    });
  });

  it(
    "typechecks a consumer's TypeScript, ESM and CommonJS, and the README example (checkJs), against the shipped declarations",
    () => {
      expect(run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], directory)).toBe('');
    },
    STEP_MS,
  );

  it(
    'documents every export of both entries (TypeDoc fails on an undocumented one)',
    () => {
      const typedoc = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
      run(process.execPath, [typedoc, '--options', 'libs/domain/typedoc.json', '--emit', 'none', '--logLevel', 'Error'], ROOT);
    },
    STEP_MS,
  );

  it('runs the README example as the README shows it, printing what the README says it prints', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = readFileSync(join(directory, 'use-the-domain.mjs'), 'utf8');
    expect(readme).toContain(`\`\`\`js\n${example}\`\`\``);
    const printed = run(process.execPath, ['use-the-domain.mjs'], directory);
    expect(printed).toBe(
      [
        'change: PUT SECURITY on 111111111111',
        'diff: PUT',
        'plan: 222222222222 SECURITY PUT',
        'plan: 333333333333 SECURITY UNCHANGED',
        'retries: 1',
        '',
      ].join('\n'),
    );
    expect(readme).toContain(`\`\`\`text\n${printed}\`\`\``);
  });
});
