import { ItemLedgerPort } from '../../ports/item-ledger.port';
import { OutcomeLedgerPort } from '../../ports/outcome-ledger.port';
import { RunStorePort } from '../../ports/run-store.port';
import { AccountOutcome } from '../../sync/account-outcome';
import { createdRun } from '../../sync/run-lifecycle';
import { SyncRun } from '../../sync/sync-run';
import { RecordingQueue } from '../../testing/launch-doubles';
import { LaunchStateDouble } from '../../testing/launch-state-double';
import { ManualTime } from '../../testing/manual-time';
import { ItemBatches } from './item-batches';

const AT = '2026-12-01T10:00:00.000Z';
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `2000000${String(from + i).padStart(5, '0')}`);
const listing = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  ...createdRun(
    { runId: 'run-1', trigger: 'CHANGE', initiator: 'test', kinds: ['SECURITY'], requestedAt: AT, supersedes: true, dryRun: false },
    AT,
  ),
  launch: 'CLAIMED',
  generations: { SECURITY: 1 },
  ...overrides,
});
const SKIP: AccountOutcome = {
  runId: 'run-1',
  accountId: ids(0, 1)[0] as string,
  kind: 'SECURITY',
  status: 'SKIPPED',
  skipReason: 'EXCLUDED_BY_OU',
  attempts: 0,
  at: AT,
};

function world(run: SyncRun) {
  const state = new LaunchStateDouble();
  state.runs.set(run.runId, run);
  const queue = new RecordingQueue();
  const batches = new ItemBatches(
    state as unknown as ItemLedgerPort,
    state as unknown as OutcomeLedgerPort,
    state as unknown as RunStorePort,
    queue,
    new ManualTime(Date.parse(AT)),
    2,
  );
  return { state, queue, batches };
}

describe('ItemBatches', () => {
  it('cuts accounts into items numbered on from the items listed, the last one smaller', () => {
    const { batches } = world(listing());
    expect(batches.cut('run-1', ids(0, 5), 3)).toEqual([
      { runId: 'run-1', itemId: 'run-1:3', accountIds: ids(0, 2) },
      { runId: 'run-1', itemId: 'run-1:4', accountIds: ids(2, 2) },
      { runId: 'run-1', itemId: 'run-1:5', accountIds: ids(4, 1) },
    ]);
  });

  it('stores a batch: its decided outcomes, its items, the progress, then enqueues them and records that, in that order', async () => {
    const w = world(listing({ listCursor: '4', listedItems: 1, listedAccounts: 2, enqueuedItems: 1 }));
    const moved = await w.batches.store(w.state.runs.get('run-1') as SyncRun, {
      ids: ids(2, 3),
      skips: [SKIP],
      listCursor: '10',
      ended: false,
    });
    expect(w.state.calls).toEqual(['recordOutcomes', 'putItems', 'updateRun', 'updateRun']);
    expect(w.queue.enqueued.map((item) => item.itemId)).toEqual(['run-1:1', 'run-1:2']);
    expect(moved.ok && moved.value).toMatchObject({ listCursor: '10', listed: false, listedItems: 3, listedAccounts: 5, enqueuedItems: 3 });
    expect(w.state.runs.get('run-1')).toMatchObject({
      listCursor: '10',
      listedItems: 3,
      listedAccounts: 5,
      enqueuedItems: 3,
      progressAt: AT,
    });
  });

  it('enqueues nothing when the store refuses the progress (the run moved on without this launcher)', async () => {
    const w = world(listing({ listedItems: 2, enqueuedItems: 2 }));
    const stale = listing({ listedItems: 1, enqueuedItems: 1 });
    expect(await w.batches.store(stale, { ids: ids(0, 2), skips: [], listCursor: undefined, ended: true })).toEqual({
      ok: false,
      error: 'MOVED_ON',
    });
    expect(w.queue.enqueued).toEqual([]);
    expect(w.state.runs.get('run-1')).toMatchObject({ listedItems: 2 });
  });

  it('catches up: enqueues what an earlier slice stored but did not record enqueued, leaving out the items done', async () => {
    const run = listing({ listedItems: 3, enqueuedItems: 0 });
    const w = world(run);
    await w.state.putItems(w.batches.cut('run-1', ids(0, 6), 0));
    await w.state.completeItem('run-1', 'run-1:1');
    const moved = await w.batches.catchUp(run);
    expect(w.queue.enqueued.map((item) => item.itemId)).toEqual(['run-1:0', 'run-1:2']);
    expect(moved.ok && moved.value.enqueuedItems).toBe(3);
    const nothingLeft = world(listing({ listedItems: 3, enqueuedItems: 3 }));
    expect(await nothingLeft.batches.catchUp(listing({ listedItems: 3, enqueuedItems: 3 }))).toMatchObject({ ok: true });
    expect(nothingLeft.state.calls).toEqual([]);
  });
});
