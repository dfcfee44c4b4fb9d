import { WorkItem, WorkQueuePort } from '@contact-sync/domain';

/** A FIFO queue; the simulator's workers take items from it. */
export class InMemoryWorkQueue implements WorkQueuePort {
  private readonly items: WorkItem[] = [];
  enqueued = 0;

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    this.items.push(...items.map((item) => structuredClone(item)));
    this.enqueued += items.length;
  }

  /** Takes the next item, if any. */
  take(): WorkItem | undefined {
    return this.items.shift();
  }

  /** Puts an item back, as SQS does when a worker fails. */
  redeliver(item: WorkItem): void {
    this.items.push(item);
  }

  get size(): number {
    return this.items.length;
  }
}
