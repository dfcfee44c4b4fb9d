import { ItemLedgerPort, RunStorePort } from '@contact-sync/domain';
import { aReport, aRun, someItems } from './fixtures';

const NOW = Date.parse('2026-11-22T09:00:00.000Z');
const AT = '2026-11-22T09:10:00.000Z';

/**
 * The behaviour every {@link RunStorePort} shares (items are put and completed to see a run's progress). `make` returns a port over empty storage (with the roles its set-up needs).
 * Call inside a test file; it declares its own `describe` block.
 */
export function runStoreContract(adapterName: string, make: () => Promise<RunStorePort & ItemLedgerPort>): void {
  describe(`RunStorePort contract: ${adapterName}`, () => {
    let state: RunStorePort & ItemLedgerPort;
    beforeEach(async () => {
      state = await make();
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

    describe('claimFinish', () => {
      it('gives the finish to one claimant, once, and never for a run that does not exist', async () => {
        await state.createRun(aRun('run-cf', 2));
        expect(await state.claimFinish('run-cf', 'run-cf:1')).toBe(true);
        expect(await state.claimFinish('run-cf', 'run-cf:1')).toBe(false);
        expect(await state.claimFinish('run-cf', 'run-cf:0')).toBe(false);
        expect(await state.claimFinish('run-none', 'run-none:0')).toBe(false);
        expect(await state.getRun('run-cf')).toEqual(aRun('run-cf', 2));
      });

      it('gives a finish claimed concurrently to exactly one claimant', async () => {
        await state.createRun(aRun('run-cc', 8));
        const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => state.claimFinish('run-cc', `run-cc:${i}`)));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });

      it('is told by a later completion: the finish was claimed', async () => {
        await state.createRun(aRun('run-ct', 1));
        await state.putItems(someItems('run-ct', 1));
        expect(await state.completeItem('run-ct', 'run-ct:0', AT)).toEqual({ launch: 'LAUNCHED', remaining: 0, finishClaimed: false });
        await state.claimFinish('run-ct', 'run-ct:0');
        expect(await state.completeItem('run-ct', 'run-ct:0', AT)).toEqual({ launch: 'LAUNCHED', remaining: 0, finishClaimed: true });
      });
    });
  });
}
