import { ClockPort } from '../ports/clock.port';
import { SleeperPort } from '../ports/sleeper.port';

/** A clock that moves only when told, and a sleeper that advances it and records each wait. */
export class ManualTime implements ClockPort, SleeperPort {
  readonly sleeps: number[] = [];

  constructor(private nowMs = 0) {}

  now(): number {
    return this.nowMs;
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.nowMs += ms;
  }

  /** Records the wait and moves the clock forward by it, at once. */
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.nowMs += ms;
  }
}
