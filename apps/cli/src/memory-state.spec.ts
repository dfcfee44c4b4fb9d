import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli';
import { TestIo } from './testing/test-io';

/** Each command opens the backend afresh, as separate processes do: only the state directory links them. */
function memoryIn(stateDir: string) {
  return async (...args: string[]) => {
    const io = new TestIo();
    const code = await runCli([...args, '--backend', 'memory', '--state-dir', stateDir], io);
    return { code, stdout: io.stdout, stderr: io.stderr, json: <T>() => io.json<T>() };
  };
}

const newStateDir = () => join(mkdtempSync(join(tmpdir(), 'contact-sync-state-')), '.contact-sync');

describe('the memory backend kept in --state-dir', () => {
  it('carries plan, sync, drift, history and runs from one command to the next', async () => {
    const cli = memoryIn(newStateDir());
    const plan = await cli('plan', '--json', '--kinds', 'SECURITY');
    const pending = plan.json<{ summary: { pending: number } }>().summary.pending;
    expect(pending).toBeGreaterThan(0);

    const sync = await cli('sync', '--yes', '--json', '--kinds', 'SECURITY');
    expect(sync.code).toBe(0);
    const { runId, updated } = sync.json<{ runId: string; updated: number }>();
    expect(updated).toBe(pending);

    const drift = await cli('drift', '--json');
    expect(drift.json<{ byKind: Record<string, { count: number }> }>().byKind['SECURITY']?.count).toBe(0);
    expect((await cli('plan', '--kinds', 'SECURITY', '--detailed-exitcode')).code).toBe(0);

    const history = await cli('history', '--run', runId, '--limit', '1000', '--json');
    const entries = history.json<{ entries: { status: string }[] }>().entries;
    expect(entries.filter((e) => e.status === 'UPDATED')).toHaveLength(pending);

    expect((await cli('runs', '--json')).json<{ runs: { runId: string; status: string }[] }>().runs).toEqual([
      expect.objectContaining({ runId, status: 'SUCCEEDED' }),
    ]);
  });

  it('keeps the configuration and its version, and the virtual clock goes on', async () => {
    const cli = memoryIn(newStateDir());
    expect((await cli('config', 'set', '--kinds', 'BILLING', '--yes')).stdout).toBe('Stored the configuration as version 1.\n');
    expect((await cli('config', 'get', '--json')).json()).toMatchObject({ version: 1, config: { kinds: ['BILLING'] } });
    const first = (await cli('sync', '--yes', '--json')).json<{ runId: string }>().runId;
    const second = (await cli('sync', '--yes', '--json')).json<{ status: string }>();
    expect(second.status).toBe('NOTHING_TO_DO');
    await cli('config', 'set', '--kinds', 'BILLING,SECURITY', '--yes');
    const third = (await cli('sync', '--yes', '--json')).json<{ runId: string }>().runId;
    expect(third > first).toBe(true);
  });

  it('starts afresh after reset, and says where it kept nothing', async () => {
    const stateDir = newStateDir();
    const cli = memoryIn(stateDir);
    const fresh = (await cli('plan', '--json')).stdout;
    await cli('sync', '--yes');
    expect((await cli('plan', '--json')).stdout).not.toBe(fresh);
    const reset = await cli('reset');
    expect(reset).toMatchObject({
      code: 0,
      stdout: `Removed ${join(stateDir, 'memory-seed-1.json')}: the next command starts with a fresh simulated organization.\n`,
    });
    expect((await cli('plan', '--json')).stdout).toBe(fresh);
    await cli('reset');
    expect((await cli('reset')).stdout).toBe(
      `Nothing to reset: no simulated organization is kept in ${join(stateDir, 'memory-seed-1.json')}.\n`,
    );
  });

  it('keeps each seed apart, and ignores itself in git', async () => {
    const stateDir = newStateDir();
    const cli = memoryIn(stateDir);
    await cli('config', 'set', '--dry-run', 'true', '--seed', '7', '--yes');
    expect((await cli('config', 'get', '--json')).json()).toMatchObject({ version: 0 });
    expect((await cli('config', 'get', '--json', '--seed', '7')).json()).toMatchObject({ version: 1, config: { dryRun: true } });
    expect(readFileSync(join(stateDir, '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('names a state file it cannot use and how to start afresh, and reset still works', async () => {
    const stateDir = newStateDir();
    const cli = memoryIn(stateDir);
    await cli('config', 'get');
    const file = join(stateDir, 'memory-seed-1.json');
    writeFileSync(file, '{"format":');
    const broken = await cli('plan');
    expect(broken).toMatchObject({
      code: 1,
      stderr: `error: the memory backend's state ${file} cannot be used (not valid JSON): start afresh with contact-sync reset --backend memory\n`,
    });
    expect((await cli('plan', '--json')).stderr).toContain('"code":"STATE_UNREADABLE"');
    expect((await cli('reset')).code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect((await cli('plan')).code).toBe(0);
  });
});
