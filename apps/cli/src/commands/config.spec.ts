import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTACT_KINDS } from '@contact-sync/domain';
import { runCli } from '../cli';
import { SharedMemoryBackend } from '../testing/memory-backend';
import { TestIo } from '../testing/test-io';

const MEMORY = ['--backend', 'memory'];
const dir = mkdtempSync(join(tmpdir(), 'contact-sync-config-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

/** A terminal that notes what stderr held when the question was asked: what the operator had read by then. */
class AskingIo extends TestIo {
  readBeforeAsking?: string;

  override async ask(question: string): Promise<string | undefined> {
    this.readBeforeAsking = this.stderr;
    return super.ask(question);
  }
}

const storedOf = async (backend: SharedMemoryBackend) => {
  const io = new TestIo();
  expect(await runCli(['config', 'get', '--json', ...MEMORY], io, backend.open)).toBe(0);
  return io.json<{ version: number; source: string; config: Record<string, unknown> }>();
};

describe('contact-sync config set', () => {
  it('refuses a file that leaves fields out, naming them, and with --merge keeps the values in force for them', async () => {
    const backend = new SharedMemoryBackend();
    const set = ['config', 'set', '--dry-run', 'true', '--kinds', 'BILLING,OPERATIONS,SECURITY', '--yes', ...MEMORY];
    expect(await runCli(set, new TestIo(), backend.open)).toBe(0);
    // The file: only an OU exclusion. Stored as it was, it released dry run and enabled PRIMARY.
    const ouOnly = file('ou-only.json', { excludedOrganizationalUnits: ['ou-sim0-sandboxes'] });

    const refused = new TestIo();
    expect(await runCli(['config', 'set', '--file', ouOnly, '--yes', ...MEMORY], refused, backend.open)).toBe(64);
    expect(refused.stderr).toBe(
      `error: --file leaves out kinds, excludedAccountIds, includedOrganizationalUnits, excludedTags, includedTags, propagateDeletions, dryRun, ` +
        'rates.GetContactInformation, rates.GetAlternateContact, rates.PutContactInformation, rates.PutAlternateContact, rates.DeleteAlternateContact: ' +
        'pass --merge to keep the values in force for them, or give every field (contact-sync config get --json prints them all)\n',
    );
    expect(refused.stdout).toBe('');
    expect((await storedOf(backend)).version).toBe(1);

    const merged = new TestIo();
    expect(await runCli(['config', 'set', '--file', ouOnly, '--merge', '--yes', ...MEMORY], merged, backend.open)).toBe(0);
    expect(merged.stderr).toBe('Changes against stored version 1:\n  excludedOrganizationalUnits: [] → ["ou-sim0-sandboxes"]\n');
    expect(await storedOf(backend)).toMatchObject({
      version: 2,
      source: 'STORED',
      config: { dryRun: true, kinds: ['BILLING', 'OPERATIONS', 'SECURITY'], excludedOrganizationalUnits: ['ou-sim0-sandboxes'] },
    });
  });

  it('merges the rates of the operations a file names with the rates in force for the others', async () => {
    const backend = new SharedMemoryBackend();
    const slow = file('slow.json', { rates: { PutAlternateContact: { ratePerSecond: 2, burst: 4 } } });
    expect(await runCli(['config', 'set', '--file', slow, '--merge', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const quick = file('quick.json', { rates: { GetAlternateContact: { ratePerSecond: 8, burst: 12 } } });
    const io = new TestIo();
    expect(await runCli(['config', 'set', '--file', quick, '--merge', '--yes', ...MEMORY], io, backend.open)).toBe(0);
    expect(io.stderr).toBe(
      'Changes against stored version 1:\n' +
        '  rates.GetAlternateContact: {"ratePerSecond":10,"burst":15} → {"ratePerSecond":8,"burst":12}\n',
    );
    expect((await storedOf(backend)).config['rates']).toMatchObject({
      PutAlternateContact: { ratePerSecond: 2, burst: 4 },
      GetAlternateContact: { ratePerSecond: 8, burst: 12 },
    });
  });

  it('shows each field it changes against what is stored, then asks; an answer other than yes stores nothing', async () => {
    const backend = new SharedMemoryBackend();
    expect(await runCli(['config', 'set', '--kinds', 'SECURITY,BILLING', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const change = ['config', 'set', '--kinds', 'SECURITY', '--excluded-accounts', '100000000007,100000000003', ...MEMORY];

    const declined = new AskingIo(['no']);
    expect(await runCli(change, declined, backend.open)).toBe(1);
    const diff =
      'Changes against stored version 1:\n' +
      '  kinds: ["BILLING","SECURITY"] → ["SECURITY"]\n' +
      '  excludedAccountIds: [] → ["100000000003","100000000007"]\n';
    expect(declined.readBeforeAsking).toBe(diff);
    expect(declined.questions).toEqual(['Store it as version 2? Type yes to continue: ']);
    expect(declined.stderr).toBe(`${diff}error: Aborted: nothing was stored.\n`);
    expect(await storedOf(backend)).toMatchObject({ version: 1, config: { kinds: ['BILLING', 'SECURITY'], excludedAccountIds: [] } });

    const accepted = new AskingIo(['yes']);
    expect(await runCli(change, accepted, backend.open)).toBe(0);
    expect(accepted.readBeforeAsking).toBe(diff);
    expect(accepted.stdout).toBe('Stored the configuration as version 2.\n');
    expect(await storedOf(backend)).toMatchObject({
      version: 2,
      config: { kinds: ['SECURITY'], excludedAccountIds: ['100000000003', '100000000007'] },
    });
  });

  it('with no terminal to ask and no --yes, refuses as a usage error and stores nothing', async () => {
    const backend = new SharedMemoryBackend();
    const io = new TestIo([]);
    expect(await runCli(['config', 'set', '--dry-run', 'true', ...MEMORY], io, backend.open)).toBe(64);
    expect(io.stderr).toBe(
      'Changes against the defaults (nothing is stored yet):\n  dryRun: false → true\n' +
        'error: stdin is not a terminal, so there is no one to confirm: pass --yes to go ahead\n',
    );
    expect((await storedOf(backend)).version).toBe(0);
  });

  it('says in one line, before asking, that a change widens what is synced', async () => {
    const backend = new SharedMemoryBackend();
    expect(await runCli(['config', 'set', '--kinds', 'SECURITY', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const io = new AskingIo(['yes']);
    expect(await runCli(['config', 'set', '--kinds', 'SECURITY,BILLING', ...MEMORY], io, backend.open)).toBe(0);
    expect(io.readBeforeAsking).toBe(
      'Changes against stored version 1:\n  kinds: ["SECURITY"] → ["BILLING","SECURITY"]\n' +
        'This widens what is synced (KIND_ENABLED): BILLING will be written where members differ on every member it targets.\n',
    );
    // Only releasing dry run plans first: a widening of a live configuration is said, and its run brings it in line.
    expect(await backend.writes()).toBe(0);
  });

  it('going live shows what the first live run would write, by kind, as a plan of the new configuration finds it, then asks', async () => {
    const backend = new SharedMemoryBackend();
    const dry = ['config', 'set', '--dry-run', 'true', '--kinds', 'BILLING,SECURITY', '--yes', ...MEMORY];
    expect(await runCli(dry, new TestIo(), backend.open)).toBe(0);
    const plan = new TestIo();
    expect(await runCli(['plan', '--json', ...MEMORY], plan, backend.open)).toBe(0);
    const changes = plan.json<{ changes: { accountId: string; kind: string; action: string }[] }>().changes;
    const count = (kind: string, action: string) => changes.filter((c) => c.kind === kind && c.action === action).length;
    expect(count('BILLING', 'PUT')).toBeGreaterThan(0);

    const io = new AskingIo(['yes']);
    expect(await runCli(['config', 'set', '--dry-run', 'false', ...MEMORY], io, backend.open)).toBe(0);
    const shown = io.readBeforeAsking ?? '';
    expect(shown).toContain('Changes against stored version 1:\n  dryRun: true → false\n');
    expect(shown).toContain('The first live run (cfg-v2) would write, as the members are now:\n');
    for (const kind of ['BILLING', 'SECURITY'])
      expect(shown).toMatch(new RegExp(`\\n${kind} +${count(kind, 'PUT')} +${count(kind, 'DELETE')}\\n`));
    expect(shown).not.toMatch(/\nPRIMARY /);
    const accounts = new Set(changes.map((c) => c.accountId)).size;
    expect(shown).toContain(`\n${changes.length} contact writes in ${accounts} accounts.\n`);
    expect(shown).toMatch(
      new RegExp(
        `\\nThis releases dry run: from version 2 on, the service writes members' contacts, starting with the ${changes.length} writes above\\.\\n$`,
      ),
    );
    expect(io.questions).toEqual(['Store it as version 2? Type yes to continue: ']);
    expect(io.stdout).toBe(
      'Stored the configuration as version 2.\n' +
        "Run cfg-v2 is recorded; the stack's sweeper starts it within 5 minutes (contact-sync runs show cfg-v2).\n",
    );
    // Storing writes no contact: the recorded run does, when the sweeper starts it.
    expect(await backend.writes()).toBe(0);
    const { syncState } = await backend.sim();
    expect(await syncState.getRun('cfg-v2')).toMatchObject({ trigger: 'CONFIG_CHANGE', kinds: ['BILLING', 'SECURITY'], dryRun: false });
  });

  it('going live with --json gives the first live run by kind in the result', async () => {
    const backend = new SharedMemoryBackend();
    expect(await runCli(['config', 'set', '--dry-run', 'true', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const io = new TestIo();
    expect(await runCli(['config', 'set', '--dry-run', 'false', '--yes', '--json', ...MEMORY], io, backend.open)).toBe(0);
    const result = io.json<{ firstLiveRun: { runId: string; pending: number; byKind: Record<string, { put: number; delete: number }> } }>();
    expect(result).toMatchObject({ version: 2, stored: true, changes: [{ field: 'dryRun', before: true, after: false }] });
    expect(Object.keys(result.firstLiveRun.byKind)).toEqual([...CONTACT_KINDS]);
    const sum = Object.values(result.firstLiveRun.byKind).reduce((n, k) => n + k.put + k.delete, 0);
    expect(result.firstLiveRun).toMatchObject({ runId: 'cfg-v2', pending: sum });
    expect(sum).toBeGreaterThan(0);
  });

  it('stores nothing when the configuration is what is stored already', async () => {
    const backend = new SharedMemoryBackend();
    expect(await runCli(['config', 'set', '--dry-run', 'true', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const io = new TestIo();
    expect(await runCli(['config', 'set', '--dry-run', 'true', ...MEMORY], io, backend.open)).toBe(0);
    expect(io.stdout).toBe('No change: stored version 1 already is this configuration. Nothing was stored.\n');
    expect(io.questions).toEqual([]);
    expect((await storedOf(backend)).version).toBe(1);
  });

  it('takes --merge only with --file, and refuses an empty --kinds, naming the option', async () => {
    const merge = new TestIo();
    expect(await runCli(['config', 'set', '--merge', '--dry-run', 'true', ...MEMORY], merge)).toBe(64);
    expect(merge.stderr).toBe('error: --merge goes with --file: it keeps the values in force for the fields the file leaves out\n');
    const empty = new TestIo();
    expect(await runCli(['config', 'set', '--kinds', '', '--yes', ...MEMORY], empty)).toBe(64);
    expect(empty.stderr).toBe('error: --kinds is empty: name at least one of PRIMARY, BILLING, OPERATIONS, SECURITY\n');
  });
});

describe('contact-sync config get', () => {
  it('says where the configuration in force comes from', async () => {
    const backend = new SharedMemoryBackend();
    const before = new TestIo();
    expect(await runCli(['config', 'get', ...MEMORY], before, backend.open)).toBe(0);
    expect(before.stdout).toMatch(/\n}\nIn force: the defaults \(nothing is stored yet\)\.\n$/);
    expect(await runCli(['config', 'set', '--dry-run', 'true', '--yes', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const after = new TestIo();
    expect(await runCli(['config', 'get', ...MEMORY], after, backend.open)).toBe(0);
    expect(after.stdout).toMatch(/\n}\nIn force: stored version 1\.\n$/);
  });
});
