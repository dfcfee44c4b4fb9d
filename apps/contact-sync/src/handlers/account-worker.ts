import { parseWorkItem, ProcessWorkItem, WORK_ITEM_LIMITS } from '@contact-sync/domain';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaHandler } from '../lambda-handler';

/** Time kept back from the invocation's timeout to store what was done before Lambda stops it. */
export const DEADLINE_MARGIN_MS = WORK_ITEM_LIMITS.deadlineMarginMs;

/**
 * SQS: work items, one batch of accounts each, processed side by side (items of different kinds then
 * use this worker's shares of different quotas at once). Accounts that fail are outcomes, not errors.
 * A record is returned for redelivery (partial batch response) when its item could not be processed,
 * is held by another delivery, or was left unfinished near the timeout; a duplicate of a done item is
 * acknowledged. After the queue's maxReceiveCount a record moves to the DLQ, and the sweeper re-drives.
 */
export const handler = lambdaHandler(
  { processItem: ProcessWorkItem },
  async (event: SQSEvent, { processItem, logger, context, endsAtMs }): Promise<SQSBatchResponse> => {
    const invocation = context?.awsRequestId ?? 'local';
    const failed = await Promise.all(event.Records.map((record) => processRecord(record)));
    return { batchItemFailures: failed.filter((id): id is string => id !== undefined).map((itemIdentifier) => ({ itemIdentifier })) };

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
          deadlineMs: endsAtMs - DEADLINE_MARGIN_MS,
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
        // A refused message (its accounts are not its item's) goes back, and after maxReceiveCount to the DLQ, whose alarm tells.
        return result.status === 'BUSY' || result.status === 'INTERRUPTED' || result.status === 'REFUSED' ? record.messageId : undefined;
      } catch (error) {
        logger.error('work item failed; it will be redelivered', { runId, itemId, error: errorName(error) });
        return record.messageId;
      }
    }
  },
);

const errorName = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${(error as { code?: string }).code ?? ''}`.trim() : 'unknown';
