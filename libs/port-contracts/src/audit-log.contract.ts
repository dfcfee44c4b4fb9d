import {
  AuditEntry,
  AuditLogPort,
  AuditQuery,
  ClockPort,
  CONTACT_KINDS,
  ContactKind,
  DomainError,
  OUTCOME_STATUSES,
  OutcomeStatus,
} from '@contact-sync/domain';
import { ManualTime } from '@contact-sync/domain/testing';
import fc from 'fast-check';
import { accountIdFor, anEntry } from './fixtures';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const isoAgo = (ms: number): string => new Date(NOW - ms).toISOString();

/** Every page of a query, in order, from its cursor on. */
async function allPages(log: AuditLogPort, query: AuditQuery): Promise<AuditEntry[][]> {
  const pages: AuditEntry[][] = [];
  let cursor = query.cursor;
  do {
    const page = await log.query({ ...query, cursor });
    pages.push([...page.entries]);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < 1000);
  return pages;
}

const ids = (entries: readonly AuditEntry[]): string[] => entries.map((e) => e.entryId);

/** Newest first; ties broken by entry id, descending, as a sort key `${at}#${entryId}` orders them (by code unit, as DynamoDB does). */
const newestFirst = (entries: readonly AuditEntry[]): AuditEntry[] => {
  const key = (e: AuditEntry) => `${e.at}#${e.entryId}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
};

/** Whether an entry matches a query's filters (not its time or page). */
const matches = (e: AuditEntry, q: AuditQuery): boolean =>
  (q.accountId === undefined || e.accountId === q.accountId) &&
  (q.runId === undefined || e.runId === q.runId) &&
  (q.statuses === undefined || q.statuses.includes(e.status)) &&
  (q.kinds === undefined || q.kinds.includes(e.kind));

/** Generated audit trails: up to 60 entries over 3 runs, 4 accounts, every kind and status, within 20 days (several share an instant). */
const auditEntriesArbitrary = fc
  .uniqueArray(
    fc.record({
      run: fc.integer({ min: 0, max: 2 }),
      account: fc.integer({ min: 0, max: 3 }),
      kind: fc.constantFrom(...CONTACT_KINDS),
      status: fc.constantFrom(...OUTCOME_STATUSES),
      minutesAgo: fc.oneof(fc.constant(30), fc.integer({ min: 1, max: 20 * 24 * 60 })),
    }),
    { maxLength: 60, selector: (e) => `${e.run}#${e.account}#${e.kind}` },
  )
  .map((specs) =>
    specs.map((e) =>
      anEntry(`run-g${e.run}`, accountIdFor(e.account), e.kind as ContactKind, isoAgo(e.minutesAgo * 60_000), {
        status: e.status as OutcomeStatus,
      }),
    ),
  );

/** A query of the CLI's shapes: by run, by account, both or neither, maybe narrowed by status and kind. */
const auditQueryArbitrary: fc.Arbitrary<AuditQuery> = fc
  .record({
    run: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    account: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    statuses: fc.option(fc.subarray([...OUTCOME_STATUSES], { minLength: 1 }), { nil: undefined }),
    kinds: fc.option(fc.subarray([...CONTACT_KINDS], { minLength: 1 }), { nil: undefined }),
  })
  .map(({ run, account, statuses, kinds }) => ({
    ...(run !== undefined ? { runId: `run-g${run}` } : {}),
    ...(account !== undefined ? { accountId: accountIdFor(account) } : {}),
    ...(statuses ? { statuses } : {}),
    ...(kinds ? { kinds } : {}),
  }));

/**
 * The behaviour every {@link AuditLogPort} shares. `make` returns a log over empty storage that
 * reads the time from `clock`. Call inside a test file; it declares its own `describe` block.
 */
export function auditLogContract(
  adapterName: string,
  make: (clock: ClockPort) => Promise<AuditLogPort>,
  options: { readonly pagingRuns?: number } = {},
): void {
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

    it('narrows by status and kind, alone or with a run, an account or neither', async () => {
      const entries = [
        anEntry('run-f', accountIdFor(1), 'BILLING', isoAgo(HOUR), { status: 'FAILED', errorCode: 'THROTTLED' }),
        anEntry('run-f', accountIdFor(1), 'SECURITY', isoAgo(2 * HOUR), { status: 'UNCHANGED' }),
        anEntry('run-f', accountIdFor(2), 'SECURITY', isoAgo(3 * HOUR), { status: 'FAILED', errorCode: 'ACCESS_DENIED' }),
        anEntry('run-g', accountIdFor(1), 'SECURITY', isoAgo(4 * HOUR), { status: 'UPDATED' }),
      ];
      await log.append(entries);
      const [billingFailed, securityUnchanged, securityFailed, securityUpdated] = ids(entries);
      expect(ids((await log.query({ statuses: ['FAILED'] })).entries)).toEqual([billingFailed, securityFailed]);
      expect(ids((await log.query({ kinds: ['SECURITY'] })).entries)).toEqual([securityUnchanged, securityFailed, securityUpdated]);
      expect(ids((await log.query({ runId: 'run-f', statuses: ['FAILED'], kinds: ['SECURITY'] })).entries)).toEqual([securityFailed]);
      expect(ids((await log.query({ accountId: accountIdFor(1), statuses: ['UPDATED', 'UNCHANGED'] })).entries)).toEqual([
        securityUnchanged,
        securityUpdated,
      ]);
      expect((await log.query({ runId: 'run-g', statuses: ['FAILED'] })).entries).toEqual([]);
    });

    it('refuses a status or kind that is not one, naming the field', async () => {
      await expect(log.query({ statuses: ['DONE' as OutcomeStatus] })).rejects.toThrow(/statuses/);
      await expect(log.query({ kinds: ['FAX' as ContactKind] })).rejects.toThrow(/kinds/);
      await expect(log.query({ kinds: [] })).rejects.toBeInstanceOf(DomainError);
    });

    it('goes on after the last entry of the previous page: entries appended meanwhile neither repeat nor hide older ones', async () => {
      const entries = Array.from({ length: 6 }, (_, i) => anEntry('run-a', accountIdFor(i), 'BILLING', isoAgo((i + 1) * HOUR)));
      for (const query of [{ runId: 'run-a' }, { kinds: ['BILLING'] }, {}] as AuditQuery[]) {
        const fresh = await make(new ManualTime(NOW));
        await fresh.append(entries);
        const first = await fresh.query({ ...query, limit: 2 });
        await fresh.append([anEntry('run-a', accountIdFor(10), 'BILLING', isoAgo(HOUR / 2))]);
        const rest = await allPages(fresh, { ...query, limit: 2, cursor: first.nextCursor });
        expect([...ids(first.entries), ...ids(rest.flat())]).toEqual(ids(entries));
      }
    });

    it('pages through every matching entry exactly once, newest first, for any trail, query and page size (property)', async () => {
      await fc.assert(
        fc.asyncProperty(auditEntriesArbitrary, auditQueryArbitrary, fc.integer({ min: 1, max: 7 }), async (entries, query, limit) => {
          const fresh = await make(new ManualTime(NOW));
          await fresh.append(entries);
          const pages = await allPages(fresh, { ...query, limit });
          expect(pages.every((p) => p.length <= limit)).toBe(true);
          // A page is never empty but when the whole result is.
          expect(pages.slice(0, -1).every((p) => p.length > 0)).toBe(true);
          expect(ids(pages.flat())).toEqual(ids(newestFirst(entries.filter((e) => matches(e, query)))));
        }),
        { numRuns: options.pagingRuns ?? 100 },
      );
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
