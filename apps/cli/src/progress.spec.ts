import { runCli } from './cli';
import { Progress, PROGRESS_LINE_INTERVAL_MS } from './progress';
import { TestIo } from './testing/test-io';

/** A TestIo whose wall clock the test moves. */
function ioAt(startMs: number, interactive = false): TestIo & { advance(ms: number): void } {
  let now = startMs;
  const io = Object.assign(new TestIo([], {}, interactive), { advance: (ms: number) => (now += ms) });
  io.now = () => now;
  return io;
}

describe('Progress when stderr is not a terminal', () => {
  it('writes nothing for work that ends within the first interval', () => {
    const io = ioAt(0);
    const progress = new Progress(io, 'Reading contacts');
    for (let done = 1; done <= 100; done += 1) {
      io.advance(40);
      progress.update(done, 100);
    }
    progress.done();
    expect(io.stderr).toBe('');
  });

  it('writes a line every interval with done/total, the percentage and the time left at the pace so far, then how long it took', () => {
    const io = ioAt(1_000_000);
    const progress = new Progress(io, 'Reading contacts');
    // 3936 account-kinds at 4 a second: about 16 minutes in all.
    for (let done = 1; done <= 3936; done += 1) {
      io.advance(250);
      progress.update(done, 3936);
    }
    progress.done();
    const lines = io.stderr.split('\n').filter(Boolean);
    expect(lines.slice(0, 3)).toEqual([
      'Reading contacts: 20/3936 (0%), about 17 min left',
      'Reading contacts: 40/3936 (1%), about 17 min left',
      'Reading contacts: 60/3936 (1%), about 17 min left',
    ]);
    expect(lines.at(-2)).toBe('Reading contacts: 3920/3936 (99%), about 4 s left');
    expect(lines.at(-1)).toBe('Reading contacts: 3936/3936 done in 17 min');
    // One line per interval of the 984 s, and the last.
    expect(lines).toHaveLength(Math.floor((3936 * 250) / PROGRESS_LINE_INTERVAL_MS) + 1);
    expect(io.stderr).not.toContain('\r');
  });

  it('writes nothing more while the clock stands still, whatever the count does', () => {
    const io = ioAt(0);
    const progress = new Progress(io, 'Syncing', 1000);
    io.advance(1000);
    progress.update(1, 10);
    for (let done = 2; done <= 9; done += 1) progress.update(done, 10);
    expect(io.stderr).toBe('Syncing: 1/10 (10%), about 9 s left\n');
  });
});

describe('Progress on a terminal', () => {
  it('redraws one line at most once per percent, with the estimate, and ends it', () => {
    const io = ioAt(0, true);
    const progress = new Progress(io, 'Syncing');
    io.advance(2000);
    progress.update(1, 4);
    progress.update(1, 4);
    io.advance(2000);
    progress.update(2, 4);
    progress.done();
    expect(io.stderr).toBe(
      `\rSyncing [${'#'.repeat(8)}${'.'.repeat(22)}] 25% 1/4, about 6 s left\x1b[K` +
        `\rSyncing [${'#'.repeat(15)}${'.'.repeat(15)}] 50% 2/4, about 4 s left\x1b[K\n`,
    );
  });
});

describe('plan with stderr not a terminal', () => {
  it('reports its reading progress on stderr while the wall clock moves, and keeps stdout for the plan', async () => {
    const io = ioAt(0);
    // Each read of the clock is a second later: a slow organization.
    const clock = io.now as () => number;
    io.now = () => {
      io.advance(1000);
      return clock();
    };
    expect(await runCli(['plan', '--backend', 'memory', '--json'], io)).toBe(0);
    const lines = io.stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(0, -1))
      expect(line).toMatch(/^Reading contacts: \d+\/\d+ \(\d+%\)(, about \d+ (s|min|h \d+ min) left)?$/);
    expect(lines.at(-1)).toMatch(/^Reading contacts: (\d+)\/\1 done in \d+ (s|min|h \d+ min)$/);
    expect(io.json()).toHaveProperty('summary');
  });
});
