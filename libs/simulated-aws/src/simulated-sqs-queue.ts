import { ClockPort, RandomPort } from '@contact-sync/domain';

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

/**
 * An SQS standard queue on the virtual clock, as hostile as the real one: it hands out visible
 * messages in no particular order, stores some sends twice, makes a received message visible again
 * after the visibility timeout unless it is deleted with its latest receipt, and moves a message
 * received too often to its dead-letter queue.
 */
export class SimulatedSqsQueue {
  private readonly messages = new Map<string, StoredMessage>();
  private sequence = 0;
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
    const visible = [...this.messages.values()].filter((m) => m.visibleAt <= now);
    const picked: ReceivedMessage[] = [];
    while (picked.length < max && visible.length > 0) {
      const index = Math.floor(this.random.next() * visible.length);
      const message = visible[index] as StoredMessage;
      visible[index] = visible[visible.length - 1] as StoredMessage;
      visible.pop();
      if (message.receiveCount >= this.behaviour.maxReceiveCount) {
        this.messages.delete(message.messageId);
        this.deadLetters.push(message.body);
        this.stats.deadLettered += 1;
        continue;
      }
      message.receiveCount += 1;
      message.visibleAt = now + this.behaviour.visibilityTimeoutMs;
      message.receipt = `${message.messageId}/${message.receiveCount}`;
      this.stats.received += 1;
      if (message.receiveCount > 1) this.stats.redelivered += 1;
      picked.push({ messageId: message.messageId, receiptHandle: message.receipt, body: message.body, receiveCount: message.receiveCount });
    }
    return picked;
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
    let next: number | undefined;
    for (const m of this.messages.values()) if (next === undefined || m.visibleAt < next) next = m.visibleAt;
    return next;
  }

  private store(body: string): void {
    this.sequence += 1;
    const messageId = `msg-${this.sequence}`;
    this.messages.set(messageId, { messageId, body, receiveCount: 0, visibleAt: this.clock.now() });
  }
}
