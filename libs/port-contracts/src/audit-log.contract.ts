import { AuditEntry, AuditLogPort, AuditQuery, ClockPort, CONTACT_KINDS, ContactKind, DomainError } from '@contact-sync/domain';
import { ManualTime } from '@contact-sync/domain/testing';
import { accountIdFor, anEntry } from './fixtures';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const isoAgo = (ms: number): string => new Date(NOW - ms).toISOString();

/** Every page of a query, in order. */
async function allPages(log: AuditLogPort, query: AuditQuery): Promise<AuditEntry[][]> {
  const pages: AuditEntry[][] = [];
  let cursor: string | undefined;
  do {
    const page = await log.query({ ...query, cursor });
    pages.push([...page.entries]);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 1000);
  return pages;
}

const ids = (entries: readonly AuditEntry[]): string[] => entries.map((e) => e.entryId);

/** Newest first; ties broken by entry id, descending, as a sort key `${at}#${entryId}` orders them. */
const newestFirst = (entries: readonly AuditEntry[]): AuditEntry[] =>
  [...entries].sort((a, b) => `${b.at}#${b.entryId}`.localeCompare(`${a.at}#${a.entryId}`));

/**
 * The behaviour every {@link AuditLogPort} shares. `make` returns a log over empty storage that
 * reads the time from `clock`. Call inside a test file; it declares its own `describe` block.
 */
export function auditLogContract(adapterName: string, make: (clock: ClockPort) => Promise<AuditLogPort>): void {
  describe(`AuditLogPort contract: ${adapterName}`, () => {
    let time: ManualTime;
    let log: AuditLogPort;
    beforeEach(async () => {
      time = new ManualTime(NOW);
      log = await make(time);
    });

    it('stores an entry once: appending the same id again keeps the first', async () => {
      const first = anEntry('run-1', accountIdFor(1), 'BILLING', isoAgo(HOUR));
      await log.append([first]);
      await log.append([{ ...first, status: 'FAILED', detail: 'THROTTLED' }]);
      expect((await log.query({ runId: 'run-1' })).entries).toEqual([first]);
    });

    it('finds a run entries, newest first, and none of other runs', async () => {
      const entries = [0, 1, 2].map((i) => anEntry('run-2', accountIdFor(i), 'PRIMARY', isoAgo((i + 1) * HOUR)));
      await log.append([...entries, anEntry('run-3', accountIdFor(0), 'PRIMARY', isoAgo(HOUR))]);
      expect((await log.query({ runId: 'run-2' })).entries).toEqual(entries);
    });

    it('finds an account entries across runs, newest first, narrowed by run when both are given', async () => {
      const account = accountIdFor(5);
      const old = anEntry('run-4', account, 'SECURITY', isoAgo(3 * DAY));
      const recent = anEntry('run-5', account, 'SECURITY', isoAgo(HOUR));
      await log.append([old, recent, anEntry('run-5', accountIdFor(6), 'SECURITY', isoAgo(HOUR))]);
      expect((await log.query({ accountId: account })).entries).toEqual([recent, old]);
      expect((await log.query({ accountId: account, runId: 'run-4' })).entries).toEqual([old]);
    });

    it('finds entries since a time, with or without other filters', async () => {
      const entries = [1, 2, 5, 10, 40].map((days, i) => anEntry(`run-t${i}`, accountIdFor(9), 'OPERATIONS', isoAgo(days * DAY)));
      await log.append(entries);
      const since = isoAgo(6 * DAY);
      expect(ids((await log.query({ since })).entries)).toEqual(ids(entries.slice(0, 3)));
      expect(ids((await log.query({ since, accountId: accountIdFor(9) })).entries)).toEqual(ids(entries.slice(0, 3)));
      expect(ids((await log.query({})).entries)).toEqual(ids(entries));
    });

    it('pages through every entry exactly once, in order, whichever index serves the query', async () => {
      const runs = ['run-p', 'run-q', 'run-r'];
      const entries = Array.from({ length: 36 }, (_, i) =>
        anEntry(
          runs[Math.floor(i / 12)] as string,
          accountIdFor(i % 3),
          CONTACT_KINDS[Math.floor(i / 3) % 4] as ContactKind,
          isoAgo(i * 7 * HOUR + (i % 5) * 1000),
        ),
      );
      await log.append(entries);
      for (const query of [{ runId: 'run-p' }, { accountId: accountIdFor(1) }, {}] as AuditQuery[]) {
        const expected = newestFirst(
          entries.filter(
            (e) =>
              (query.accountId === undefined || e.accountId === query.accountId) && (query.runId === undefined || e.runId === query.runId),
          ),
        );
        const pages = await allPages(log, { ...query, limit: 3 });
        expect(pages.every((p) => p.length <= 3)).toBe(true);
        expect(ids(pages.flat())).toEqual(ids(expected));
      }
    });

    it('no longer returns an entry once it has expired (90 days)', async () => {
      const entry = anEntry('run-x', accountIdFor(1), 'BILLING', isoAgo(HOUR));
      await log.append([entry]);
      time.advance(90 * DAY - 2 * HOUR);
      expect((await log.query({ runId: 'run-x' })).entries).toEqual([entry]);
      time.advance(2 * HOUR);
      expect((await log.query({ runId: 'run-x' })).entries).toEqual([]);
    });

    it('rejects a cursor it did not issue, naming the field', async () => {
      await expect(log.query({ runId: 'run-1', cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(DomainError);
      await expect(log.query({ runId: 'run-1', cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    });
  });
}
