import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const RUNNER = 'tools/run-bundled/run-bundled.mjs';
const ENTRY = 'tools/run-bundled/src/example-entry.ts';

const run = (...args: string[]) => spawnSync(process.execPath, [RUNNER, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('run-bundled', () => {
  it('runs the entry as a bundle with its arguments and exit code, and removes the bundle when it exits', () => {
    const result = run(ENTRY, 'exit', '3', '--flag');
    expect(result.status).toBe(3);
    const seen = JSON.parse(result.stdout) as { script: string; args: string[]; expiresAt: number };
    expect(seen.args).toEqual(['exit', '3', '--flag']);
    expect(seen.expiresAt).toBe(Date.UTC(2027, 1, 20) / 1000);
    expect(seen.script).toMatch(/[/\\]tmp[/\\]bundled[/\\]tools-run-bundled-src-example-entry\.\d+\.cjs$/);
    expect(existsSync(seen.script)).toBe(false);
  });

  it('removes the bundles of processes that are gone, and keeps those of running ones', () => {
    const bundles = join(ROOT, 'tmp', 'bundled');
    mkdirSync(bundles, { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const orphan = join(bundles, `killed-entry.${gone}.cjs`);
    const live = join(bundles, `running-entry.${process.pid}.cjs`);
    writeFileSync(orphan, '');
    writeFileSync(live, '');
    try {
      expect(run(ENTRY).status).toBe(0);
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      rmSync(orphan, { force: true });
      rmSync(live, { force: true });
    }
  });

  it('takes the tsconfig as --tsconfig FILE or --tsconfig=FILE', () => {
    for (const args of [
      ['--tsconfig', 'tools/run-bundled/tsconfig.json', ENTRY],
      ['--tsconfig=tools/run-bundled/tsconfig.json', ENTRY],
    ]) {
      const result = run(...args, 'exit', '0');
      expect(result.status).toBe(0);
      expect((JSON.parse(result.stdout) as { args: string[] }).args).toEqual(['exit', '0']);
    }
  });

  it("names the TypeScript file and line in an error's stack", () => {
    const result = run(ENTRY, 'fail');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Error: failed on request');
    expect(result.stderr).toMatch(/example-entry\.ts:6:\d+/);
  });

  it('says how to use it when the entry is missing or is not there (exit 64)', () => {
    for (const args of [[], ['--tsconfig'], ['tools/run-bundled/src/no-such-entry.ts']]) {
      const result = run(...args);
      expect(result.status).toBe(64);
      expect(result.stderr).toContain('usage: node tools/run-bundled/run-bundled.mjs [--tsconfig FILE] ENTRY.ts [ARGS...]');
    }
  });

  it('says which entry could not be bundled, and why, without a stack (exit 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-bundled-'));
    try {
      const broken = join(dir, 'broken.ts');
      writeFileSync(broken, 'export const x = ;\n');
      const result = run(broken);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^error: could not bundle broken\.ts: [\s\S]*Unexpected ";"/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
