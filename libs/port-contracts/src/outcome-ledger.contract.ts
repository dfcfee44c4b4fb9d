import { OutcomeLedgerPort, RunStorePort } from '@contact-sync/domain';
import { accountIdFor, anIntent, anOutcome, aRun } from './fixtures';

const AT = '2026-11-22T09:10:00.000Z';

/**
 * The behaviour every {@link OutcomeLedgerPort} shares (runs are recorded first, as the use cases do). `make` returns a port over empty storage (with the roles its set-up needs).
 * Call inside a test file; it declares its own `describe` block.
 */
export function outcomeLedgerContract(adapterName: string, make: () => Promise<OutcomeLedgerPort & RunStorePort>): void {
  describe(`OutcomeLedgerPort contract: ${adapterName}`, () => {
    let state: OutcomeLedgerPort & RunStorePort;
    beforeEach(async () => {
      state = await make();
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
