import { itemIdOf, WorkItem } from '../sync/work-item';
import { ManualTime } from '../testing/manual-time';
import { WorkerState } from '../testing/worker-state';
import { securityContact, securityRun, WorkerSurroundings } from '../testing/worker-world';
import { FinishRun } from './finish-run';
import { isTaken, WorkItemHold } from './work-item-hold';

const AT = '2026-03-01T12:00:00.000Z';
const item = (index: number, accountIds = [`11111111111${index}`]): WorkItem => ({
  runId: 'run-1',
  itemId: itemIdOf('run-1', index),
  accountIds,
});

function setUp(totalItems = 2) {
  const time = new ManualTime(Date.parse(AT));
  const state = new WorkerState();
  const world = new WorkerSurroundings();
  state.runs.set('run-1', securityRun('run-1', totalItems, securityContact('Sam'), AT));
  void state.putItems(Array.from({ length: totalItems }, (_, i) => item(i)));
  const finish = new FinishRun(state, state, state, world.notifier, time, world.logger, world.metricsPort, world.auditPort);
  return { time, state, world, hold: new WorkItemHold(state, state, finish, time, world.logger, world.metricsPort) };
}

describe('WorkItemHold', () => {
  it("refuses a message whose accounts differ from its stored item's, and no other", async () => {
    const { world, hold } = setUp();
    expect(await hold.refuses(item(0))).toBe(false);
    expect(await hold.refuses(item(0, ['999999999999']))).toBe(true);
    expect(await hold.refuses({ ...item(0), itemId: itemIdOf('run-1', 7) })).toBe(false);
    expect(world.metrics.WorkItemsRefused).toBe(1);
  });

  it('takes the item until the invocation is killed, and another delivery finds it BUSY until then or until it is released', async () => {
    const { time, state, hold } = setUp();
    const claimed = await hold.claim(item(0), { holder: 'h1', endsAtMs: time.now() + 60_000 });
    expect(isTaken(claimed) && claimed.runId).toBe('run-1');
    expect(state.items.get(item(0).itemId)?.leaseUntil).toBe(time.now() + 60_000);
    expect(await hold.claim(item(0), { holder: 'h2' })).toEqual({ status: 'BUSY' });
    await hold.release(item(0), 'h1');
    expect(isTaken(await hold.claim(item(0), { holder: 'h2' }))).toBe(true);
  });

  it('tells an unknown item, a done one, and one of a closed run, without working it', async () => {
    const { state, hold } = setUp();
    expect(await hold.claim(item(5), { holder: 'h1' })).toEqual({ status: 'UNKNOWN_ITEM' });
    await hold.complete(item(1));
    expect(await hold.claim(item(1), { holder: 'h1' })).toEqual({ status: 'ALREADY_DONE' });
    await state.cancelRun('run-1', AT, 'bob');
    expect(await hold.claim(item(0), { holder: 'h1' })).toEqual({ status: 'RUN_CLOSED' });
  });

  it('finishes the run in the one completion of its last item, and never again', async () => {
    const { state, world, hold } = setUp();
    expect(await hold.complete(item(0))).toBe(false);
    expect(world.reports).toEqual([]);
    expect(await hold.complete(item(1))).toBe(true);
    expect(await hold.complete(item(1))).toBe(false);
    expect(world.reports.map((r) => r.runId)).toEqual(['run-1']);
    expect(state.runs.get('run-1')?.progressAt).toBe(AT);
  });
});
