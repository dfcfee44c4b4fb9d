import { ItemClaim, StoredWorkItem, ValidationError, WorkItem } from '@contact-sync/domain';
import { itemCounts, itemKey, itemSk, runKey } from './state-items';
import { Attributes, StateTable } from './state-table';

const EXISTS = 'attribute_exists(pk)';

/**
 * A run's work items, `RUN#<runId>` / `ITEM#<index>`: the `item`, `done` once completed, and the
 * lease (`holder`, `leaseUntil` in epoch ms) of the worker processing it. Completion marks the item
 * and then counts it in the run's `doneCount`.
 */
export class WorkItemRecords {
  constructor(private readonly table: StateTable) {}

  /** One BatchWriteItem per 25 items; a put replaces an item stored before. */
  async put(items: readonly WorkItem[], expiresAt: number): Promise<void> {
    const records = items.map((item) => {
      const key = itemKey(item.runId, item.itemId);
      if (!key) throw new ValidationError('work item', [{ field: 'itemId', rule: 'must be <runId>:<index> of its run' }]);
      return { ...key, item, expiresAt };
    });
    await this.table.putMany(records);
  }

  async list(runId: string, range?: { readonly from: number; readonly limit: number }): Promise<StoredWorkItem[]> {
    const records = range
      ? await this.table.queryBetween(`RUN#${runId}`, itemSk(range.from), itemSk(range.from + range.limit - 1))
      : await this.table.query(`RUN#${runId}`, 'ITEM#');
    return records.map((record) => ({ item: record['item'] as WorkItem, done: record['done'] === true }));
  }

  /** Takes the lease with one conditional update; only when that fails, reads the item to say why. */
  async claim(runId: string, itemId: string, holder: string, nowMs: number, leaseMs: number): Promise<ItemClaim> {
    const key = itemKey(runId, itemId);
    if (!key) return 'UNKNOWN';
    const claimed = await this.table.update(key, {
      UpdateExpression: 'SET holder = :me, leaseUntil = :until',
      ConditionExpression: `${EXISTS} AND attribute_not_exists(done) AND (attribute_not_exists(holder) OR holder = :me OR leaseUntil <= :now)`,
      ExpressionAttributeValues: { ':me': holder, ':until': nowMs + leaseMs, ':now': nowMs },
    });
    if (claimed) return 'CLAIMED';
    const record = await this.table.get(key);
    return !record ? 'UNKNOWN' : record['done'] === true ? 'DONE' : 'BUSY';
  }

  async release(runId: string, itemId: string, holder: string): Promise<void> {
    const key = itemKey(runId, itemId);
    if (key)
      await this.table.update(key, {
        UpdateExpression: 'REMOVE holder, leaseUntil',
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': holder },
      });
  }

  /**
   * Marks the item done (once: conditional), and only then counts it on the run. The caller that
   * sees the count complete claims `finisher` (conditional: one caller wins). A repeated completion
   * counts nothing, but may still claim, in case the first was cut off before claiming.
   */
  async complete(runId: string, itemId: string, nowIso: string): Promise<boolean> {
    const key = itemKey(runId, itemId);
    if (!key) return false;
    const marked = await this.table.update(key, {
      UpdateExpression: 'SET done = :true',
      ConditionExpression: `${EXISTS} AND attribute_not_exists(done)`,
      ExpressionAttributeValues: { ':true': true },
    });
    let run: Attributes | undefined;
    if (marked) {
      run = await this.table.update(runKey(runId), {
        UpdateExpression: 'SET run.progressAt = :now ADD doneCount :one',
        ConditionExpression: EXISTS,
        ExpressionAttributeValues: { ':now': nowIso, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      });
    } else {
      if (!(await this.table.get(key))) return false;
      run = await this.table.get(runKey(runId));
    }
    if (!run || run['finisher'] !== undefined) return false;
    const { done, total, launched } = itemCounts(run);
    if (done < total || !launched) return false;
    const claimed = await this.table.update(runKey(runId), {
      UpdateExpression: 'SET finisher = :item',
      ConditionExpression: `${EXISTS} AND attribute_not_exists(finisher)`,
      ExpressionAttributeValues: { ':item': itemId },
    });
    return claimed !== undefined;
  }
}
