import { ClockPort, SleeperPort } from '@contact-sync/domain';

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
  private readonly heap: Sleeper[] = [];
  private seq = 0;

  constructor(startMs = Date.UTC(2026, 10, 22, 9, 0, 0)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(milliseconds: number): Promise<void> {
    const at = this.nowMs + Math.max(0, milliseconds);
    return new Promise((wake) => this.push({ at, seq: this.seq++, wake }));
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
      const next = this.pop();
      if (!next) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (settled) return result;
        throw new Error('simulation stalled: every task is waiting, and none on time');
      }
      this.nowMs = Math.max(this.nowMs, next.at);
      next.wake();
      // Wake everything due at the same instant together, so that they run in one round.
      while (this.heap.length > 0 && (this.heap[0] as Sleeper).at <= this.nowMs) (this.pop() as Sleeper).wake();
    }
  }

  private push(sleeper: Sleeper): void {
    const heap = this.heap;
    heap.push(sleeper);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Sleeper, heap[parent] as Sleeper)) break;
      [heap[i], heap[parent]] = [heap[parent] as Sleeper, heap[i] as Sleeper];
      i = parent;
    }
  }

  private pop(): Sleeper | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as Sleeper, heap[m] as Sleeper)) m = l;
        if (r < heap.length && before(heap[r] as Sleeper, heap[m] as Sleeper)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Sleeper, heap[i] as Sleeper];
        i = m;
      }
    }
    return top;
  }
}

const before = (a: Sleeper, b: Sleeper) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
