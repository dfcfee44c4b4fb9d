import { createdRun } from '../../sync/run-lifecycle';
import { LaunchStateDouble } from '../../testing/launch-state-double';
import { ManualTime } from '../../testing/manual-time';
import { LaunchLease } from './launch-lease';

const LEASE_MS = 60_000;

function world() {
  const time = new ManualTime(1_000_000);
  const state = new LaunchStateDouble();
  state.runs.set(
    'run-1',
    createdRun(
      { runId: 'run-1', trigger: 'RECONCILE', initiator: 'test', kinds: ['SECURITY'], requestedAt: 'x', supersedes: true, dryRun: false },
      'x',
    ),
  );
  let draws = 0;
  const random = { next: () => [0.25, 0.5, 0.75][draws++ % 3] as number };
  const take = () => LaunchLease.take(state, time, random, 'run-1', LEASE_MS);
  return { time, state, take };
}

describe('LaunchLease', () => {
  it('gives the launch to one holder at a time, each invocation a holder of its own, until its lease runs out', async () => {
    const { time, state, take } = world();
    const first = await take();
    expect(first?.holder).toBe(`launch-${Math.floor(0.25 * 2 ** 48).toString(36)}`);
    expect(state.leases.get('run-1')).toEqual({ holder: first?.holder, until: time.now() + LEASE_MS });
    expect(await take()).toBeUndefined();
    time.advance(LEASE_MS);
    const second = await take();
    expect(second?.holder).not.toBe(first?.holder);
    // The first holder outlived its lease: it cannot renew it, so it stops.
    expect(await first?.renew()).toBe(false);
  });

  it('is renewed for a full lease from now, and released to the next launcher at once', async () => {
    const { time, state, take } = world();
    const lease = await take();
    time.advance(LEASE_MS - 1);
    expect(await lease?.renew()).toBe(true);
    expect(state.leases.get('run-1')?.until).toBe(time.now() + LEASE_MS);
    await lease?.release();
    expect(state.leases.get('run-1')?.until).toBe(time.now());
    expect(await take()).toBeDefined();
  });

  it('is never given for a run that does not exist', async () => {
    const { state, time } = world();
    expect(await LaunchLease.take(state, time, { next: () => 0.1 }, 'run-missing', LEASE_MS)).toBeUndefined();
  });
});
