import { ClockPort, SleeperPort } from '@contact-sync/domain';
import { MinHeap } from './min-heap';

interface Sleeper {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
}

/**
 * Simulated time: `sleep` never waits for real. `run` drives a whole simulation: whenever every task
 * is blocked on a sleep, the clock jumps to the earliest wake-up. A sync that takes 30 simulated
 * minutes runs in as long as its computation takes.
 */
export class VirtualTime implements ClockPort, SleeperPort {
  private nowMs: number;
  private readonly sleepers = new MinHeap<Sleeper>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;

  constructor(startMs = Date.UTC(2026, 10, 22, 9, 0, 0)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(milliseconds: number): Promise<void> {
    const at = this.nowMs + Math.max(0, milliseconds);
    return new Promise((wake) => this.sleepers.push({ at, seq: this.seq++, wake }));
  }

  /** Moves the clock forward by hand (between runs; no sleeper is woken). */
  advance(milliseconds: number): void {
    this.nowMs += milliseconds;
  }

  /** Runs `main` to completion in virtual time. Rejects if every task waits on something other than time. */
  async run<T>(main: () => Promise<T>): Promise<T> {
    let settled = false;
    const result = main().finally(() => {
      settled = true;
    });
    result.catch(() => undefined);
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) return result;
      const next = this.sleepers.pop();
      if (!next) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (settled) return result;
        throw new Error('simulation stalled: every task is waiting, and none on time');
      }
      this.nowMs = Math.max(this.nowMs, next.at);
      next.wake();
      // Wake everything due at the same instant together, so that they run in one round.
      while ((this.sleepers.peek()?.at ?? Number.POSITIVE_INFINITY) <= this.nowMs) (this.sleepers.pop() as Sleeper).wake();
    }
  }
}
