import { completeItemAndClaimFinish, ItemLedgerPort, RunStorePort, WorkItem } from '@contact-sync/domain';
import { aRun, someItems } from './fixtures';

const NOW = Date.parse('2026-11-22T09:00:00.000Z');
const AT = '2026-11-22T09:10:00.000Z';
const LATER = '2026-11-22T09:20:00.000Z';

/**
 * The behaviour every {@link ItemLedgerPort} shares, and the finish claim the domain makes over it with a {@link RunStorePort}. `make` returns a port over empty storage (with the roles its set-up needs).
 * Call inside a test file; it declares its own `describe` block.
 */
export function itemLedgerContract(adapterName: string, make: () => Promise<ItemLedgerPort & RunStorePort>): void {
  describe(`ItemLedgerPort contract: ${adapterName}`, () => {
    let state: ItemLedgerPort & RunStorePort;
    beforeEach(async () => {
      state = await make();
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
      it('counts each item once, records progress, and tells the run phase and the items left', async () => {
        await state.createRun(aRun('run-d', 3));
        await state.putItems(someItems('run-d', 3));
        expect(await state.completeItem('run-d', 'run-d:0', AT)).toEqual({ launch: 'LAUNCHED', remaining: 2, finishClaimed: false });
        expect(await state.completeItem('run-d', 'run-d:1', AT)).toEqual({ launch: 'LAUNCHED', remaining: 1, finishClaimed: false });
        expect(await state.completeItem('run-d', 'run-d:1', LATER)).toEqual({ launch: 'LAUNCHED', remaining: 1, finishClaimed: false });
        expect(await state.getRun('run-d')).toMatchObject({ completedItems: 2, progressAt: AT });
        expect(await state.completeItem('run-d', 'run-d:2', LATER)).toEqual({ launch: 'LAUNCHED', remaining: 0, finishClaimed: false });
        expect(await state.getRun('run-d')).toMatchObject({ completedItems: 3, progressAt: LATER });
      });

      it('tells a run still launching by its phase', async () => {
        await state.createRun(aRun('run-dp', 0, { launch: 'CLAIMED' }));
        await state.putItems(someItems('run-dp', 1));
        expect(await state.completeItem('run-dp', 'run-dp:0', AT)).toEqual({ launch: 'CLAIMED', remaining: -1, finishClaimed: false });
      });

      it('answers undefined for a run or an item that does not exist', async () => {
        expect(await state.completeItem('run-missing', 'run-missing:0', AT)).toBeUndefined();
        await state.createRun(aRun('run-g0', 1));
        expect(await state.completeItem('run-g0', 'run-g0:0', AT)).toBeUndefined();
        expect(await state.completeItem('run-g0', 'not-of-the-run:0', AT)).toBeUndefined();
      });
    });

    describe('the finish claim (completeItemAndClaimFinish over this store)', () => {
      const finish = (runId: string, itemId: string) => completeItemAndClaimFinish(state, state, runId, itemId, AT);

      it('gives nobody the finish while the run is still launching, and lets a repeated completion claim it once the run is LAUNCHED', async () => {
        await state.createRun(aRun('run-dl', 0, { launch: 'CLAIMED' }));
        await state.putItems(someItems('run-dl', 2));
        expect(await finish('run-dl', 'run-dl:0')).toBe(false);
        expect(await finish('run-dl', 'run-dl:1')).toBe(false);
        await state.updateRun('run-dl', { launch: 'LAUNCHED', totalItems: 2 });
        const again = await Promise.all([finish('run-dl', 'run-dl:0'), finish('run-dl', 'run-dl:1')]);
        expect(again.filter(Boolean)).toHaveLength(1);
        expect(await state.getRun('run-dl')).toMatchObject({ completedItems: 2 });
      });

      it('answers true once, to the caller that completes the last item', async () => {
        await state.createRun(aRun('run-f1', 3));
        await state.putItems(someItems('run-f1', 3));
        expect(await finish('run-f1', 'run-f1:0')).toBe(false);
        expect(await finish('run-f1', 'run-f1:1')).toBe(false);
        expect(await finish('run-f1', 'run-f1:2')).toBe(true);
        expect(await finish('run-f1', 'run-f1:2')).toBe(false);
        expect(await finish('run-f1', 'run-f1:0')).toBe(false);
      });

      it('lets exactly one of many concurrent workers finish a run', async () => {
        await state.createRun(aRun('run-e', 40));
        await state.putItems(someItems('run-e', 40));
        const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => finish('run-e', `run-e:${i}`)));
        expect(answers.filter(Boolean)).toHaveLength(1);
        expect((await state.getRun('run-e'))?.completedItems).toBe(40);
      });

      it('lets exactly one finish when the last item is delivered twice at the same moment', async () => {
        await state.createRun(aRun('run-f', 2));
        await state.putItems(someItems('run-f', 2));
        await finish('run-f', 'run-f:0');
        const answers = await Promise.all([finish('run-f', 'run-f:1'), finish('run-f', 'run-f:1')]);
        expect(answers.filter(Boolean)).toHaveLength(1);
      });

      it('lets a completion after a caller cut off between the two writes claim the finish', async () => {
        await state.createRun(aRun('run-cut', 1));
        await state.putItems(someItems('run-cut', 1));
        // The first delivery marked the item done and died before claiming.
        await state.completeItem('run-cut', 'run-cut:0', AT);
        expect(await finish('run-cut', 'run-cut:0')).toBe(true);
        expect(await finish('run-cut', 'run-cut:0')).toBe(false);
      });
    });
  });
}
