import { CryptoRandom, SystemClock, TimerSleeper } from './system-time';

describe('system time and randomness', () => {
  it('the clock reads the system time', () => {
    const before = Date.now();
    const now = new SystemClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('the sleeper resolves after a timer of the asked length', async () => {
    jest.useFakeTimers();
    let done = false;
    const sleeping = new TimerSleeper().sleep(500).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
    jest.useRealTimers();
  });

  it('randomness stays in [0, 1) and varies', () => {
    const random = new CryptoRandom();
    const draws = Array.from({ length: 1000 }, () => random.next());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(990);
  });
});
