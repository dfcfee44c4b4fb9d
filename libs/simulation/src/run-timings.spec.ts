import { InMemoryNotifier } from '@contact-sync/adapters-memory';
import { RunReport } from '@contact-sync/domain';
import { DEFAULT_ORGANIZATION, VirtualTime } from '@contact-sync/simulated-aws';
import { RunTimings } from './run-timings';
import { runSimulation, SimulationReport } from './simulation';

const START = Date.UTC(2026, 11, 8, 9, 0, 0);
const SECOND = 1000;
/** A report the notifier passes on unread: only when it was accepted matters here. */
const REPORT = { runId: 'run-1' } as unknown as RunReport;

describe('RunTimings', () => {
  it('measures from the first management write to the first applied member write, and from the last applied write to the last accepted notification', async () => {
    const time = new VirtualTime(START);
    const timings = new RunTimings(time);
    const notifier = timings.observe(new InMemoryNotifier());
    timings.managementWritten(START + 2 * SECOND);
    timings.managementWritten(START + 1 * SECOND);
    timings.managementWritten(START + 9 * SECOND);
    await time.run(async () => {
      await time.sleep(40 * SECOND);
      await notifier.notify(REPORT, 'NORMAL');
      await time.sleep(10 * SECOND);
      await notifier.notify(REPORT, 'NORMAL');
    });
    const applied = [{ at: START + 30 * SECOND }, { at: START + 21 * SECOND }, { at: START + 35 * SECOND }];
    expect(timings.measure(applied)).toEqual({ firstWriteSeconds: 20, tailSeconds: 15 });
  });

  it('counts no notification the topic refused, and says null where there is nothing to measure', async () => {
    const time = new VirtualTime(START);
    const timings = new RunTimings(time);
    const inner = new InMemoryNotifier();
    inner.failing = true;
    await expect(timings.observe(inner).notify(REPORT, 'HIGH')).rejects.toThrow();
    expect(timings.measure([{ at: START }])).toEqual({ firstWriteSeconds: null, tailSeconds: null });
    timings.managementWritten(START);
    expect(timings.measure([])).toEqual({ firstWriteSeconds: null, tailSeconds: null });
  });
});

describe('the report measures a change’s fixed cost from outside the functions', () => {
  const simulate = (eventDelayMs: readonly [number, number]): Promise<SimulationReport> =>
    runSimulation({
      scenario: 'change-security',
      organization: { ...DEFAULT_ORGANIZATION, members: 20 },
      seed: 5,
      delivery: { eventDelayMs },
    });

  it('a small change-security: the first write waits for the event’s delivery, and the notification follows the last write', async () => {
    const prompt = await simulate([0, 0]);
    const late = await simulate([60 * SECOND, 60 * SECOND]);
    for (const r of [prompt, late]) {
      expect(r.updated).toBe(r.eligible);
      expect(r.firstWriteSeconds).toBeGreaterThan(0);
      expect(r.tailSeconds).toBeGreaterThan(0);
      // The run ends with its notification, after its last write: the tail is part of the whole.
      expect((r.firstWriteSeconds ?? 0) + (r.tailSeconds ?? 0)).toBeLessThan(r.simulatedSeconds);
    }
    // Same seed, same draws: the only difference is the minute CloudTrail took to deliver the event.
    expect(late.firstWriteSeconds).toBeCloseTo((prompt.firstWriteSeconds ?? 0) + 60, 1);
  });
});
