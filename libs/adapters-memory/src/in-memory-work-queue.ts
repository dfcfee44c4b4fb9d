import { WorkItem, WorkQueuePort } from '@contact-sync/domain';

/**
 * The work queue in memory. Like an SQS standard queue with many consumers, it does not hold one
 * run's items back behind another's: it hands out items round-robin across runs, so runs whose
 * calls use different quotas (the primary contact and the alternates) proceed side by side.
 */
export class InMemoryWorkQueue implements WorkQueuePort {
  private readonly byRun = new Map<string, WorkItem[]>();
  private size_ = 0;
  enqueued = 0;

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    for (const item of items) this.push(structuredClone(item));
    this.enqueued += items.length;
  }

  /** Takes the next item, if any. */
  take(): WorkItem | undefined {
    for (const [runId, items] of this.byRun) {
      const item = items.shift();
      this.byRun.delete(runId);
      if (items.length > 0) this.byRun.set(runId, items); // to the back of the rotation
      if (item) {
        this.size_ -= 1;
        return item;
      }
    }
    return undefined;
  }

  /** Puts an item back, as SQS does when a worker fails. */
  redeliver(item: WorkItem): void {
    this.push(item);
  }

  get size(): number {
    return this.size_;
  }

  private push(item: WorkItem): void {
    const items = this.byRun.get(item.runId) ?? [];
    items.push(item);
    this.byRun.set(item.runId, items);
    this.size_ += 1;
  }
}
