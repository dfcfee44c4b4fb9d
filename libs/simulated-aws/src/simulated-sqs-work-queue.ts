import { WorkItem, WorkQueuePort } from '@contact-sync/domain';
import { SimulatedSqsQueue } from './simulated-sqs-queue';

/** The work queue port over the simulated SQS queue: one message per item, its body the item's JSON (ids only). */
export class SimulatedSqsWorkQueue implements WorkQueuePort {
  constructor(private readonly queue: SimulatedSqsQueue) {}

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    for (const item of items) this.queue.send(JSON.stringify(item));
  }
}
