import { ClockPort, RandomPort, SleeperPort } from '@contact-sync/domain';
import { MinHeap } from './min-heap';

/** How the simulated SQS standard queue behaves. */
export interface SqsBehaviour {
  /** How long a received message stays invisible before it is delivered again (unless deleted). */
  readonly visibilityTimeoutMs: number;
  /** Receives after which a message goes to the dead-letter queue instead. */
  readonly maxReceiveCount: number;
  /** Fraction of sends stored twice (at-least-once delivery). */
  readonly duplicateRate: number;
}

/** A message as a consumer receives it. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly receiveCount: number;
}

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  receiveCount: number;
  visibleAt: number;
  receipt?: string;
}

/** A received message's return to visibility; stale once the message is deleted or received again. */
interface InFlight {
  readonly message: StoredMessage;
  readonly receiveCount: number;
  readonly visibleAt: number;
}

/**
 * An SQS standard queue on the virtual clock, as hostile as the real one: it hands out visible
 * messages in no particular order, stores some sends twice, makes a received message visible again
 * after the visibility timeout unless it is deleted with its latest receipt, and moves a message
 * received too often to its dead-letter queue.
 */
export class SimulatedSqsQueue {
  private readonly messages = new Map<string, StoredMessage>();
  /** Visible messages, in no order (a receive picks at random and swaps the last into the gap), and some deleted since. */
  private readonly visible: StoredMessage[] = [];
  /** Received messages by the time they become visible again, so a receive costs what it returns, not the queue's size. */
  private readonly inFlight = new MinHeap<InFlight>((a, b) => a.visibleAt < b.visibleAt);
  private sequence = 0;
  /** Wakes the long polls waiting on an empty queue at the next send; undefined while none waits. */
  private wakeWaiters?: () => void;
  private arrival?: Promise<void>;
  readonly deadLetters: string[] = [];
  readonly stats = { sent: 0, duplicated: 0, received: 0, redelivered: 0, deleted: 0, deadLettered: 0 };

  constructor(
    private readonly clock: ClockPort,
    private readonly random: RandomPort,
    readonly behaviour: SqsBehaviour,
  ) {}

  send(body: string): void {
    this.stats.sent += 1;
    this.store(body);
    if (this.random.next() < this.behaviour.duplicateRate) {
      this.stats.duplicated += 1;
      this.store(body);
    }
  }

  /** Up to `max` visible messages, picked at random; each becomes invisible for the visibility timeout. */
  receive(max: number): ReceivedMessage[] {
    const now = this.clock.now();
    this.returnDue(now);
    const visible = this.visible;
    const picked: ReceivedMessage[] = [];
    while (picked.length < max && visible.length > 0) {
      const index = Math.floor(this.random.next() * visible.length);
      const message = visible[index] as StoredMessage;
      visible[index] = visible[visible.length - 1] as StoredMessage;
      visible.pop();
      if (this.messages.get(message.messageId) !== message) continue; // deleted since it became visible
      if (message.receiveCount >= this.behaviour.maxReceiveCount) {
        this.messages.delete(message.messageId);
        this.deadLetters.push(message.body);
        this.stats.deadLettered += 1;
        continue;
      }
      message.receiveCount += 1;
      message.visibleAt = now + this.behaviour.visibilityTimeoutMs;
      message.receipt = `${message.messageId}/${message.receiveCount}`;
      this.inFlight.push({ message, receiveCount: message.receiveCount, visibleAt: message.visibleAt });
      this.stats.received += 1;
      if (message.receiveCount > 1) this.stats.redelivered += 1;
      picked.push({ messageId: message.messageId, receiptHandle: message.receipt, body: message.body, receiveCount: message.receiveCount });
    }
    return picked;
  }

  /**
   * ReceiveMessage with WaitTimeSeconds (a long poll): returns at once when any message is visible;
   * otherwise waits until one becomes visible (a send, or a received message's visibility timeout
   * ending) and returns it, or returns nothing once `waitMs` has passed. Several polls waiting when one
   * message arrives all wake, one receives it, and the others wait on for the rest of their time, as
   * SQS's do. `sleeper` is the clock the queue runs on (the queue itself only reads the time).
   */
  async receiveWaiting(max: number, waitMs: number, sleeper: SleeperPort): Promise<ReceivedMessage[]> {
    const deadline = this.clock.now() + waitMs;
    for (;;) {
      const picked = this.receive(max);
      const now = this.clock.now();
      if (picked.length > 0 || now >= deadline) return picked;
      const until = Math.min(deadline, this.nextVisibleAt() ?? Number.POSITIVE_INFINITY);
      // The timer left behind when a send wakes the poll first wakes nothing: the loop has moved on.
      await Promise.race([sleeper.sleep(Math.max(1, until - now)), this.nextSend()]);
    }
  }

  /** Resolves at the next send; every poll waiting meanwhile shares one promise, so waiting costs nothing per send. */
  private nextSend(): Promise<void> {
    this.arrival ??= new Promise<void>((wake) => (this.wakeWaiters = wake));
    return this.arrival;
  }

  /** Deletes a message; a receipt from an earlier receive no longer deletes it. */
  delete(receiptHandle: string): void {
    const messageId = receiptHandle.slice(0, receiptHandle.indexOf('/'));
    const message = this.messages.get(messageId);
    if (message?.receipt === receiptHandle) {
      this.messages.delete(messageId);
      this.stats.deleted += 1;
    }
  }

  /** Messages stored, visible or not. */
  get size(): number {
    return this.messages.size;
  }

  /** When the next message becomes visible; undefined when the queue is empty. */
  nextVisibleAt(): number | undefined {
    this.dropStale();
    let earliest: number | undefined;
    for (const m of this.visible)
      if (this.messages.get(m.messageId) === m && (earliest === undefined || m.visibleAt < earliest)) earliest = m.visibleAt;
    const returning = this.inFlight.peek()?.visibleAt;
    return earliest === undefined ? returning : returning === undefined ? earliest : Math.min(earliest, returning);
  }

  private store(body: string): void {
    this.sequence += 1;
    const messageId = `msg-${this.sequence}`;
    const message = { messageId, body, receiveCount: 0, visibleAt: this.clock.now() };
    this.messages.set(messageId, message);
    this.visible.push(message);
    if (this.wakeWaiters) {
      const wake = this.wakeWaiters;
      this.wakeWaiters = undefined;
      this.arrival = undefined;
      wake();
    }
  }

  /** Received messages whose visibility timeout has passed become visible again. */
  private returnDue(now: number): void {
    for (this.dropStale(); (this.inFlight.peek()?.visibleAt ?? Number.POSITIVE_INFINITY) <= now; this.dropStale()) {
      this.visible.push((this.inFlight.pop() as InFlight).message);
    }
  }

  /** Drops returns of messages deleted since, so the heap's top is a real one. */
  private dropStale(): void {
    for (let top = this.inFlight.peek(); top && !this.isCurrent(top); top = this.inFlight.peek()) this.inFlight.pop();
  }

  private isCurrent(entry: InFlight): boolean {
    return this.messages.get(entry.message.messageId) === entry.message && entry.message.receiveCount === entry.receiveCount;
  }
}
