import { ROUNDS_PER_TURN, VirtualTime } from './virtual-time';

const START = Date.UTC(2026, 10, 22, 9, 0, 0);

/** Settles only after many microtasks and `process.nextTick` callbacks, as a deep chain of awaits does. */
async function longChain(hops: number): Promise<void> {
  for (let i = 0; i < hops; i++) {
    await Promise.resolve();
    if (i % 10 === 0) await new Promise<void>((resolve) => process.nextTick(resolve));
  }
}

describe('VirtualTime', () => {
  it('wakes sleepers in time order, each reading its own wake-up instant', async () => {
    const time = new VirtualTime(START);
    const woke: [string, number][] = [];
    const sleeper = async (name: string, ms: number) => {
      await time.sleep(ms);
      woke.push([name, time.now() - START]);
    };
    await time.run(() => Promise.all([sleeper('c', 300), sleeper('a', 100), sleeper('b', 200), sleeper('a2', 100)]));
    expect(woke).toEqual([
      ['a', 100],
      ['a2', 100],
      ['b', 200],
      ['c', 300],
    ]);
  });

  it('never moves the clock past a task still working through microtasks and ticks (a busy task is not overtaken)', async () => {
    const time = new VirtualTime(START);
    const log: string[] = [];
    const busy = async () => {
      await time.sleep(10);
      // A foreign tick before the busy task's own work, as Node's streams queue them.
      process.nextTick(() => undefined);
      await longChain(200);
      await time.sleep(5);
      log.push(`busy at ${time.now() - START}`);
    };
    const other = async () => {
      await time.sleep(20);
      log.push(`other at ${time.now() - START}`);
    };
    await time.run(() => Promise.all([busy(), other()]));
    expect(log).toEqual(['busy at 15', 'other at 20']);
  });

  it('runs a scheduled step at its instant, before the tasks woken at that instant', async () => {
    const time = new VirtualTime(START);
    const log: string[] = [];
    await time.run(async () => {
      const task = time.sleep(50).then(() => log.push(`task at ${time.now() - START}`));
      time.schedule(50, () => log.push(`step at ${time.now() - START}`));
      time.schedule(30, () => log.push(`early step at ${time.now() - START}`));
      await task;
    });
    expect(log).toEqual(['early step at 30', 'step at 50', 'task at 50']);
  });

  it('runs many rounds and returns what main returns', async () => {
    const time = new VirtualTime(START);
    const result = await time.run(async () => {
      for (let i = 0; i < 1000; i++) await time.sleep(1);
      return 'done';
    });
    expect(result).toBe('done');
    expect(time.now() - START).toBe(1000);
  });

  it('ends the run with the error of a scheduled step that throws', async () => {
    const time = new VirtualTime(START);
    await expect(
      time.run(async () => {
        time.schedule(5, () => {
          throw new Error('step failed');
        });
        await time.sleep(10);
      }),
    ).rejects.toThrow('step failed');
  });

  it('stops waking anything once a step has ended the run with its error', async () => {
    const time = new VirtualTime(START);
    let backgroundWoke = false;
    await expect(
      time.run(async () => {
        void time.sleep(50).then(() => (backgroundWoke = true));
        time.schedule(5, () => {
          throw new Error('step failed');
        });
        await time.sleep(100);
      }),
    ).rejects.toThrow('step failed');
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    expect(backgroundWoke).toBe(false);
  });

  it('waits a turn of the event loop for a task that waits on something outside the clock, whatever round it is in', async () => {
    for (let rounds = 0; rounds <= ROUNDS_PER_TURN + 6; rounds++) {
      const time = new VirtualTime(START);
      await time.run(async () => {
        for (let i = 0; i < rounds; i++) await time.sleep(1);
        await new Promise<void>((resolve) => setImmediate(resolve));
        await time.sleep(1);
      });
      expect(time.now() - START).toBe(rounds + 1);
    }
  });

  it("passes main's rejection on", async () => {
    const time = new VirtualTime(START);
    await expect(
      time.run(async () => {
        await time.sleep(5);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('rejects when every task waits on something other than time', async () => {
    const time = new VirtualTime(START);
    await expect(time.run(() => new Promise<void>(() => undefined))).rejects.toThrow('simulation stalled');
  });

  it('lets the event loop turn every few rounds of a long simulation (timers, I/O and Ctrl-C are not starved)', async () => {
    const time = new VirtualTime(START);
    let roundsBeforeOutsider: number | undefined;
    let rounds = 0;
    await time.run(async () => {
      for (; rounds < 20_000; rounds++) {
        // Something outside the simulation, queued part-way through: it runs at the event loop's next turn.
        if (rounds === 100) setImmediate(() => (roundsBeforeOutsider = rounds));
        await time.sleep(1);
      }
    });
    expect(roundsBeforeOutsider).toBeDefined();
    expect(roundsBeforeOutsider as number).toBeLessThanOrEqual(100 + ROUNDS_PER_TURN);
  });
});
