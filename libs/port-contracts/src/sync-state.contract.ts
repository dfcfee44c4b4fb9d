import { SyncStatePort } from '@contact-sync/domain';
import { accountIdFor, anOutcome, aReport, aRun } from './fixtures';

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

    describe('advanceWatermark', () => {
      it('moves forward or stays, refuses to move back, and keeps kinds apart', async () => {
        expect(await state.advanceWatermark('BILLING', '2026-11-22T10:00:00Z')).toBe(true);
        expect(await state.advanceWatermark('BILLING', '2026-11-22T10:00:00Z')).toBe(true);
        expect(await state.advanceWatermark('BILLING', '2026-11-22T09:59:59Z')).toBe(false);
        expect(await state.advanceWatermark('SECURITY', '2026-11-22T09:00:00Z')).toBe(true);
        expect(await state.advanceWatermark('BILLING', '2026-11-22T11:00:00.000Z')).toBe(true);
        expect(await state.advanceWatermark('BILLING', '2026-11-22T10:30:00Z')).toBe(false);
      });
    });

    describe('runs', () => {
      it('stores a run and reads it back; an unknown run is undefined', async () => {
        const run = aRun('run-a', 3);
        await state.createRun(run);
        expect(await state.getRun('run-a')).toEqual(run);
        expect(await state.getRun('run-unknown')).toBeUndefined();
      });

      it('keeps a run without its optional fields as it was', async () => {
        const run = aRun('run-b', 1, { eventId: undefined, accountIds: undefined, trigger: 'RECONCILE', dryRun: true });
        await state.createRun(run);
        const stored = await state.getRun('run-b');
        expect(stored).toEqual(run);
      });

      it('stores the final report and marks the run finished', async () => {
        const run = aRun('run-c', 1);
        await state.createRun(run);
        await state.finishRun('run-c', aReport(run));
        expect(await state.getRun('run-c')).toMatchObject({ status: 'FINISHED', report: aReport(run) });
      });
    });

    describe('completeItem', () => {
      it('answers true once, to the caller that completes the last item, and counts each item once', async () => {
        await state.createRun(aRun('run-d', 3));
        expect(await state.completeItem('run-d', 'run-d:0')).toBe(false);
        expect(await state.completeItem('run-d', 'run-d:1')).toBe(false);
        expect(await state.completeItem('run-d', 'run-d:1')).toBe(false);
        expect((await state.getRun('run-d'))?.completedItems).toBe(2);
        expect(await state.completeItem('run-d', 'run-d:2')).toBe(true);
        expect(await state.completeItem('run-d', 'run-d:2')).toBe(false);
        expect(await state.completeItem('run-d', 'run-d:0')).toBe(false);
        expect((await state.getRun('run-d'))?.completedItems).toBe(3);
      });

      it('lets exactly one of many concurrent workers finish a run', async () => {
        await state.createRun(aRun('run-e', 40));
        const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => state.completeItem('run-e', `run-e:${i}`)));
        expect(answers.filter(Boolean)).toHaveLength(1);
        expect((await state.getRun('run-e'))?.completedItems).toBe(40);
      });

      it('lets exactly one finish when the last item is delivered twice at the same moment', async () => {
        await state.createRun(aRun('run-f', 2));
        await state.completeItem('run-f', 'run-f:0');
        const answers = await Promise.all([state.completeItem('run-f', 'run-f:1'), state.completeItem('run-f', 'run-f:1')]);
        expect(answers.filter(Boolean)).toHaveLength(1);
      });

      it('answers false for a run that does not exist', async () => {
        expect(await state.completeItem('run-missing', 'run-missing:0')).toBe(false);
      });
    });

    describe('outcomes', () => {
      it('lists every outcome of a run, the latest per account and kind, and none of other runs', async () => {
        const outcomes = Array.from({ length: 130 }, (_, i) => anOutcome('run-g', accountIdFor(i), 'BILLING', '2026-11-22T09:01:00.000Z'));
        await state.recordOutcomes(outcomes);
        await state.recordOutcomes([anOutcome('run-g', accountIdFor(0), 'BILLING', '2026-11-22T09:02:00.000Z', { status: 'FAILED', action: undefined, errorCode: 'THROTTLED', requestId: 'req-1', attempts: 8 })]);
        await state.recordOutcomes([anOutcome('run-other', accountIdFor(0), 'BILLING', '2026-11-22T09:03:00.000Z')]);
        const listed = await state.listOutcomes('run-g');
        expect(listed).toHaveLength(130);
        expect(listed.find((o) => o.accountId === accountIdFor(0))).toEqual(
          anOutcome('run-g', accountIdFor(0), 'BILLING', '2026-11-22T09:02:00.000Z', { status: 'FAILED', action: undefined, errorCode: 'THROTTLED', requestId: 'req-1', attempts: 8 }),
        );
        expect(await state.listOutcomes('run-none')).toEqual([]);
      });

      it('finds an account outcomes newest first, up to the limit', async () => {
        const account = accountIdFor(7);
        await state.recordOutcomes([
          anOutcome('run-1', account, 'PRIMARY', '2026-11-20T09:00:00.000Z'),
          anOutcome('run-2', account, 'PRIMARY', '2026-11-22T09:00:00.000Z'),
          anOutcome('run-2', accountIdFor(8), 'PRIMARY', '2026-11-22T09:00:00.000Z'),
          anOutcome('run-3', account, 'SECURITY', '2026-11-21T09:00:00.000Z', { status: 'UNCHANGED', action: undefined }),
        ]);
        const found = await state.outcomesForAccount(account, 2);
        expect(found.map((o) => [o.runId, o.kind])).toEqual([
          ['run-2', 'PRIMARY'],
          ['run-3', 'SECURITY'],
        ]);
        expect(found[1]).toEqual(anOutcome('run-3', account, 'SECURITY', '2026-11-21T09:00:00.000Z', { status: 'UNCHANGED', action: undefined }));
      });
    });
  });
}
