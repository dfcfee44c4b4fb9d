import { ClockPort, RandomPort, SleeperPort } from '@contact-sync/domain';
import { randomInt } from 'node:crypto';

/** The system clock. */
export class SystemClock implements ClockPort {
  now(): number {
    return Date.now();
  }
}

/** Real waiting, on a timer. */
export class TimerSleeper implements SleeperPort {
  sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds)));
  }
}

// randomInt allows a range below 2^48.
const RANGE = 2 ** 47;

/** Uniform randomness for retry jitter, from the platform's CSPRNG. */
export class CryptoRandom implements RandomPort {
  next(): number {
    return randomInt(RANGE) / RANGE;
  }
}
