import { ItemLedgerPort } from '../../ports/item-ledger.port';
import { RunStorePort } from '../../ports/run-store.port';
import { createdRun } from '../../sync/run-lifecycle';
import { SyncRun } from '../../sync/sync-run';
import { recordingFinishRun, RecordingLogger } from '../../testing/launch-doubles';
import { LaunchStateDouble } from '../../testing/launch-state-double';
import { ManualTime } from '../../testing/manual-time';
import { LaunchedRunFinisher } from './launched-run-finisher';

const launched = (overrides: Partial<SyncRun>): SyncRun => ({
  ...createdRun(
    { runId: 'run-1', trigger: 'CHANGE', initiator: 'test', kinds: ['SECURITY'], requestedAt: 'x', supersedes: true, dryRun: false },
    'x',
  ),
  launch: 'LAUNCHED',
  ...overrides,
});

function world(run: SyncRun, done: readonly number[] = []) {
  const state = new LaunchStateDouble();
  state.runs.set(run.runId, run);
  for (let i = 0; i < run.totalItems; i += 1)
    state.items.set(`run-1:${i}`, { item: { runId: 'run-1', itemId: `run-1:${i}`, accountIds: [] }, done: done.includes(i) });
  const finished: string[] = [];
  return {
    state,
    finished,
    finisher: new LaunchedRunFinisher(
      state as unknown as RunStorePort,
      state as unknown as ItemLedgerPort,
      recordingFinishRun(finished),
      new ManualTime(),
      new RecordingLogger(),
    ),
  };
}

describe('LaunchedRunFinisher', () => {
  it('finishes a run of no items at once', async () => {
    const w = world(launched({ totalItems: 0 }));
    await w.finisher.settle({ runId: 'run-1', totalItems: 0 });
    expect(w.finished).toEqual(['run-1']);
  });

  it('claims the finish of a run whose every item was done while it listed, once', async () => {
    const w = world(launched({ totalItems: 2, completedItems: 2 }), [0, 1]);
    await w.finisher.settle({ runId: 'run-1', totalItems: 2 });
    await w.finisher.settle({ runId: 'run-1', totalItems: 2 });
    expect(w.finished).toEqual(['run-1']);
  });

  it('leaves a run with items to do to its workers, and a cancelled run to its canceller', async () => {
    const busy = world(launched({ totalItems: 2, completedItems: 1 }), [0]);
    await busy.finisher.settle({ runId: 'run-1', totalItems: 2 });
    expect(busy.finished).toEqual([]);
    const cancelled = world(launched({ totalItems: 0, cancelledAt: 'x' }));
    await cancelled.finisher.settle({ runId: 'run-1', totalItems: 0 });
    expect(cancelled.finished).toEqual([]);
  });

  it('launches a run whose listing ended with its totals final, and hands it on only then', async () => {
    const listing = launched({
      launch: 'CLAIMED',
      generations: { SECURITY: 1 },
      listed: true,
      listedItems: 0,
      listedAccounts: 0,
      enqueuedItems: 0,
    });
    const w = world(listing);
    expect(await w.finisher.complete(listing)).toMatchObject({ ok: true, value: { launch: 'LAUNCHED', totalItems: 0, targetCount: 0 } });
    expect(w.finished).toEqual(['run-1']);
    const notEnded = world(launched({ launch: 'CLAIMED', generations: { SECURITY: 1 }, listed: false }));
    expect(await notEnded.finisher.complete(notEnded.state.runs.get('run-1') as SyncRun)).toEqual({ ok: false, error: 'NOT_ENQUEUED' });
    expect(notEnded.finished).toEqual([]);
  });
});
