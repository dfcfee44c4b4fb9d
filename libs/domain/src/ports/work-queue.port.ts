import { WorkItem } from '../sync/work-item';

/** Fan-out: work items go to workers through a queue. */
export interface WorkQueuePort {
  /** Queues every item; throws when any could not be queued. */
  enqueue(items: readonly WorkItem[]): Promise<void>;
}
