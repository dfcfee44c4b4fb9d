import { ClockPort, SleeperPort } from '@contact-sync/domain';
import { MinHeap } from './min-heap';

interface Sleeper {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
  /** A scheduled callback, run by the clock itself, rather than a task to wake. */
  readonly direct?: true;
}

/** A clock that can also run a synchronous step at a later instant. */
export interface VirtualScheduler extends ClockPort, SleeperPort {
  /**
   * Runs `step` when the clock reaches `delayMs` from now, before the tasks woken at that instant.
   * The step must be synchronous and must not settle promises: it runs without a round of its own.
   */
  schedule(delayMs: number, step: () => void): void;
}

/**
 * Simulated time: `sleep` never waits for real. `run` drives a whole simulation: whenever every task
 * is blocked on a sleep, the clock jumps to the earliest wake-up. A sync that takes 30 simulated
 * minutes runs in as long as its computation takes.
 */
export class VirtualTime implements VirtualScheduler {
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

  schedule(delayMs: number, step: () => void): void {
    this.sleepers.push({ at: this.nowMs + Math.max(0, delayMs), seq: this.seq++, wake: step, direct: true });
  }

  /** Moves the clock forward by hand (between runs; no sleeper is woken). */
  advance(milliseconds: number): void {
    this.nowMs += milliseconds;
  }

  /**
   * Runs `main` to completion in virtual time. Rejects if every task waits on something other than
   * time, and still does after a turn of the event loop.
   *
   * Each round wakes the tasks due at the next instant, and must start only once everything they set
   * off has settled (every microtask and `process.nextTick` callback), or the clock would pass work
   * still to do. Node drains both after each `setImmediate` callback, including between callbacks
   * queued together: so rounds are queued {@link ROUNDS_PER_TURN} at a time, and the event loop turns
   * (timers, I/O, signals such as Ctrl-C) once per batch rather than once per round.
   */
  async run<T>(main: () => Promise<T>): Promise<T> {
    let settled = false;
    const result = main().finally(() => {
      settled = true;
    });
    result.catch(() => undefined);
    await new Promise<void>((finish, fail) => {
      let over = false;
      // Nothing waited on time at the last round: the rest of the batch does nothing, and the event
      // loop turns once before the next check (a task may wait on something outside the clock).
      let paused = false;
      let idle = false;
      const round = (lastOfTurn: boolean) => {
        if (over || paused) return;
        if (settled) {
          over = true;
          finish();
          return;
        }
        let woke: boolean;
        try {
          woke = this.wakeNext();
        } catch (error) {
          // A scheduled step threw: the run ends with its error, not the process with an uncaught one.
          over = true;
          fail(error);
          return;
        }
        if (woke) {
          idle = false;
          if (lastOfTurn) turn();
        } else if (idle) {
          over = true;
          fail(new Error('simulation stalled: every task is waiting, and none on time'));
        } else {
          idle = true;
          paused = true;
          setImmediate(() => {
            paused = false;
            turn();
          });
        }
      };
      const turn = () => {
        for (let i = 1; i <= ROUNDS_PER_TURN; i++) setImmediate(round, i === ROUNDS_PER_TURN);
      };
      turn();
    });
    return result;
  }

  /** Moves the clock to the next instant anything waits for and wakes what is due then; false when nothing waits on time. */
  private wakeNext(): boolean {
    let next = this.sleepers.pop();
    // Scheduled steps settle nothing, so the clock runs them in turn without waiting for a round.
    while (next?.direct) {
      this.nowMs = Math.max(this.nowMs, next.at);
      next.wake();
      next = this.sleepers.pop();
    }
    if (!next) return false;
    this.nowMs = Math.max(this.nowMs, next.at);
    next.wake();
    // Wake everything due at the same instant together, so that they run in one round.
    while ((this.sleepers.peek()?.at ?? Number.POSITIVE_INFINITY) <= this.nowMs) {
      const due = this.sleepers.pop() as Sleeper;
      due.wake();
    }
    return true;
  }
}

/** Rounds queued together: each still runs only once the previous one's work has settled. */
export const ROUNDS_PER_TURN = 64;
