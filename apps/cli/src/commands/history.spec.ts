import { AuditEntry, auditEntryFor, ContactKind, OutcomeStatus } from '@contact-sync/domain';
import { runCli } from '../cli';
import { SharedMemoryBackend } from '../testing/memory-backend';
import { TestIo } from '../testing/test-io';

const MEMORY = ['--backend', 'memory'];
const KINDS: ContactKind[] = ['PRIMARY', 'BILLING', 'OPERATIONS', 'SECURITY'];
const STATUSES: OutcomeStatus[] = ['UPDATED', 'UNCHANGED', 'SKIPPED', 'FAILED'];

/** 40 entries of two runs, a minute apart, newest last, over every kind and status; one initiator has a comma and quotes. */
function someEntries(nowMs: number): AuditEntry[] {
  return Array.from({ length: 40 }, (_, i) => {
    const status = STATUSES[i % 4] as OutcomeStatus;
    return auditEntryFor(
      {
        runId: i < 20 ? 'chg-one' : 'chg-two',
        accountId: String(100_000_000_100 + i),
        kind: KINDS[Math.floor(i / 4) % 4] as ContactKind,
        status,
        ...(status === 'UPDATED' ? { action: 'PUT' as const } : {}),
        ...(status === 'FAILED' ? { errorCode: 'THROTTLED' as const } : {}),
        ...(status === 'SKIPPED' ? { skipReason: 'DELETION_NOT_PROPAGATED' as const } : {}),
        beforeFingerprint: 'absent',
        afterFingerprint: 'absent',
        attempts: 1,
        at: new Date(nowMs - (40 - i) * 60_000).toISOString(),
      },
      i === 39 ? 'arn:aws:sts::111111111111:assumed-role/Admin/"alice",bob' : 'arn:aws:iam::111111111111:user/alice',
    );
  });
}

async function withEntries(): Promise<{ backend: SharedMemoryBackend; entries: AuditEntry[] }> {
  const backend = new SharedMemoryBackend();
  await backend.open({ backend: 'memory', seed: 1 });
  const sim = await backend.sim();
  const entries = someEntries(sim.time.now());
  await sim.auditLog.append(entries);
  return { backend, entries };
}

async function history(backend: SharedMemoryBackend, args: readonly string[]) {
  const io = new TestIo();
  const code = await runCli(['history', ...args, ...MEMORY], io, backend.open);
  return { code, io };
}

const newestFirst = (entries: readonly AuditEntry[]) => [...entries].reverse().map((e) => e.entryId);

describe('history', () => {
  it('pages with --next-token: every entry exactly once, newest first, in JSON and in text', async () => {
    const { backend, entries } = await withEntries();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const { code, io } = await history(backend, ['--json', '--limit', '7', ...(token ? ['--next-token', token] : [])]);
      expect(code).toBe(0);
      const page = io.json<{ entries: AuditEntry[]; more: boolean; nextToken?: string }>();
      expect(page.more).toBe(page.nextToken !== undefined);
      seen.push(...page.entries.map((e) => e.entryId));
      token = page.nextToken;
      pages += 1;
    } while (token !== undefined && pages < 20);
    expect(seen).toEqual(newestFirst(entries));
    expect(pages).toBe(6);

    const first = await history(backend, ['--limit', '39']);
    const line = first.io.stdout.trim().split('\n').at(-1) as string;
    expect(line).toMatch(/^Showing 39; for the next 39, run again with --next-token \S+$/);
    const last = await history(backend, ['--limit', '39', '--next-token', line.split(' ').at(-1) as string]);
    expect(last.io.stdout.split('\n').slice(2, 3)[0]).toContain(entries[0]?.entryId.split('#')[1]);
    expect(last.io.stdout).not.toContain('--next-token');
  });

  it('filters by status and kind, in any case, with a run', async () => {
    const { backend, entries } = await withEntries();
    const { code, io } = await history(backend, ['--json', '--status', 'failed,skipped', '--kind', 'security', '--run', 'chg-two']);
    expect(code).toBe(0);
    const expected = entries.filter((e) => ['FAILED', 'SKIPPED'].includes(e.status) && e.kind === 'SECURITY' && e.runId === 'chg-two');
    expect(expected.length).toBeGreaterThan(0);
    expect(io.json<{ entries: AuditEntry[] }>().entries.map((e) => e.entryId)).toEqual(newestFirst(expected));
  });

  it('refuses an unknown or empty status or kind, a bad output and a bad token, naming the option', async () => {
    const { backend } = await withEntries();
    const cases: [string[], number, string][] = [
      [['--status', 'DONE'], 64, 'error: --status: "DONE" is not one of UPDATED, UNCHANGED, SKIPPED, SUPERSEDED, FAILED\n'],
      [['--kind', ''], 64, 'error: --kind must list one or more of PRIMARY, BILLING, OPERATIONS, SECURITY\n'],
      [['--output', 'xml'], 64, 'error: --output must be one of text, json, csv\n'],
      [
        ['--output', 'csv', '--json'],
        64,
        '{"error":{"code":"USAGE","message":"--json and --output csv disagree: give one","exitCode":64}}\n',
      ],
      [['--limit', '1001'], 64, 'error: --limit must be a whole number from 1 to 1000 (a page; --next-token gives the next one)\n'],
      [
        ['--next-token', 'bm9wZQ'],
        1,
        'error: Invalid audit query: cursor: must be a nextCursor returned by an earlier page of the same query\n',
      ],
    ];
    for (const [args, code, stderr] of cases)
      expect(await history(backend, args).then(({ code, io }) => [code, io.stderr])).toEqual([code, stderr]);
  });

  it('writes CSV: a header, CRLF records, quoted fields where RFC 4180 needs them, and the next token on stderr', async () => {
    const { backend, entries } = await withEntries();
    const { code, io } = await history(backend, ['--output', 'csv', '--limit', '2']);
    expect(code).toBe(0);
    const [newest, second] = [entries[39], entries[38]] as [AuditEntry, AuditEntry];
    expect(io.stdout).toBe(
      'at,runId,accountId,kind,status,detail,initiator,beforeFingerprint,afterFingerprint,unconfirmedWrite,entryId\r\n' +
        `${newest.at},chg-two,${newest.accountId},${newest.kind},FAILED,THROTTLED,"arn:aws:sts::111111111111:assumed-role/Admin/""alice"",bob",absent,absent,,${newest.entryId}\r\n` +
        `${second.at},chg-two,${second.accountId},${second.kind},SKIPPED,DELETION_NOT_PROPAGATED,arn:aws:iam::111111111111:user/alice,absent,absent,,${second.entryId}\r\n`,
    );
    expect(io.stderr).toMatch(/^More entries: run again with --next-token \S+\n$/);
  });
});
