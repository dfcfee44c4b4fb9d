import { parseWorkItem, ProcessWorkItem, TOKENS } from '@contact-sync/domain';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaRoot } from '../lambda-root';

/**
 * SQS: work items, one batch of accounts each. Accounts that fail are outcomes, not errors; a record
 * fails only when its item could not be processed or stored, and then only that record is returned
 * for redelivery (partial batch response). After the queue's maxReceiveCount it moves to the DLQ.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const { container, logger, metrics } = await lambdaRoot();
  const process = container.get<ProcessWorkItem>(TOKENS.ProcessWorkItem);
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  try {
    for (const record of event.Records) {
      const parsed = parseWorkItem(record.body);
      if (!parsed.ok) {
        logger.error('work item rejected', { messageId: record.messageId, fields: parsed.error.issues.map((i) => i.field) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      logger.correlate(parsed.value.runId);
      try {
        const { outcomes, finishedRun } = await process.execute(parsed.value);
        const failed = outcomes.filter((o) => o.status === 'FAILED').length;
        logger.info('work item done', { runId: parsed.value.runId, itemId: parsed.value.itemId, outcomes: outcomes.length, failed, finishedRun });
      } catch (error) {
        logger.error('work item failed; it will be redelivered', { runId: parsed.value.runId, itemId: parsed.value.itemId, error: errorName(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
  } finally {
    await metrics.flush();
  }
  return { batchItemFailures };
}

const errorName = (error: unknown): string => (error instanceof Error ? `${error.name}: ${(error as { code?: string }).code ?? ''}`.trim() : 'unknown');
