import { BatchResultErrorEntry, SendMessageBatchCommand, SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { isRetryable, SleeperPort, WorkItem, WorkQueuePort } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { translateAwsError } from '../aws-error-translation';

/** SendMessageBatch's limit. */
export const SQS_BATCH_SIZE = 10;

/** How failed entries are retried. */
export interface SqsRetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
}

export const DEFAULT_SQS_RETRY: SqsRetryOptions = Object.freeze({ maxAttempts: 5, baseDelayMs: 100 });

/**
 * Work items onto an SQS queue, ten to a SendMessageBatch. Entries SQS failed on its side are sent
 * again (only those) with exponential backoff; an entry refused as the sender's fault is not retried.
 * A call that fails altogether is retried only when it was throttled or a transient fault (the
 * client's own retries came first); AccessDenied or a missing queue fails at once.
 * Throws when any item is not queued, saying how many and why (error codes, never message bodies).
 * A body holds the item's ids and nothing else, whatever else the object passed in carries.
 */
export class SqsWorkQueue implements WorkQueuePort {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly sleeper: SleeperPort,
    private readonly retry: SqsRetryOptions = DEFAULT_SQS_RETRY,
  ) {}

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    const failures: BatchResultErrorEntry[] = [];
    for (let i = 0; i < items.length; i += SQS_BATCH_SIZE) {
      const entries = items.slice(i, i + SQS_BATCH_SIZE).map((item, j) => ({ Id: String(j), MessageBody: messageBody(item) }));
      failures.push(...(await this.sendBatch(entries)));
    }
    if (failures.length > 0) {
      const codes = [...new Set(failures.map((f) => f.Code))].join(', ');
      throw new AwsAdapterError('QUEUE_FAILED', `${failures.length} of ${items.length} work items could not be queued (${codes})`);
    }
  }

  /** Sends one batch; returns the entries still failed after the retries. */
  private async sendBatch(entries: SendMessageBatchRequestEntry[]): Promise<BatchResultErrorEntry[]> {
    const refused: BatchResultErrorEntry[] = [];
    let pending = entries;
    for (let attempt = 1; ; attempt += 1) {
      let failed: BatchResultErrorEntry[];
      try {
        const response = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
        failed = response.Failed ?? [];
      } catch (error) {
        const { code, name } = translateAwsError(error);
        if (!isRetryable(code) || attempt >= this.retry.maxAttempts) {
          throw new AwsAdapterError(code === 'ACCESS_DENIED' ? 'ACCESS_DENIED' : 'QUEUE_FAILED', `SQS SendMessageBatch failed: ${name}`, {
            cause: error,
          });
        }
        failed = pending.map((e) => ({ Id: e.Id, SenderFault: false, Code: name }));
      }
      refused.push(...failed.filter((f) => f.SenderFault));
      const retryable = failed.filter((f) => !f.SenderFault);
      if (retryable.length === 0 || attempt >= this.retry.maxAttempts) return [...refused, ...retryable];
      const retryIds = new Set(retryable.map((f) => f.Id));
      pending = pending.filter((e) => retryIds.has(e.Id));
      await this.sleeper.sleep(this.retry.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

/** The message of a work item: its ids only, so that nothing else an item object carries reaches the queue. */
const messageBody = ({ runId, itemId, accountIds }: WorkItem): string => JSON.stringify({ runId, itemId, accountIds });
