import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContactKind } from '@contact-sync/domain';
import { runCli } from './cli';
import { parseSavedPlan, PlannedWrite, SavedPlan } from './saved-plan';
import { SharedMemoryBackend } from './testing/memory-backend';
import { TestIo } from './testing/test-io';

// Saved plans on the memory backend's simulated organization: `plan --out` writes the exact writes
// it found; `sync --plan` makes exactly those, or refuses a plan the organization no longer matches.

const MEMORY = ['--backend', 'memory'];
const dir = mkdtempSync(join(tmpdir(), 'contact-sync-saved-plan-'));
let n = 0;
const newFile = () => join(dir, `plan-${(n += 1)}.json`);

async function cli(backend: SharedMemoryBackend, args: readonly string[], answers: (string | undefined)[] = []) {
  const io = new TestIo(answers);
  const code = await runCli([...args, ...MEMORY], io, backend.open);
  return { code, io };
}

/** A saved plan of the simulated organization, with `--kinds` when given. */
async function savedPlan(backend: SharedMemoryBackend, kinds?: string): Promise<{ file: string; saved: SavedPlan; io: TestIo }> {
  const file = newFile();
  const { code, io } = await cli(backend, ['plan', '--out', file, ...(kinds ? ['--kinds', kinds] : [])]);
  expect(code).toBe(0);
  return { file, saved: JSON.parse(readFileSync(file, 'utf8')) as SavedPlan, io };
}

/** Every contact value held by the management account: none may be in a saved plan. */
async function managementValues(backend: SharedMemoryBackend): Promise<string[]> {
  const sim = await backend.sim();
  const kinds: ContactKind[] = ['PRIMARY', 'BILLING', 'OPERATIONS', 'SECURITY'];
  return kinds
    .flatMap((kind) => Object.entries(sim.model.settled(sim.model.managementAccountId, kind) ?? {}))
    .filter(([field, value]) => field !== 'AlternateContactType' && value.length > 3)
    .map(([, value]) => value);
}

describe('plan --out', () => {
  it('saves the exact writes the plan lists: ids, kinds, actions and fingerprints, with the organization, and no contact value', async () => {
    const backend = new SharedMemoryBackend();
    const shown = await cli(backend, ['plan', '--json']);
    const { file, saved, io } = await savedPlan(backend);
    const changes = shown.io.json<{ changes: { accountId: string; kind: string; action: string }[] }>().changes;
    expect(saved.writes.map(({ accountId, kind, action }) => ({ accountId, kind, action }))).toEqual(
      changes.map(({ accountId, kind, action }) => ({ accountId, kind, action })),
    );
    const sim = await backend.sim();
    expect(saved).toMatchObject({
      format: 'contact-sync-plan',
      formatVersion: 1,
      organizationId: 'o-simulated',
      managementAccountId: sim.model.managementAccountId,
      kinds: ['PRIMARY', 'BILLING', 'OPERATIONS', 'SECURITY'],
      exclude: [],
    });
    for (const w of saved.writes) {
      expect(w.afterFingerprint).toBe(w.action === 'DELETE' ? 'absent' : saved.management[w.kind]);
      expect(w.beforeFingerprint).toMatch(/^(absent|hmac:[0-9a-f]{32})$/);
      expect(w.beforeFingerprint).not.toBe(w.afterFingerprint);
    }
    const text = readFileSync(file, 'utf8');
    for (const value of await managementValues(backend)) expect(text).not.toContain(value);
    expect(parseSavedPlan(text, file)).toEqual(saved);
    expect(io.stderr).toContain(`Saved the plan (${saved.writes.length} writes in o-simulated) to ${file}.`);
  });

  it('is refused with --config (a preview is not what sync applies)', async () => {
    const { code, io } = await cli(new SharedMemoryBackend(), ['plan', '--out', newFile(), '--config', newFile()]);
    expect(code).toBe(64);
    expect(io.stderr).toBe(
      'error: --out saves a plan of the stored configuration, which sync --plan applies: it cannot be given with --config\n',
    );
  });
});

describe('sync --plan', () => {
  it('makes exactly the saved writes: the run updates the planned account-kinds and nothing else', async () => {
    const backend = new SharedMemoryBackend();
    const { file, saved } = await savedPlan(backend, 'SECURITY,BILLING');
    expect(saved.writes.length).toBeGreaterThan(10);
    // Drift of a kind the plan left out must stay: the saved plan's run does not touch it.
    const before = await cli(backend, ['drift', '--json', '--kinds', 'OPERATIONS']);
    const writesBefore = await backend.writes();

    const { code, io } = await cli(backend, ['sync', '--plan', file, '--yes', '--json']);
    expect(code).toBe(0);
    const { runId, updated } = io.json<{ runId: string; updated: number }>();
    expect(updated).toBe(saved.writes.length);
    expect((await backend.writes()) - writesBefore).toBe(saved.writes.length);
    const audit = (await backend.sim()).auditLog.all().filter((e) => e.runId === runId && e.status === 'UPDATED');
    const asWrites = audit
      .map((e): PlannedWrite => ({
        accountId: e.accountId,
        kind: e.kind,
        action: e.detail as PlannedWrite['action'],
        beforeFingerprint: e.beforeFingerprint as string,
        afterFingerprint: e.afterFingerprint as string,
      }))
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind));
    expect(asWrites).toEqual(saved.writes);
    expect((await cli(backend, ['drift', '--json', '--kinds', 'OPERATIONS'])).io.json()).toEqual(before.io.json());
    expect((await cli(backend, ['drift', '--kinds', 'SECURITY,BILLING', '--detailed-exitcode'])).code).toBe(0);
  });

  it('refuses a stale plan, naming the kind whose management value changed and the members that changed, and writes nothing', async () => {
    const backend = new SharedMemoryBackend();
    const { file, saved } = await savedPlan(backend);
    const sim = await backend.sim();
    const now = sim.time.now();
    // A member in line edits its SECURITY contact; a planned member's BILLING contact is edited too.
    const inLine = sim.model
      .listAccounts()
      .find((a) => !a.isManagement && a.state === 'ACTIVE' && !saved.writes.some((w) => w.accountId === a.id)) as { id: string };
    const planned = saved.writes.find((w) => w.kind === 'BILLING') as PlannedWrite;
    const edited = {
      AlternateContactType: 'SECURITY',
      Name: 'Edited Since',
      Title: 'Lead',
      EmailAddress: 'e@example.com',
      PhoneNumber: '+1 206 555 0100',
    };
    sim.model.write(inLine.id, 'SECURITY', edited, now);
    sim.model.write(planned.accountId, 'BILLING', { ...edited, AlternateContactType: 'BILLING' }, now);
    const writesBefore = await backend.writes();

    const { code, io } = await cli(backend, ['sync', '--plan', file, '--yes']);
    expect(code).toBe(1);
    const ids = [inLine.id, planned.accountId].sort();
    expect(io.stderr).toContain(
      `error: the saved plan is stale: 2 member accounts (2 account-kinds) no longer match the plan: ${ids.join(', ')}. Nothing was written; plan again (contact-sync plan --out FILE).\n`,
    );
    expect(await backend.writes()).toBe(writesBefore);

    // The management account's OPERATIONS contact changes: named by kind.
    const management = sim.model.managementAccountId;
    sim.model.write(management, 'OPERATIONS', { ...edited, AlternateContactType: 'OPERATIONS' }, now);
    const again = await cli(backend, ['sync', '--plan', file, '--yes']);
    expect(again.code).toBe(1);
    expect(again.io.stderr).toMatch(
      /^error: the saved plan is stale: the management account's OPERATIONS contact changed; \d+ member accounts \(\d+ account-kinds\) no longer match the plan: (\d{12}, ){4}\d{12} and \d+ more\./m,
    );
    expect(await backend.writes()).toBe(writesBefore);
  });

  it('refuses a plan of another organization, and a file that is not a saved plan, naming the field', async () => {
    const backend = new SharedMemoryBackend();
    const { file, saved } = await savedPlan(backend, 'SECURITY');
    const other = newFile();
    writeFileSync(other, JSON.stringify({ ...saved, organizationId: 'o-a1b2c3d4e5' }));
    const refused = await cli(backend, ['sync', '--plan', other, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.io.stderr).toContain('error: the plan is for organization o-a1b2c3d4e5 (management account ');
    const forged = newFile();
    writeFileSync(forged, JSON.stringify({ ...saved, writes: [{ ...saved.writes[0], action: 'WRITE' }] }));
    expect((await cli(backend, ['sync', '--plan', forged, '--yes'])).io.stderr).toBe(
      `error: ${forged} is not a saved plan: writes[0].action: must be PUT or DELETE\n`,
    );
    expect((await cli(backend, ['sync', '--plan', file, '--kinds', 'BILLING', '--yes'])).code).toBe(64);
    expect(await backend.writes()).toBe(0);
  });
});

describe('the confirmation before sync writes', () => {
  it('names the organization, the management account, the principal, where, and the changes by kind', async () => {
    const backend = new SharedMemoryBackend();
    const shown = await cli(backend, ['plan', '--json']);
    const changes = shown.io.json<{ changes: { kind: string; action: string }[] }>().changes;
    const count = (kind: string, action: string) => changes.filter((c) => c.kind === kind && c.action === action).length;
    const { code, io } = await cli(backend, ['sync'], ['no']);
    expect(code).toBe(1);
    const management = (await backend.sim()).model.managementAccountId;
    const byKind = ['PRIMARY', 'BILLING', 'OPERATIONS', 'SECURITY']
      .filter((kind) => count(kind, 'PUT') + count(kind, 'DELETE') > 0)
      .map((kind) => {
        const parts = [
          count(kind, 'PUT') ? `${count(kind, 'PUT')} to update` : '',
          count(kind, 'DELETE') ? `${count(kind, 'DELETE')} to delete` : '',
        ];
        return `    ${kind.padEnd(10)} ${parts.filter(Boolean).join(', ')}\n`;
      })
      .join('');
    expect(io.stderr).toContain(
      'About to write contacts of member accounts:\n' +
        `  Organization        o-simulated (management account ${management})\n` +
        `  As                  arn:aws:iam::${management}:user/`,
    );
    expect(io.stderr).toContain(`  With                the memory backend's simulated organization (seed 1)\n  Changes by kind\n${byKind}`);
    expect(io.questions).toEqual([`Write these ${changes.length} contact changes? Type yes to continue: `]);
    expect(io.stderr).toContain('Aborted: nothing was written.');
    expect(await backend.writes()).toBe(0);
  });
});
