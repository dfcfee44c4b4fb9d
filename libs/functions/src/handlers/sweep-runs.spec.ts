import { ConfigSweep, ReplayOptions, ReplayResult, SweepResult } from '@contact-sync/domain';
import { DEPLOYMENT } from '../deployment';
import { invokeFunction } from '../invocation';
import { FlushCountingMetrics, RecordingLogger } from '../testing/invocation-parts';
import { sweepRuns } from './sweep-runs';

const REPLAYED: ReplayResult = { received: 0, replayed: 0, dropped: 0, failed: 0, stopped: false, runIds: [] };
const SWEPT = { open: 0 } as unknown as SweepResult;

/** The sweep's use cases: the replay asks `stopRequested` as the clock moves each event by `stepMs`, for `events` events. */
function useCases(options: { events: number; stepMs: number; clock: { now: number }; replayFails?: boolean }) {
  const asked: ReplayOptions[] = [];
  const replay = {
    execute: async (o: ReplayOptions): Promise<ReplayResult> => {
      asked.push(o);
      if (options.replayFails) throw new Error('failed events unreadable');
      let replayed = 0;
      for (; replayed < options.events; replayed += 1) {
        if (o.stopRequested?.()) return { ...REPLAYED, received: options.events, replayed, stopped: true };
        options.clock.now += options.stepMs;
      }
      return { ...REPLAYED, received: options.events, replayed };
    },
  };
  const runsSwept: string[] = [];
  const openRuns = { execute: async (): Promise<SweepResult> => (runsSwept.push('swept'), SWEPT) };
  const configuration = { sweep: async (): Promise<ConfigSweep> => ({ status: 'NOTHING_TO_DO' }) as unknown as ConfigSweep };
  return { asked, runsSwept, replay, openRuns, configuration };
}

async function sweep(u: ReturnType<typeof useCases>, clock: { now: number }, endsAtMs: number) {
  const parts = [u.replay, u.openRuns, u.configuration];
  let n = 0;
  return invokeFunction(sweepRuns, undefined, {
    // The body names replayFailedEvents, openRuns, convergeConfiguration, in that order.
    resolve: () => parts[n++] as never,
    logger: new RecordingLogger(),
    metrics: new FlushCountingMetrics(),
    endsAtMs,
    now: () => clock.now,
  });
}

describe('the sweep’s body', () => {
  it('replays at most the deployment’s number of events, and stops once only its reserve is left, on the clock it is given', async () => {
    const clock = { now: 0 };
    const u = useCases({ events: 1000, stepMs: 1_000, clock });
    const result = await sweep(u, clock, DEPLOYMENT.timeoutMs.sweepRuns);
    expect(u.asked[0]?.max).toBe(DEPLOYMENT.replayPerSweep);
    // One event a second: it stops at the first check with less than the reserve left.
    expect(result.replay).toMatchObject({
      stopped: true,
      replayed: (DEPLOYMENT.timeoutMs.sweepRuns - DEPLOYMENT.sweepReserveMs) / 1_000 + 1,
    });
    expect(u.runsSwept).toEqual(['swept']);
  });

  it('sweeps the open runs even when the replay failed, then throws the replay’s error for the alarm', async () => {
    const clock = { now: 0 };
    const u = useCases({ events: 0, stepMs: 0, clock, replayFails: true });
    await expect(sweep(u, clock, DEPLOYMENT.timeoutMs.sweepRuns)).rejects.toThrow('failed events unreadable');
    expect(u.runsSwept).toEqual(['swept']);
  });
});
