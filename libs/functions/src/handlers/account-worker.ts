import { parseWorkItem, ProcessWorkItem } from '@contact-sync/domain';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { batchResponse, redelivered, workDeadlineMs } from '../deliveries';
import { defineFunction } from '../invocation';

/**
 * SQS: work items, one batch of accounts each, processed side by side (items of different kinds then
 * use this worker's shares of different quotas at once). Accounts that fail are outcomes, not errors.
 * A record is returned for redelivery (partial batch response) when its item could not be processed,
 * is held by another delivery, or was left unfinished near the timeout; a duplicate of a done item is
 * acknowledged. After the queue's maxReceiveCount a record moves to the DLQ, and the sweeper re-drives.
 */
export const accountWorker = defineFunction(
  { processItem: ProcessWorkItem },
  async (event: SQSEvent, { processItem, logger, context, endsAtMs }): Promise<SQSBatchResponse> => {
    // Each delivery holds its item under its own name: the request id tells invocations apart.
    const invocation = context?.awsRequestId ?? 'local';
    return batchResponse(await Promise.all(event.Records.map((record) => processRecord(record))));

    /** The record's message id when it must be delivered again. */
    async function processRecord(record: SQSRecord): Promise<string | undefined> {
      const parsed = parseWorkItem(record.body);
      if (!parsed.ok) {
        logger.error('work item rejected', { messageId: record.messageId, fields: parsed.error.issues.map((i) => i.field) });
        return record.messageId;
      }
      const { runId, itemId } = parsed.value;
      try {
        const delivery = Number(record.attributes?.ApproximateReceiveCount);
        const result = await processItem.execute(parsed.value, {
          holder: `${invocation}/${record.messageId}`,
          deadlineMs: workDeadlineMs(endsAtMs),
          endsAtMs,
          ...(Number.isInteger(delivery) && delivery > 0 ? { delivery } : {}),
        });
        const outcomes = 'outcomes' in result ? result.outcomes.length : 0;
        logger.info('work item handled', {
          runId,
          itemId,
          status: result.status,
          outcomes,
          finishedRun: result.status === 'DONE' && result.finishedRun,
        });
        return redelivered(result.status) ? record.messageId : undefined;
      } catch (error) {
        logger.error('work item failed; it will be redelivered', { runId, itemId, error: errorName(error) });
        return record.messageId;
      }
    }
  },
);

/** The error's name and stable code, never its message: a message may carry values. */
const errorName = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${(error as { code?: string }).code ?? ''}`.trim() : 'unknown';
