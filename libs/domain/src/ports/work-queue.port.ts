import { WorkItem } from '../sync/work-item';

/** Fan-out: work items go to workers through a queue. */
export interface WorkQueuePort {
  enqueue(items: readonly WorkItem[]): Promise<void>;
}
