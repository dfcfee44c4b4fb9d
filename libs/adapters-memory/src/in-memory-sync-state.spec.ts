import { AccountId, DEFAULT_SYNC_CONFIG, StoredWorkItem, syncConfigOf, WorkItem } from '@contact-sync/domain';
import { anIntent, anOutcome, aReport, aRun, accountIdFor, someItems } from '@contact-sync/port-contracts';
import { InMemorySyncConfig } from './in-memory-sync-config';
import { InMemorySyncState } from './in-memory-sync-state';

const NOW = Date.parse('2026-11-22T09:00:00.000Z');
const AT = '2026-11-22T09:10:00.000Z';

describe('InMemorySyncState snapshot', () => {
  it('restores, through JSON, a state that behaves as the one it was taken from', async () => {
    const before = new InMemorySyncState();
    await before.claimEvent('e-1', 'run-open');
    await before.advanceHead('SECURITY', 'run-open', '2026-11-22T08:59:00.000Z');
    await before.createRun(aRun('run-open', 2));
    await before.putItems(someItems('run-open', 2));
    await before.completeItem('run-open', 'run-open:0', AT);
    expect(await before.claimItem('run-open', 'run-open:1', 'worker-a', NOW, 60_000)).toBe('CLAIMED');
    await before.recordIntent(anIntent('run-open', accountIdFor(2), 'SECURITY'));
    await before.recordOutcomes([anOutcome('run-open', accountIdFor(0), 'SECURITY', AT)]);
    const finished = aRun('run-done', 1);
    await before.createRun(finished);
    await before.finishRun('run-done', aReport(finished));
    await before.markNotified('run-done');

    const after = new InMemorySyncState();
    after.restore(JSON.parse(JSON.stringify(before.snapshot())));

    expect(after.allRuns()).toEqual(before.allRuns());
    expect(await after.listOpenRuns()).toEqual(['run-open']);
    expect(await after.claimEvent('e-1', 'run-open')).toBe(false);
    expect(await after.headOf('SECURITY')).toEqual(await before.headOf('SECURITY'));
    expect(await after.listItems('run-open')).toEqual(await before.listItems('run-open'));
    expect(await after.claimItem('run-open', 'run-open:1', 'worker-b', NOW, 60_000)).toBe('BUSY');
    expect(await after.itemProgress('run-open', [accountIdFor(0), accountIdFor(2)])).toEqual(
      await before.itemProgress('run-open', [accountIdFor(0), accountIdFor(2)]),
    );
    expect(await after.completeItem('run-open', 'run-open:1', AT)).toEqual({ launch: 'LAUNCHED', remaining: 0, finishClaimed: false });
    expect(await after.claimFinish('run-open', 'run-open:1')).toBe(true);
    // The finish claimed before the snapshot stays claimed after it.
    const claimed = new InMemorySyncState();
    claimed.restore(JSON.parse(JSON.stringify(after.snapshot())));
    expect(await claimed.claimFinish('run-open', 'run-open:0')).toBe(false);
  });

  it('replaces what was stored before', async () => {
    const state = new InMemorySyncState();
    await state.createRun(aRun('run-old', 1));
    state.restore(new InMemorySyncState().snapshot());
    expect(state.allRuns()).toEqual([]);
    expect(await state.listOpenRuns()).toEqual([]);
  });
});

describe('InMemorySyncState items', () => {
  it('keeps the items as they were put: a listed item is handed out frozen, and the copy the caller put stays its own', async () => {
    const state = new InMemorySyncState();
    await state.createRun(aRun('run-f', 1));
    const [put] = someItems('run-f', 1) as [WorkItem];
    const mine = { ...put, accountIds: [...put.accountIds] };
    await state.putItems([mine]);
    mine.accountIds.push(accountIdFor(99));
    const restored = new InMemorySyncState();
    restored.restore(JSON.parse(JSON.stringify(state.snapshot())));
    for (const s of [state, restored]) {
      const [listed] = (await s.listItems('run-f', { from: 0, limit: 1 })) as [StoredWorkItem];
      expect(listed.item).toEqual(put);
      expect(() => (listed.item.accountIds as AccountId[]).push(accountIdFor(98))).toThrow(/not extensible/);
      expect(() => Object.assign(listed.item, { runId: 'run-other' })).toThrow(/read only/);
      expect((await s.listItems('run-f'))[0]?.item).toEqual(put);
    }
  });
});

describe('InMemorySyncState progress', () => {
  it('counts the account-kinds with an outcome (once each, redelivered or not) against every run’s targets', async () => {
    const state = new InMemorySyncState();
    expect(state.progress()).toEqual({ done: 0, total: 0 });
    await state.createRun(aRun('run-a', 2, { targetCount: 4 }));
    await state.createRun(aRun('run-b', 1, { targetCount: 2 }));
    const first = anOutcome('run-a', accountIdFor(0), 'SECURITY', AT);
    await state.recordOutcomes([first, anOutcome('run-a', accountIdFor(0), 'PRIMARY', AT)]);
    await state.recordOutcomes([first, anOutcome('run-b', accountIdFor(1), 'SECURITY', AT)]);
    expect(state.progress()).toEqual({ done: 3, total: 6 });
  });
});

describe('InMemorySyncConfig restore', () => {
  it('takes a stored configuration with its version, and locks on that version', async () => {
    const config = syncConfigOf({ kinds: ['SECURITY'] });
    const stored = new InMemorySyncConfig();
    stored.restore({ config, version: 7 });
    expect(await stored.load()).toEqual({ config, version: 7 });
    await expect(stored.save(DEFAULT_SYNC_CONFIG, 6)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await stored.save(DEFAULT_SYNC_CONFIG, 7)).toBe(8);
  });
});
