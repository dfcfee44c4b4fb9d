import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SYNC_CONFIG, toSyncConfigJson } from '@contact-sync/domain';
import { runCli } from '../cli';
import { SharedMemoryBackend } from '../testing/memory-backend';
import { TestIo } from '../testing/test-io';

const MEMORY = ['--backend', 'memory'];
const dir = mkdtempSync(join(tmpdir(), 'contact-sync-empty-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
/** A whole configuration that leaves every member out: only an OU no account is in is included. */
const NOBODY = { ...toSyncConfigJson(DEFAULT_SYNC_CONFIG), includedOrganizationalUnits: ['ou-zzzz-zzzzzzzz'] };

// A CI check fed an empty or wrong variable must fail, never pass as "in sync".
describe('empty is not "in sync"', () => {
  it.each([
    ['plan', ['plan', '--detailed-exitcode']],
    ['drift', ['drift', '--detailed-exitcode']],
    ['sync', ['sync', '--yes']],
  ])('%s --kinds "" is a usage error naming --kinds', async (_name, argv) => {
    const backend = new SharedMemoryBackend();
    const io = new TestIo();
    expect(await runCli([...argv, '--kinds', '', ...MEMORY], io, backend.open)).toBe(64);
    expect(io.stderr).toBe('error: --kinds is empty: name at least one of PRIMARY, BILLING, OPERATIONS, SECURITY\n');
    expect(io.stdout).toBe('');
  });

  it.each([
    ['plan', ['plan', '--detailed-exitcode']],
    ['drift', ['drift', '--detailed-exitcode']],
    ['sync', ['sync', '--yes']],
  ])('%s --kinds naming a kind the configuration does not sync is a usage error naming it, and writes nothing', async (_name, argv) => {
    const backend = new SharedMemoryBackend();
    expect(await runCli(['config', 'set', '--kinds', 'BILLING,SECURITY', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const io = new TestIo();
    expect(await runCli([...argv, '--kinds', 'primary,billing', ...MEMORY], io, backend.open)).toBe(64);
    expect(io.stderr).toBe(
      'error: --kinds: PRIMARY is not synced by the configuration in force (it syncs BILLING, SECURITY), so nothing would be compared for it\n',
    );
    expect(await backend.writes()).toBe(0);
    // The kinds it does sync are compared as before.
    expect(await runCli([...argv, '--kinds', 'billing', ...MEMORY], new TestIo(), backend.open)).not.toBe(64);
  });

  it('checks --kinds against the --config file when one is given', async () => {
    const billingOnly = file('billing-only.json', { ...toSyncConfigJson(DEFAULT_SYNC_CONFIG), kinds: ['BILLING'] });
    const io = new TestIo();
    expect(await runCli(['drift', '--config', billingOnly, '--kinds', 'SECURITY', ...MEMORY], io)).toBe(64);
    expect(io.stderr).toBe(
      'error: --kinds: SECURITY is not synced by the --config file (it syncs BILLING), so nothing would be compared for it\n',
    );
  });

  it('a check the options leave no account to compare is a usage error naming them', async () => {
    const nobody = file('nobody.json', NOBODY);
    for (const command of ['plan', 'drift']) {
      const io = new TestIo();
      expect(await runCli([command, '--config', nobody, '--detailed-exitcode', ...MEMORY], io)).toBe(64);
      expect(io.stderr).toMatch(
        /^error: nothing to compare with --config: every one of the \d+ member accounts is left out by a targeting rule\. Nothing was checked\.\n$/,
      );
      expect(io.stdout).toBe('');
    }
  });

  it('a configuration in force that leaves every member out is an error, for plan, drift and sync alike', async () => {
    const backend = new SharedMemoryBackend();
    expect(
      await runCli(['config', 'set', '--file', file('stored-nobody.json', NOBODY), '--yes', ...MEMORY], new TestIo(), backend.open),
    ).toBe(0);
    for (const argv of [['plan'], ['drift', '--detailed-exitcode'], ['sync', '--yes']]) {
      const io = new TestIo();
      expect(await runCli([...argv, ...MEMORY], io, backend.open)).toBe(1);
      expect(io.stderr).toMatch(
        /error: nothing to compare: every one of the \d+ member accounts is left out by a targeting rule under the configuration in force \(contact-sync config get\)\. Nothing was checked\.\n$/,
      );
    }
    expect(await backend.writes()).toBe(0);
  });
});
