import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomContact, SeededRandom, StoredContact } from '@contact-sync/simulated-aws';
import { runCli } from '../cli';
import { SharedMemoryBackend } from '../testing/memory-backend';
import { TestIo } from '../testing/test-io';

const MEMORY = ['--backend', 'memory'];

interface PlanJson {
  status: string;
  counts: Record<string, Record<string, number>>;
  changedSince: { accountId: string; kind: string }[];
}

describe('contact-sync rollback', () => {
  it('plans by default, asks, then restores the members still holding the run’s value as a ROLLBACK run, and leaves a member changed since', async () => {
    const backend = new SharedMemoryBackend();
    expect(await runCli(['plan', '--kinds', 'SECURITY', ...MEMORY], new TestIo(), backend.open)).toBe(0);
    const sim = await backend.sim();
    const members = sim.model.listAccounts().filter((a) => a.id !== sim.model.managementAccountId);
    const before = new Map(members.map((a) => [a.id, sim.model.settled(a.id, 'SECURITY')]));

    const sync = new TestIo();
    expect(await runCli(['sync', '--kinds', 'SECURITY', '--yes', '--json', ...MEMORY], sync, backend.open)).toBe(0);
    const runId = sync.json<{ runId: string }>().runId;
    const written = (await sim.syncState.listOutcomes(runId)).filter((o) => o.status === 'UPDATED').map((o) => o.accountId);
    expect(written.length).toBeGreaterThan(2);
    // Someone edits one member by hand after the run.
    const edited = written[0] as string;
    const byHand: StoredContact = randomContact('SECURITY', new SeededRandom(7), '.by-hand');
    sim.model.write(edited, 'SECURITY', byHand, sim.time.now());

    const plan = new TestIo();
    const writesBefore = await backend.writes();
    expect(await runCli(['rollback', runId, '--json', ...MEMORY], plan, backend.open)).toBe(0);
    expect(plan.json<PlanJson>()).toMatchObject({
      status: 'PLANNED',
      counts: { RESTORABLE: { SECURITY: written.length - 1 }, CHANGED_SINCE_RUN: { SECURITY: 1 } },
      changedSince: [{ accountId: edited, kind: 'SECURITY' }],
    });
    const text = new TestIo();
    expect(await runCli(['rollback', runId, ...MEMORY], text, backend.open)).toBe(0);
    expect(text.stdout).toContain(`Changed since the run (left alone): ${edited} SECURITY`);
    expect(text.stdout).toContain(`Dry run: nothing was written. Restore them with: contact-sync rollback ${runId} --apply`);

    // No terminal, no --yes: nothing written.
    expect(await runCli(['rollback', runId, '--apply', ...MEMORY], new TestIo(), backend.open)).toBe(64);
    const refused = new TestIo(['no']);
    expect(await runCli(['rollback', runId, '--apply', ...MEMORY], refused, backend.open)).toBe(1);
    expect(refused.questions).toEqual([`Restore these ${written.length - 1} contacts? Type yes to continue: `]);
    expect(refused.stderr).toContain('in organization o-simulated (management account');
    expect(await backend.writes()).toBe(writesBefore);

    const apply = new TestIo(['yes']);
    expect(await runCli(['rollback', runId, '--apply', '--json', ...MEMORY], apply, backend.open)).toBe(0);
    const applied = apply.json<{ status: string; runId: string; report: { trigger: string; updated: number; skipped: number } }>();
    expect(applied).toMatchObject({ status: 'SUCCEEDED', report: { trigger: 'ROLLBACK', updated: written.length - 1, skipped: 1 } });
    sim.time.advance(60_000);
    for (const member of members) {
      const now = sim.model.settled(member.id, 'SECURITY');
      if (member.id === edited) expect(now).toEqual(byHand);
      else expect(JSON.stringify(now)).toBe(JSON.stringify(before.get(member.id)));
    }
    const history = new TestIo();
    expect(
      await runCli(
        ['history', '--run', applied.runId, '--status', 'updated', '--limit', '1000', '--json', ...MEMORY],
        history,
        backend.open,
      ),
    ).toBe(0);
    expect(history.json<{ entries: unknown[] }>().entries).toHaveLength(written.length - 1);
    // Ids, kinds and counts: no contact value, before or after, in anything the commands printed.
    const printed = [plan, text, refused, apply, history].map((io) => io.stdout + io.stderr).join('\n');
    for (const value of [...before.values(), byHand]) if (value) expect(printed).not.toContain(value.EmailAddress);
  }, 60_000);

  it('finds the previous values a sync kept in the memory backend’s state directory, from one command to the next', async () => {
    const state = ['--state-dir', mkdtempSync(join(tmpdir(), 'contact-sync-rollback-'))];
    const sync = new TestIo();
    expect(await runCli(['sync', '--kinds', 'BILLING', '--yes', '--json', ...MEMORY, ...state], sync)).toBe(0);
    const runId = sync.json<{ runId: string; updated: number }>().runId;
    const plan = new TestIo();
    expect(await runCli(['rollback', runId, '--json', ...MEMORY, ...state], plan)).toBe(0);
    expect(plan.json<PlanJson>().counts['RESTORABLE']?.['BILLING']).toBe(sync.json<{ updated: number }>().updated);
  }, 60_000);

  it('names a run that does not exist, and has --help', async () => {
    const missing = new TestIo();
    expect(await runCli(['rollback', 'no-such-run', ...MEMORY], missing, new SharedMemoryBackend().open)).toBe(1);
    expect(missing.stderr).toBe('error: run no-such-run does not exist\n');
    const help = new TestIo();
    expect(await runCli(['rollback', '--help'], help)).toBe(0);
    expect(help.stdout).toContain('Usage: contact-sync rollback RUN_ID [--apply] [--yes] [--json]');
  });
});
