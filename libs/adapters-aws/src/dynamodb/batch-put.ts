import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SleeperPort } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { storageCall } from './storage-call';

/** BatchWriteItem's limit. */
export const BATCH_WRITE_LIMIT = 25;
const MAX_ROUNDS = 6;
const BASE_DELAY_MS = 50;

/**
 * Puts items in batches of 25, retrying only the items DynamoDB left unprocessed, with exponential
 * backoff. Throws when some are still unprocessed after the last round.
 */
export async function batchPut(doc: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[], sleeper: SleeperPort): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_WRITE_LIMIT) {
    let pending = items.slice(i, i + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round += 1) {
      if (round === MAX_ROUNDS) throw new AwsAdapterError('THROTTLED', `DynamoDB BatchWriteItem left ${pending.length} items unprocessed after ${MAX_ROUNDS} rounds`);
      if (round > 0) await sleeper.sleep(BASE_DELAY_MS * 2 ** (round - 1));
      const requestItems = pending;
      const response = await storageCall('BatchWriteItem', () => doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requestItems } })));
      pending = (response.UnprocessedItems?.[tableName] ?? []).flatMap((request) => (request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : []));
    }
  }
}
