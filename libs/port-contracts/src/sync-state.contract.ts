import { SyncStatePort, WorkItem } from '@contact-sync/domain';
import { accountIdFor, anIntent, anOutcome, aReport, aRun, someItems } from './fixtures';

const NOW = Date.parse('2026-11-22T09:00:00.000Z');
const AT = '2026-11-22T09:10:00.000Z';

/**
 * The behaviour every {@link SyncStatePort} shares. `make` returns a port over empty storage.
 * Call inside a test file; it declares its own `describe` block.
 */
export function syncStateContract(adapterName: string, make: () => Promise<SyncStatePort>): void {
  describe(`SyncStatePort contract: ${adapterName}`, () => {
    let state: SyncStatePort;
    beforeEach(async () => {
      state = await make();
    });

    describe('claimEvent', () => {
      it('takes an event once; a second delivery is a duplicate', async () => {
        expect(await state.claimEvent('e-1', 'chg-e-1')).toBe(true);
        expect(await state.claimEvent('e-1', 'chg-e-1')).toBe(false);
        expect(await state.claimEvent('e-2', 'chg-e-2')).toBe(true);
      });

      it('gives a concurrently delivered event to exactly one caller', async () => {
        const claims = await Promise.all(Array.from({ length: 6 }, () => state.claimEvent('e-3', 'chg-e-3')));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('writes in doubt', () => {
      it('keeps the later due time per account-kind, answers those due soonest first, and clears only the one verified', async () => {
        await state.recordDoubt({ accountId: '111111111111', kind: 'SECURITY', dueAtMs: 5_000 });
        await state.recordDoubt({ accountId: '111111111111', kind: 'SECURITY', dueAtMs: 3_000 });
        await state.recordDoubt({ accountId: '222222222222', kind: 'SECURITY', dueAtMs: 2_000 });
        await state.recordDoubt({ accountId: '111111111111', kind: 'BILLING', dueAtMs: 9_000 });
        expect(await state.dueDoubts(1_999, 10)).toEqual([]);
        expect(await state.dueDoubts(5_000, 10)).toEqual([
          { accountId: '222222222222', kind: 'SECURITY', dueAtMs: 2_000 },
          { accountId: '111111111111', kind: 'SECURITY', dueAtMs: 5_000 },
        ]);
        expect(await state.dueDoubts(10_000, 1)).toEqual([{ accountId: '222222222222', kind: 'SECURITY', dueAtMs: 2_000 }]);
        // Verified at 5 s, while a later write came into doubt: the later doubt stays.
        await state.recordDoubt({ accountId: '111111111111', kind: 'SECURITY', dueAtMs: 7_000 });
        await state.clearDoubt({ accountId: '111111111111', kind: 'SECURITY', dueAtMs: 5_000 });
        await state.clearDoubt({ accountId: '222222222222', kind: 'SECURITY', dueAtMs: 2_000 });
        expect(await state.dueDoubts(10_000, 10)).toEqual([
          { accountId: '111111111111', kind: 'SECURITY', dueAtMs: 7_000 },
          { accountId: '111111111111', kind: 'BILLING', dueAtMs: 9_000 },
        ]);
        // A doubt cleared and recorded again is due again.
        await state.recordDoubt({ accountId: '222222222222', kind: 'SECURITY', dueAtMs: 1_000 });
        expect(await state.dueDoubts(1_000, 10)).toEqual([{ accountId: '222222222222', kind: 'SECURITY', dueAtMs: 1_000 }]);
      });
    });

    describe('kind heads', () => {
      it('gives each run that asks the next generation, whatever time it names, and the same run its own again', async () => {
        expect(await state.headOf('BILLING')).toBeUndefined();
        expect(await state.advanceHead('BILLING', 'run-1', '2026-11-22T10:00:00.000Z')).toBe(1);
        expect(await state.advanceHead('BILLING', 'run-1', '2026-11-22T10:00:00.000Z')).toBe(1);
        // An event time skewed into the past or the future orders nothing: the claim does.
        expect(await state.advanceHead('BILLING', 'run-0', '2026-11-22T09:59:59.000Z')).toBe(2);
        expect(await state.advanceHead('BILLING', 'run-2', '2026-11-23T10:00:00.000Z')).toBe(3);
        expect(await state.advanceHead('SECURITY', 'run-3', '2026-11-22T09:00:00.000Z')).toBe(1);
        expect(await state.advanceHead('BILLING', 'run-1', '2026-11-22T10:00:00.000Z')).toBe(4);
        expect(await state.headOf('BILLING')).toEqual({
          kind: 'BILLING',
          generation: 4,
          runId: 'run-1',
          requestedAt: '2026-11-22T10:00:00.000Z',
        });
        expect(await state.headOf('SECURITY')).toEqual({
          kind: 'SECURITY',
          generation: 1,
          runId: 'run-3',
          requestedAt: '2026-11-22T09:00:00.000Z',
        });
      });

      it('gives concurrent runs distinct generations', async () => {
        const generations = await Promise.all(
          Array.from({ length: 8 }, (_, i) => state.advanceHead('OPERATIONS', `run-${i}`, '2026-11-22T10:00:00.000Z')),
        );
        expect(new Set(generations).size).toBe(8);
        expect((await state.headOf('OPERATIONS'))?.generation).toBe(Math.max(...(generations as number[])));
      });
    });

    describe('runs', () => {
      it('stores a run and reads it back; an unknown run is undefined', async () => {
        const run = aRun('run-a', 3);
        expect(await state.createRun(run)).toBe(true);
        expect(await state.getRun('run-a')).toEqual(run);
        expect(await state.getRun('run-unknown')).toBeUndefined();
      });

      it('keeps the first run recorded under an id', async () => {
        await state.createRun(aRun('run-a2', 3));
        expect(await state.createRun(aRun('run-a2', 9, { trigger: 'RECONCILE' }))).toBe(false);
        expect(await state.getRun('run-a2')).toEqual(aRun('run-a2', 3));
      });

      it('keeps a run without its optional fields as it was', async () => {
        const {
          onlyAccounts: _o,
          excludeAccounts: _e,
          generations: _g,
          desired: _d,
          unreadableKinds: _u,
          eventId: _ev,
          ...bare
        } = aRun('run-b', 0, { launch: 'CREATED', trigger: 'RECONCILE', dryRun: true, supersedes: false });
        await state.createRun(bare);
        expect(await state.getRun('run-b')).toEqual(bare);
      });

      it('updates the launch fields of a run', async () => {
        const { generations: _g, desired: _d, ...created } = aRun('run-u', 0, { launch: 'CREATED' });
        await state.createRun(created);
        await state.updateRun('run-u', { launch: 'CLAIMED', generations: { SECURITY: 4 }, desired: { SECURITY: null } });
        await state.updateRun('run-u', { launch: 'LAUNCHED', totalItems: 5, targetCount: 10 });
        await state.updateRun('run-u', { redrives: 2, progressAt: AT });
        expect(await state.getRun('run-u')).toEqual({
          ...created,
          launch: 'LAUNCHED',
          generations: { SECURITY: 4 },
          desired: { SECURITY: null },
          totalItems: 5,
          targetCount: 10,
          redrives: 2,
          progressAt: AT,
        });
      });

      it('updates a run on a condition only while the stored run meets it: not finished, in the phase, with the fields named', async () => {
        const { generations: _g, desired: _d, ...created } = aRun('run-cu', 0, { launch: 'CREATED' });
        await state.createRun(created);
        expect(await state.updateRun('run-cu', { launch: 'CLAIMED' }, { launch: 'CREATED' })).toBe(true);
        expect(await state.updateRun('run-cu', { launch: 'CLAIMED', generations: { SECURITY: 9 } }, { launch: 'CREATED' })).toBe(false);
        // No items listed yet: 0 matches the absent counters.
        const first = { listedItems: 2, listedAccounts: 40, enqueuedItems: 0, listed: false, listCursor: 'page-2' };
        expect(await state.updateRun('run-cu', first, { launch: 'CLAIMED', listedItems: 0, enqueuedItems: 0 })).toBe(true);
        expect(await state.updateRun('run-cu', { listedItems: 1 }, { launch: 'CLAIMED', listedItems: 0 })).toBe(false);
        expect(await state.updateRun('run-cu', { enqueuedItems: 2 }, { launch: 'CLAIMED', listedItems: 2 })).toBe(true);
        expect(await state.updateRun('run-cu', { listedItems: 3 }, { launch: 'CLAIMED', listedItems: 2, enqueuedItems: 0 })).toBe(false);
        expect(await state.updateRun('run-cu', { listed: false }, { launch: 'CLAIMED', listed: false })).toBe(true);
        expect(await state.updateRun('run-cu', { listed: true }, { launch: 'CLAIMED', listed: true })).toBe(false);
        expect(await state.updateRun('run-cu', { redrives: 1 }, { launch: 'CLAIMED', redrives: 0 })).toBe(true);
        expect(await state.updateRun('run-cu', { redrives: 1 }, { launch: 'CLAIMED', redrives: 0 })).toBe(false);
        expect(await state.updateRun('run-missing', { redrives: 1 }, { launch: 'CLAIMED' })).toBe(false);
        expect(await state.getRun('run-cu')).toEqual({ ...created, launch: 'CLAIMED', ...first, enqueuedItems: 2, redrives: 1 });
        await state.finishRun('run-cu', aReport(created));
        expect(await state.updateRun('run-cu', { redrives: 2 }, { launch: 'CLAIMED', redrives: 1 })).toBe(false);
        expect((await state.getRun('run-cu'))?.redrives).toBe(1);
      });

      it('keeps a run open until it is finished and notified; the first report stored wins', async () => {
        const run = aRun('run-c', 1);
        await state.createRun(run);
        await state.createRun(aRun('run-c2', 1));
        expect((await state.listOpenRuns()).sort()).toEqual(['run-c', 'run-c2']);
        expect((await state.getRun('run-c'))?.desired).toEqual(run.desired);
        expect(await state.finishRun('run-c', aReport(run))).toEqual(aReport(run));
        expect(await state.finishRun('run-c', aReport(run, { updated: 99 }))).toEqual(aReport(run));
        const { desired: _desired, ...kept } = run;
        expect(await state.getRun('run-c')).toEqual({ ...kept, status: 'FINISHED', report: aReport(run) });
        expect((await state.listOpenRuns()).sort()).toEqual(['run-c', 'run-c2']);
        await state.markNotified('run-c');
        expect(await state.listOpenRuns()).toEqual(['run-c2']);
        expect(await state.getRun('run-c')).toMatchObject({ status: 'FINISHED', notified: true });
      });
    });

    describe('cancelRun', () => {
      it('cancels an open run once, keeps it open until it is finished, and never cancels a finished run', async () => {
        const run = aRun('run-x', 2);
        await state.createRun(run);
        await state.createRun(aRun('run-y', 1));
        expect(await state.cancelRun('run-x', AT, 'arn:aws:iam::111111111111:role/ops')).toBe('CANCELLED');
        expect(await state.cancelRun('run-x', '2026-11-22T09:20:00.000Z', 'someone-else')).toBe('ALREADY_CANCELLED');
        expect(await state.getRun('run-x')).toMatchObject({
          status: 'RUNNING',
          cancelledAt: AT,
          cancelledBy: 'arn:aws:iam::111111111111:role/ops',
        });
        expect((await state.listOpenRuns()).sort()).toEqual(['run-x', 'run-y']);
        await state.finishRun('run-y', aReport(aRun('run-y', 1)));
        expect(await state.cancelRun('run-y', AT, 'ops')).toBe('FINISHED');
        expect((await state.getRun('run-y'))?.cancelledAt).toBeUndefined();
        expect(await state.cancelRun('run-none', AT, 'ops')).toBe('NOT_FOUND');
      });

      it('lets exactly one of concurrent cancellations cancel the run', async () => {
        await state.createRun(aRun('run-z', 1));
        const marks = await Promise.all(Array.from({ length: 5 }, (_, i) => state.cancelRun('run-z', AT, `ops-${i}`)));
        expect(marks.filter((m) => m === 'CANCELLED')).toHaveLength(1);
        expect(marks.filter((m) => m === 'ALREADY_CANCELLED')).toHaveLength(4);
      });
    });

    describe('recentRuns', () => {
      it('lists the most recently started runs first, finished or not, with their progress, up to the limit', async () => {
        const at = (minute: number) => `2026-11-22T09:${String(minute).padStart(2, '0')}:00.000Z`;
        for (const [runId, minute] of [
          ['run-r1', 1],
          ['run-r3', 3],
          ['run-r2', 2],
        ] as const)
          await state.createRun(aRun(runId, 2, { startedAt: at(minute) }));
        await state.putItems(someItems('run-r3', 2));
        await state.completeItem('run-r3', 'run-r3:0', AT);
        const finished = aRun('run-r1', 2, { startedAt: at(1) });
        await state.finishRun('run-r1', aReport(finished));
        const recent = await state.recentRuns(10);
        expect(recent.map((r) => [r.runId, r.status, r.completedItems])).toEqual([
          ['run-r3', 'RUNNING', 1],
          ['run-r2', 'RUNNING', 0],
          ['run-r1', 'FINISHED', 0],
        ]);
        expect(recent[2]?.report).toEqual(aReport(finished));
        expect((await state.recentRuns(2)).map((r) => r.runId)).toEqual(['run-r3', 'run-r2']);
      });

      it('is empty when no run was recorded', async () => {
        expect(await state.recentRuns(5)).toEqual([]);
      });
    });

    describe('claimLaunch', () => {
      it('gives a run launch to one holder at a time until the lease runs out', async () => {
        await state.createRun(aRun('run-k', 1, { launch: 'CREATED' }));
        expect(await state.claimLaunch('run-k', 'l1', NOW, 60_000)).toBe(true);
        expect(await state.claimLaunch('run-k', 'l2', NOW + 59_000, 60_000)).toBe(false);
        expect(await state.claimLaunch('run-k', 'l1', NOW + 59_500, 60_000)).toBe(true);
        expect(await state.claimLaunch('run-k', 'l2', NOW + 119_501, 60_000)).toBe(true);
        expect(await state.claimLaunch('run-missing', 'l1', NOW, 60_000)).toBe(false);
        expect(await state.claimLaunch('run-k', 'l3', NOW + 119_600, 60_000)).toBe(false);
        expect(await state.claimLaunch('run-k', 'l2', NOW + 119_700, 0)).toBe(true);
        expect(await state.claimLaunch('run-k', 'l3', NOW + 119_700, 60_000)).toBe(true);
        expect(await state.getRun('run-k')).toEqual(aRun('run-k', 1, { launch: 'CREATED' }));
      });

      it('gives a launch claimed concurrently to exactly one holder', async () => {
        await state.createRun(aRun('run-kc', 1, { launch: 'CREATED' }));
        const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => state.claimLaunch('run-kc', `l${i}`, NOW, 60_000)));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('items', () => {
      it('stores items and lists them with whether they are done', async () => {
        await state.createRun(aRun('run-i', 3));
        const items = someItems('run-i', 3);
        await state.putItems(items);
        await state.completeItem('run-i', (items[1] as { itemId: string }).itemId, AT);
        const listed = await state.listItems('run-i');
        expect(listed.sort((a, b) => a.item.itemId.localeCompare(b.item.itemId))).toEqual(
          items.map((item, i) => ({ item, done: i === 1 })),
        );
        expect(await state.listItems('run-none')).toEqual([]);
      });

      it('lists a range of items by index, in index order', async () => {
        await state.createRun(aRun('run-r', 12));
        const items = someItems('run-r', 12);
        await state.putItems([...items].reverse());
        expect((await state.listItems('run-r', { from: 3, limit: 4 })).map((s) => s.item)).toEqual(items.slice(3, 7));
        expect((await state.listItems('run-r', { from: 10, limit: 5 })).map((s) => s.item)).toEqual(items.slice(10));
        expect((await state.listItems('run-r')).map((s) => s.item)).toEqual(items);
      });

      it('lists items in index order while they are put page after page, in order or not, and put again', async () => {
        await state.createRun(aRun('run-p', 12));
        const items = someItems('run-p', 12);
        const ids = items.map((item) => item.itemId);
        const indexes = async (range?: { from: number; limit: number }) =>
          (await state.listItems('run-p', range)).map((s) => ids.indexOf(s.item.itemId));
        const at = (...positions: number[]) => positions.map((p) => items[p] as WorkItem);
        await state.putItems(items.slice(0, 4));
        expect(await indexes({ from: 2, limit: 1 })).toEqual([2]);
        await state.putItems(items.slice(4, 8));
        expect(await indexes({ from: 3, limit: 3 })).toEqual([3, 4, 5]);
        await state.putItems(at(11, 9));
        expect(await indexes({ from: 8, limit: 4 })).toEqual([9, 11]);
        await state.putItems(at(10, 8, 0));
        expect(await indexes({ from: 7, limit: 3 })).toEqual([7, 8, 9]);
        expect(await indexes()).toEqual(items.map((_, i) => i));
      });

      it('leases an item to one holder at a time until the lease runs out, and never a done one', async () => {
        await state.createRun(aRun('run-l', 1));
        await state.putItems(someItems('run-l', 1));
        expect(await state.claimItem('run-l', 'run-l:0', 'w1', NOW, 60_000)).toBe('CLAIMED');
        expect(await state.claimItem('run-l', 'run-l:0', 'w2', NOW + 59_000, 60_000)).toBe('BUSY');
        expect(await state.claimItem('run-l', 'run-l:0', 'w1', NOW + 1000, 60_000)).toBe('CLAIMED');
        expect(await state.claimItem('run-l', 'run-l:0', 'w2', NOW + 61_001, 60_000)).toBe('CLAIMED');
        await state.releaseItem('run-l', 'run-l:0', 'w1');
        expect(await state.claimItem('run-l', 'run-l:0', 'w3', NOW + 61_002, 60_000)).toBe('BUSY');
        await state.releaseItem('run-l', 'run-l:0', 'w2');
        expect(await state.claimItem('run-l', 'run-l:0', 'w3', NOW + 61_003, 60_000)).toBe('CLAIMED');
        await state.completeItem('run-l', 'run-l:0', AT);
        expect(await state.claimItem('run-l', 'run-l:0', 'w4', NOW + 10 * 60_000, 60_000)).toBe('DONE');
        expect(await state.claimItem('run-l', 'run-l:9', 'w4', NOW, 60_000)).toBe('UNKNOWN');
      });

      it('gives an item claimed concurrently to exactly one holder', async () => {
        await state.createRun(aRun('run-lc', 1));
        await state.putItems(someItems('run-lc', 1));
        const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => state.claimItem('run-lc', 'run-lc:0', `w${i}`, NOW, 60_000)));
        expect(claims.filter((c) => c === 'CLAIMED')).toHaveLength(1);
      });
    });

    describe('completeItem', () => {
      it('gives nobody the finish while the run is still launching, and lets a repeated completion claim it once the run is LAUNCHED', async () => {
        await state.createRun(aRun('run-dl', 0, { launch: 'CLAIMED' }));
        await state.putItems(someItems('run-dl', 2));
        expect(await state.completeItem('run-dl', 'run-dl:0', AT)).toBe(false);
        expect(await state.completeItem('run-dl', 'run-dl:1', AT)).toBe(false);
        await state.updateRun('run-dl', { launch: 'LAUNCHED', totalItems: 2 });
        const again = await Promise.all([state.completeItem('run-dl', 'run-dl:0', AT), state.completeItem('run-dl', 'run-dl:1', AT)]);
        expect(again.filter(Boolean)).toHaveLength(1);
        expect(await state.getRun('run-dl')).toMatchObject({ completedItems: 2 });
      });

      it('answers true once, to the caller that completes the last item, counts each item once and records progress', async () => {
        await state.createRun(aRun('run-d', 3));
        await state.putItems(someItems('run-d', 3));
        expect(await state.completeItem('run-d', 'run-d:0', AT)).toBe(false);
        expect(await state.completeItem('run-d', 'run-d:1', AT)).toBe(false);
        expect(await state.completeItem('run-d', 'run-d:1', AT)).toBe(false);
        expect(await state.getRun('run-d')).toMatchObject({ completedItems: 2, progressAt: AT });
        expect(await state.completeItem('run-d', 'run-d:2', AT)).toBe(true);
        expect(await state.completeItem('run-d', 'run-d:2', AT)).toBe(false);
        expect(await state.completeItem('run-d', 'run-d:0', AT)).toBe(false);
        expect((await state.getRun('run-d'))?.completedItems).toBe(3);
      });

      it('lets exactly one of many concurrent workers finish a run', async () => {
        await state.createRun(aRun('run-e', 40));
        await state.putItems(someItems('run-e', 40));
        const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => state.completeItem('run-e', `run-e:${i}`, AT)));
        expect(answers.filter(Boolean)).toHaveLength(1);
        expect((await state.getRun('run-e'))?.completedItems).toBe(40);
      });

      it('lets exactly one finish when the last item is delivered twice at the same moment', async () => {
        await state.createRun(aRun('run-f', 2));
        await state.putItems(someItems('run-f', 2));
        await state.completeItem('run-f', 'run-f:0', AT);
        const answers = await Promise.all([state.completeItem('run-f', 'run-f:1', AT), state.completeItem('run-f', 'run-f:1', AT)]);
        expect(answers.filter(Boolean)).toHaveLength(1);
      });

      it('answers false for a run or an item that does not exist', async () => {
        expect(await state.completeItem('run-missing', 'run-missing:0', AT)).toBe(false);
        await state.createRun(aRun('run-g0', 1));
        expect(await state.completeItem('run-g0', 'run-g0:0', AT)).toBe(false);
      });
    });

    describe('outcomes and intents', () => {
      it('stores an outcome once: a later outcome of the same account and kind never replaces it', async () => {
        await state.createRun(aRun('run-g', 1));
        const outcomes = Array.from({ length: 130 }, (_, i) => anOutcome('run-g', accountIdFor(i), 'SECURITY', '2026-11-22T09:01:00.000Z'));
        await state.recordOutcomes(outcomes);
        await state.recordOutcomes([
          anOutcome('run-g', accountIdFor(0), 'SECURITY', '2026-11-22T09:02:00.000Z', { status: 'UNCHANGED', action: undefined }),
        ]);
        await state.recordOutcomes([anOutcome('run-other', accountIdFor(0), 'SECURITY', '2026-11-22T09:03:00.000Z')]);
        const listed = await state.listOutcomes('run-g');
        expect(listed).toHaveLength(130);
        expect(listed.find((o) => o.accountId === accountIdFor(0))).toEqual(outcomes[0]);
        expect(await state.listOutcomes('run-none')).toEqual([]);
      });

      it('keeps every field of an outcome', async () => {
        await state.createRun(aRun('run-h', 1));
        const failed = anOutcome('run-h', accountIdFor(1), 'PRIMARY', AT, {
          status: 'FAILED',
          action: undefined,
          errorCode: 'THROTTLED',
          requestId: 'req-1',
          attempts: 8,
          unconfirmedWrite: true,
        });
        const skipped = anOutcome('run-h', accountIdFor(2), 'SECURITY', AT, {
          status: 'SKIPPED',
          action: undefined,
          skipReason: 'EXCLUDED_BY_OU',
          skipRule: 'ou-ab12-sandbox01',
          attempts: 0,
        });
        await state.recordOutcomes([failed, skipped]);
        expect(await state.listOutcomes('run-h')).toEqual([failed, skipped]);
      });

      it('tells the outcomes and write intents of an item, and lists a run intents', async () => {
        await state.createRun(aRun('run-p', 1));
        await state.recordIntent(anIntent('run-p', accountIdFor(1), 'SECURITY'));
        await state.recordIntent(anIntent('run-p', accountIdFor(1), 'SECURITY', { action: 'DELETE', afterFingerprint: 'c'.repeat(16) }));
        await state.recordIntent(anIntent('run-p', accountIdFor(7), 'SECURITY'));
        await state.recordOutcomes([
          anOutcome('run-p', accountIdFor(2), 'PRIMARY', AT),
          anOutcome('run-p', accountIdFor(8), 'PRIMARY', AT),
        ]);
        const progress = await state.itemProgress('run-p', [accountIdFor(1), accountIdFor(2), accountIdFor(3)]);
        expect(progress).toEqual({
          outcomes: [anOutcome('run-p', accountIdFor(2), 'PRIMARY', AT)],
          intents: [anIntent('run-p', accountIdFor(1), 'SECURITY', { action: 'DELETE', afterFingerprint: 'c'.repeat(16) })],
        });
        expect((await state.listIntents('run-p')).map((i) => i.accountId).sort()).toEqual([accountIdFor(1), accountIdFor(7)]);
        expect(await state.itemProgress('run-none', [accountIdFor(1)])).toEqual({ outcomes: [], intents: [] });
      });
    });
  });
}
