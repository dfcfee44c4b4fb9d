import { FailedEvent, FailedEventsPort, MAX_REPLAY_ATTEMPTS } from '@contact-sync/domain';

interface Stored {
  readonly event: unknown;
  receiveCount: number;
}

/**
 * The failure destination of asynchronous invocations, in memory, handing events out as the SQS
 * failure queue does: an event received and not removed goes behind the others (SQS hides it for the
 * visibility timeout, so the next receives return other events first), and one received
 * `maxReceiveCount` times moves to the dead-letter queue on its next receive. Strictly first in,
 * first out, events that fail every time would be received first for ever, ahead of good ones.
 */
export class InMemoryFailedEvents implements FailedEventsPort {
  private readonly events = new Map<string, Stored>();
  private sequence = 0;
  /** Events that ever landed here. */
  landed = 0;
  /** Events moved to the dead-letter queue after too many receives. */
  readonly deadLetters: unknown[] = [];

  constructor(private readonly maxReceiveCount = MAX_REPLAY_ATTEMPTS) {}

  /** What Lambda does after the last retry of an asynchronous invocation failed. */
  add(event: unknown): void {
    this.sequence += 1;
    this.landed += 1;
    this.events.set(`failed-${this.sequence}`, { event: structuredClone(event), receiveCount: 0 });
  }

  async receive(max: number): Promise<FailedEvent[]> {
    const received: FailedEvent[] = [];
    for (const [handle, stored] of [...this.events]) {
      if (received.length >= max) break;
      this.events.delete(handle);
      if (stored.receiveCount >= this.maxReceiveCount) {
        this.deadLetters.push(stored.event);
        continue;
      }
      stored.receiveCount += 1;
      // Behind the others until it is removed: the next receive starts with events not received yet.
      this.events.set(handle, stored);
      received.push({ handle, event: structuredClone(stored.event), receiveCount: stored.receiveCount });
    }
    return received;
  }

  async remove(handle: string): Promise<void> {
    this.events.delete(handle);
  }

  async waiting(): Promise<number> {
    return this.events.size;
  }

  get size(): number {
    return this.events.size;
  }
}
