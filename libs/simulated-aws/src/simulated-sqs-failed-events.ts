import { ClockPort, FailedEvent, FailedEventsPort, MAX_REPLAY_ATTEMPTS, RandomPort } from '@contact-sync/domain';
import { SimulatedSqsQueue, SqsBehaviour } from './simulated-sqs-queue';

/** ReceiveMessage's limit. */
const RECEIVE_LIMIT = 10;

/**
 * The failure destination's queue as the stack makes it (serverless.yml's FailedEventsQueue): a
 * received message is hidden for 15 minutes, and its redrive policy moves it to its dead-letter
 * queue on the receive after the replay's last try (the stack's spec holds the two equal).
 */
export const FAILED_EVENTS_QUEUE: SqsBehaviour = Object.freeze({
  visibilityTimeoutMs: 900_000,
  maxReceiveCount: MAX_REPLAY_ATTEMPTS,
  duplicateRate: 0,
});

/**
 * The failure destination of the asynchronous functions over a simulated SQS standard queue, as the
 * SQS adapter reads it: events come back in no particular order, in receives of at most 10, and one
 * received but not removed stays hidden for the visibility timeout while the others are served. (A
 * first-in-first-out list would hand the same head to every replay, which SQS never does.)
 */
export class SimulatedSqsFailedEvents implements FailedEventsPort {
  readonly queue: SimulatedSqsQueue;
  /** Events that ever landed here. */
  landed = 0;

  constructor(clock: ClockPort, random: RandomPort, behaviour: SqsBehaviour = FAILED_EVENTS_QUEUE) {
    this.queue = new SimulatedSqsQueue(clock, random, behaviour);
  }

  /** What Lambda does after the last retry of an asynchronous invocation failed. */
  add(event: unknown): void {
    this.landed += 1;
    this.queue.send(JSON.stringify(event));
  }

  async receive(max: number): Promise<FailedEvent[]> {
    const events: FailedEvent[] = [];
    while (events.length < max) {
      const messages = this.queue.receive(Math.min(RECEIVE_LIMIT, max - events.length));
      if (messages.length === 0) break;
      // SQS's ApproximateReceiveCount, which the replay reads to know its last try.
      for (const m of messages)
        events.push({ handle: m.receiptHandle, event: JSON.parse(m.body) as unknown, receiveCount: m.receiveCount });
    }
    return events;
  }

  async remove(handle: string): Promise<void> {
    this.queue.delete(handle);
  }

  async waiting(): Promise<number> {
    return this.queue.size;
  }

  /** Events the redrive policy moved to the dead-letter queue. */
  get deadLetters(): readonly string[] {
    return this.queue.deadLetters;
  }

  /** Events stored, visible or not. */
  get size(): number {
    return this.queue.size;
  }
}
