import { ItemClaim, ItemCompletion, StoredWorkItem, ValidationError, WorkItem } from '@contact-sync/domain';
import { itemCompletionOf, itemKey, itemSk, runKey } from './state-items';
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
   * Marks the item done (once: conditional), and only then counts it on the run, returning the run
   * as the count left it. A repeated completion counts nothing and reads the run instead, so that a
   * caller cut off after marking, or a launcher completing a done item again, still learns where the
   * run stands. Who finishes is the domain's decision; the run item's `finisher` says whether it was claimed.
   */
  async complete(runId: string, itemId: string, nowIso: string): Promise<ItemCompletion | undefined> {
    const key = itemKey(runId, itemId);
    if (!key) return undefined;
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
      if (!(await this.table.get(key))) return undefined;
      run = await this.table.get(runKey(runId));
    }
    return run && itemCompletionOf(run);
  }
}
