import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SleeperPort } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { storageCall } from './storage-call';

/** BatchWriteItem's limit. */
export const BATCH_WRITE_LIMIT = 25;
/** BatchGetItem's limit. */
export const BATCH_GET_LIMIT = 100;
const MAX_ROUNDS = 6;
const BASE_DELAY_MS = 50;

type Attributes = Record<string, unknown>;

/**
 * Puts items in batches of 25 (each replaces an item with the same key), retrying only the items
 * DynamoDB left unprocessed. Throws when some are still unprocessed after the last round.
 */
export async function batchPut(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Attributes[],
  sleeper: SleeperPort,
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_WRITE_LIMIT) {
    const requests = items.slice(i, i + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    await untilProcessed('BatchWriteItem', requests, sleeper, async (pending) => {
      const response = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      return (response.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    });
  }
}

/**
 * Reads items by key with strongly consistent reads, 100 keys a request, asking again only for the
 * keys DynamoDB left unprocessed. Missing items are left out; the order is DynamoDB's.
 */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Attributes[],
  sleeper: SleeperPort,
): Promise<Attributes[]> {
  const found: Attributes[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    await untilProcessed('BatchGetItem', keys.slice(i, i + BATCH_GET_LIMIT), sleeper, async (pending) => {
      const response = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(response.Responses?.[tableName] ?? []));
      return response.UnprocessedKeys?.[tableName]?.Keys ?? [];
    });
  }
  return found;
}

/** Sends a batch, then what DynamoDB left unprocessed, with exponential backoff (50, 100, 200, … ms). */
async function untilProcessed<T>(operation: string, batch: T[], sleeper: SleeperPort, send: (pending: T[]) => Promise<T[]>): Promise<void> {
  let pending = batch;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round === MAX_ROUNDS)
      throw new AwsAdapterError('THROTTLED', `DynamoDB ${operation} left ${pending.length} items unprocessed after ${MAX_ROUNDS} rounds`);
    if (round > 0) await sleeper.sleep(BASE_DELAY_MS * 2 ** (round - 1));
    const requests = pending;
    pending = await storageCall(operation, () => send(requests));
  }
}
