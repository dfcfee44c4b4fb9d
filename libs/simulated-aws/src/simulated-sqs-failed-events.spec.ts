import { failedEventsContract } from '@contact-sync/port-contracts';
import { SeededRandom } from './seeded-random';
import { FAILED_EVENTS_QUEUE, SimulatedSqsFailedEvents } from './simulated-sqs-failed-events';

failedEventsContract('SimulatedSqsFailedEvents', async () => {
  const port = new SimulatedSqsFailedEvents({ now: () => 0 }, new SeededRandom(1));
  return { port, land: async (event) => port.add(event) };
});

describe('SimulatedSqsFailedEvents: the failure destination rotates as SQS does', () => {
  const event = (n: number) => ({ detail: { eventID: `e-${n}` } });
  const ids = (events: ReadonlyArray<{ event: unknown }>) => events.map((e) => (e.event as ReturnType<typeof event>).detail.eventID);

  it('hides the events a replay received and did not remove, serving the others meanwhile, and gives them back after the visibility timeout', async () => {
    let now = 0;
    const port = new SimulatedSqsFailedEvents({ now: () => now }, new SeededRandom(7));
    for (let n = 0; n < 30; n += 1) port.add(event(n));
    // A replay takes 10 and handles none of them (each fails again, or its invocation dies).
    const first = ids(await port.receive(10));
    now += 60_000;
    const second = ids(await port.receive(10));
    expect(second).toHaveLength(10);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    now += 60_000;
    const third = ids(await port.receive(100));
    expect(new Set([...first, ...second, ...third]).size).toBe(30);
    // Nothing is visible until the first replay's events come back, 15 minutes after it received them.
    now = FAILED_EVENTS_QUEUE.visibilityTimeoutMs - 1;
    expect(await port.receive(100)).toEqual([]);
    now = FAILED_EVENTS_QUEUE.visibilityTimeoutMs;
    expect(ids(await port.receive(100)).sort()).toEqual([...first].sort());
    expect(await port.waiting()).toBe(30);
  });

  it('serves a new event to a replay soon although 120 older ones that can never be handled are stored ahead of it', async () => {
    let now = 0;
    const port = new SimulatedSqsFailedEvents({ now: () => now }, new SeededRandom(3));
    for (let n = 0; n < 120; n += 1) port.add(event(n));
    port.add({ detail: { eventID: 'good' } });
    // Each sweep, 5 minutes apart, replays at most 10 and can handle none but the good one. A queue
    // that served the oldest first would hand every sweep the same 10.
    let servedAtSweep: number | undefined;
    for (let sweep = 1; sweep <= 24 && servedAtSweep === undefined; sweep += 1, now += 300_000) {
      const good = (await port.receive(10)).find((e) => ids([e])[0] === 'good');
      if (good) {
        await port.remove(good.handle);
        servedAtSweep = sweep;
      }
    }
    expect(servedAtSweep).toBeDefined();
    expect(await port.waiting()).toBe(120);
  });
});
