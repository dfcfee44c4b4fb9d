import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aRun } from '@contact-sync/port-contracts';
import { runCli } from '../cli';
import { SharedMemoryBackend } from '../testing/memory-backend';
import { TestIo } from '../testing/test-io';
import { age } from './runs';

const MEMORY = ['--backend', 'memory'];
const MINUTE = 60_000;

/** A run recorded by the deployed service, RUNNING, whose last progress was `minutesAgo` ago. */
async function recordRunning(backend: SharedMemoryBackend, runId: string, minutesAgo: number) {
  const sim = await backend.sim();
  const at = new Date(sim.time.now() - minutesAgo * MINUTE).toISOString();
  const desired = {
    SECURITY: {
      AlternateContactType: 'SECURITY',
      Name: 'Zed Quux',
      Title: 'Warden',
      EmailAddress: 'zq@example.org',
      PhoneNumber: '+1 206 555 0177',
    },
  } as const;
  const run = aRun(runId, 4, { startedAt: at, requestedAt: at, desired });
  await sim.syncState.createRun(run);
  await sim.syncState.putItems([{ runId, itemId: `${runId}:0`, accountIds: ['100000000001'] }]);
  await sim.syncState.completeItem(runId, `${runId}:0`, at);
  return run;
}

describe('contact-sync runs show --report', () => {
  it('writes the stored run as one HTML page of ids, counts and codes, with no contact value in it', async () => {
    const backend = new SharedMemoryBackend();
    const sync = new TestIo();
    expect(await runCli(['sync', '--yes', '--json', '--kinds', 'SECURITY', ...MEMORY], sync, backend.open)).toBe(0);
    const { runId, updated } = sync.json<{ runId: string; updated: number }>();
    const file = join(mkdtempSync(join(tmpdir(), 'runs-report-')), 'run.html');
    const io = new TestIo();
    expect(await runCli(['runs', 'show', runId, '--report', file, ...MEMORY], io, backend.open)).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain(runId);
    expect(html).toContain(String(updated));
    expect(html).toContain('not recorded for deployed runs');
    const management = (await backend.sim()).model;
    const desired = management.read(management.managementAccountId, 'SECURITY', Number.MAX_SAFE_INTEGER);
    expect(desired?.['EmailAddress']).toBeDefined();
    expect(html).not.toContain(desired?.['EmailAddress'] as string);
    expect(io.stderr).toContain(`report: ${file}`);
  });

  it('names the rule when the file is not .html, before reading anything', async () => {
    const io = new TestIo();
    expect(await runCli(['runs', 'show', 'chg-x', '--report', 'run.json', ...MEMORY], io, new SharedMemoryBackend().open)).toBe(64);
    expect(io.stderr).toContain('--report must name a file ending in .html');
  });
});

describe('contact-sync runs', () => {
  it('lists a finished sync with its status, counts and age, and shows its stored report', async () => {
    const backend = new SharedMemoryBackend();
    const sync = new TestIo();
    expect(await runCli(['sync', '--yes', '--json', '--kinds', 'SECURITY', ...MEMORY], sync, backend.open)).toBe(0);
    const { runId, updated, unchanged } = sync.json<{ runId: string; updated: number; unchanged: number }>();

    const list = new TestIo();
    expect(await runCli(['runs', ...MEMORY], list, backend.open)).toBe(0);
    expect(list.stdout).toMatch(/^RUN +TRIGGER +STATUS +KINDS +ITEMS +UPDATED +UNCHANGED +SKIPPED +FAILED +AGE\n/);
    expect(list.stdout).toMatch(
      new RegExp(`\\n${runId} +RECONCILE +SUCCEEDED +SECURITY +(\\d+)/\\1 +${updated} +${unchanged} +0 +0 +\\d+[smhd]\\n`),
    );

    const json = new TestIo();
    await runCli(['runs', '--json', ...MEMORY], json, backend.open);
    expect(json.json<{ runs: unknown[] }>().runs).toEqual([
      expect.objectContaining({ runId, status: 'SUCCEEDED', stalled: false, notified: true, report: expect.objectContaining({ updated }) }),
    ]);

    const show = new TestIo();
    expect(await runCli(['runs', 'show', runId, ...MEMORY], show, backend.open)).toBe(0);
    expect(show.stdout).toContain(`Run         ${runId}\n`);
    expect(show.stdout).toContain(`Outcomes    ${updated} updated, ${unchanged} unchanged, 0 skipped, 0 superseded, 0 failed, 0 missing`);
    const report = (await (await backend.sim()).syncState.getRun(runId))?.report;
    const shown = new TestIo();
    await runCli(['runs', 'show', runId, '--json', ...MEMORY], shown, backend.open);
    expect(shown.json()).toMatchObject({ runId, status: 'SUCCEEDED', report });
  });

  it('flags a RUNNING run with no progress for longer than the sweeper waits, and not one that is moving', async () => {
    const backend = new SharedMemoryBackend();
    await runCli(['runs', ...MEMORY], new TestIo(), backend.open);
    await recordRunning(backend, 'chg-stuck', 50);
    await recordRunning(backend, 'chg-moving', 5);
    const list = new TestIo();
    expect(await runCli(['runs', ...MEMORY], list, backend.open)).toBe(0);
    expect(list.stdout).toMatch(/\nchg-moving +CHANGE +RUNNING +PRIMARY,SECURITY +1\/4 +- +- +- +- +5m\n/);
    expect(list.stdout).toMatch(/\nchg-stuck +CHANGE +RUNNING \(STALLED\) +PRIMARY,SECURITY +1\/4 +- +- +- +- +50m\n/);
    expect(list.stdout).toContain('1 RUNNING run(s) made no progress for over 45 minutes');
  });

  it('lists only the runs started since --since, and names a bad date', async () => {
    const backend = new SharedMemoryBackend();
    await runCli(['runs', ...MEMORY], new TestIo(), backend.open);
    await recordRunning(backend, 'chg-old', 50);
    await recordRunning(backend, 'chg-new', 5);
    const now = (await backend.sim()).time.now();
    const since = new Date(now - 10 * MINUTE).toISOString();
    const io = new TestIo();
    expect(await runCli(['runs', '--since', since, '--json', ...MEMORY], io, backend.open)).toBe(0);
    expect(io.json<{ runs: { runId: string }[] }>().runs.map((r) => r.runId)).toEqual(['chg-new']);
    const none = new TestIo();
    await runCli(['runs', '--since', new Date(now).toISOString(), ...MEMORY], none, backend.open);
    expect(none.stdout).toBe('No runs started since then.\n');
    const bad = new TestIo();
    expect(await runCli(['runs', '--since', 'yesterday', ...MEMORY], bad, backend.open)).toBe(64);
    expect(bad.stderr).toBe('error: --since must be an ISO-8601 date or date-time (2026-11-01 or 2026-11-01T09:00:00Z)\n');
  });

  it('shows a running run without its contact values or its initiator', async () => {
    const backend = new SharedMemoryBackend();
    await runCli(['runs', ...MEMORY], new TestIo(), backend.open);
    const run = await recordRunning(backend, 'chg-open', 50);
    for (const args of [[], ['--json']]) {
      const io = new TestIo();
      expect(await runCli(['runs', 'show', 'chg-open', ...args, ...MEMORY], io, backend.open)).toBe(0);
      for (const value of [...Object.values(run.desired?.SECURITY ?? {}).filter((v) => v !== 'SECURITY'), run.initiator])
        expect(io.stdout).not.toContain(value);
      if (args.length === 0) expect(io.stdout).toContain('Status      RUNNING (STALLED: no progress since');
      else expect(io.json()).toMatchObject({ runId: 'chg-open', status: 'RUNNING', stalled: true, items: { done: 1, total: 4 } });
    }
  });

  it('says so when there are no runs, or the run is unknown, and names a bad --limit', async () => {
    const none = new TestIo();
    expect(await runCli(['runs', ...MEMORY], none)).toBe(0);
    expect(none.stdout).toBe('No runs recorded.\n');
    const unknown = new TestIo();
    expect(await runCli(['runs', 'show', 'chg-nope', ...MEMORY], unknown)).toBe(1);
    expect(unknown.stderr).toBe('error: no run chg-nope is recorded (runs are kept 90 days; contact-sync runs lists the recent ones)\n');
    const limit = new TestIo();
    expect(await runCli(['runs', '--limit', '101', ...MEMORY], limit)).toBe(64);
    expect(limit.stderr).toBe('error: --limit must be a whole number from 1 to 100\n');
  });
});

describe('age', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [3599, '59m'],
    [3600, '1h'],
    [86_399, '23h'],
    [86_400, '1d'],
  ])('%i seconds is %s', (seconds, text) => expect(age(seconds)).toBe(text));
});
