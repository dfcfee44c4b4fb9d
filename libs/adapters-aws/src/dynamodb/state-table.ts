import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  QueryCommandInput,
  UpdateCommand,
  UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { SleeperPort } from '@contact-sync/domain';
import { isConditionFailed } from '../aws-adapter-error';
import { batchGet, batchPut } from './batch-calls';
import { storageCall } from './storage-call';

/** The primary key of a state table item. */
export type Key = { readonly pk: string; readonly sk: string };

export type Attributes = Record<string, unknown>;

/** An UpdateItem request without its table and key. */
export type Update = Omit<UpdateCommandInput, 'TableName' | 'Key'>;

/**
 * The state table's calls, each through {@link storageCall}: every read of the table itself is
 * strongly consistent, and a conditional write whose condition does not hold answers false or
 * undefined instead of throwing.
 */
export class StateTable {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly name: string,
    private readonly sleeper: SleeperPort,
  ) {}

  async get(key: Key): Promise<Attributes | undefined> {
    const response = await storageCall('GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true })),
    );
    return response.Item;
  }

  /** Puts an item; false when `condition` did not hold (and nothing was written). */
  async put(item: Attributes, condition?: string): Promise<boolean> {
    const input = { TableName: this.name, Item: item, ...(condition ? { ConditionExpression: condition } : {}) };
    return (await this.unlessConditionFails('PutItem', () => this.doc.send(new PutCommand(input)))) !== undefined;
  }

  /** Updates an item: the attributes `ReturnValues` asked for ({} for none), or undefined when the condition did not hold. */
  async update(key: Key, update: Update): Promise<Attributes | undefined> {
    const response = await this.unlessConditionFails('UpdateItem', () =>
      this.doc.send(new UpdateCommand({ TableName: this.name, Key: key, ...update })),
    );
    return response && (response.Attributes ?? {});
  }

  /** Every item of partition `pk` whose sort key starts with `prefix`, in sort key order. */
  async query(pk: string, prefix: string): Promise<Attributes[]> {
    return this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    });
  }

  /** The items under `pk` whose `sk` is from `from` to `to` (both included), in key order. */
  async queryBetween(pk: string, from: string, to: string): Promise<Attributes[]> {
    return this.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
    });
  }

  private async queryAll(
    condition: Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeValues'>,
  ): Promise<Attributes[]> {
    const items: Attributes[] = [];
    let start: Attributes | undefined;
    do {
      const input: QueryCommandInput = {
        TableName: this.name,
        ...condition,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      };
      const page = await storageCall('Query', () => this.doc.send(new QueryCommand(input)));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The items that exist of these keys (BatchGetItem, strongly consistent). */
  getMany(keys: readonly Key[]): Promise<Attributes[]> {
    return batchGet(this.doc, this.name, keys, this.sleeper);
  }

  /** Puts items, each replacing an item with the same key (BatchWriteItem). */
  putMany(items: readonly Attributes[]): Promise<void> {
    return batchPut(this.doc, this.name, items, this.sleeper);
  }

  private async unlessConditionFails<T>(operation: string, write: () => Promise<T>): Promise<T | undefined> {
    try {
      return await storageCall(operation, write);
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }
}
