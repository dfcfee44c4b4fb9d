import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  AccountId,
  AccountOutcome,
  auditExpiresAt,
  CancelMark,
  ClockPort,
  CONDITION_DEFAULTS,
  CONDITION_FIELDS,
  CONTACT_KINDS,
  ContactKind,
  EventLedgerPort,
  ItemCompletion,
  ItemLedgerPort,
  KindHeadsPort,
  OutcomeLedgerPort,
  RunStorePort,
  ItemClaim,
  ItemProgress,
  KindHead,
  RunCondition,
  RunReport,
  RunUpdate,
  SleeperPort,
  StoredWorkItem,
  SyncRun,
  ValidationError,
  WorkItem,
  WriteDoubt,
  WriteIntent,
} from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import {
  headKey,
  intentItem,
  intentKey,
  kindHeadOf,
  OPEN_RUNS_KEY,
  outcomeItem,
  outcomeKey,
  runIdOf,
  runItem,
  runKey,
  runOf,
  RUNS_INDEX_KEY,
  storedReport,
} from './state-items';
import { StateTable } from './state-table';
import { WorkItemRecords } from './work-item-records';

export { STORED_FAILURES_LIMIT } from './state-items';

/** Conditional outcome puts in flight at once. */
export const OUTCOME_PUT_CONCURRENCY = 10;
/** Reads and increments of a kind head before giving up; more than one only when the head changes under the caller. */
const HEAD_ATTEMPTS = 3;

const NOT_EXISTS = 'attribute_not_exists(pk)';
const DOUBTS_PK = 'DOUBTS';
const doubtKey = (doubt: Pick<WriteDoubt, 'accountId' | 'kind'>) => ({ pk: DOUBTS_PK, sk: `DOUBT#${doubt.accountId}#${doubt.kind}` });
const EXISTS = 'attribute_exists(pk)';

/**
 * The sync state in the state table, with single-item conditional writes only (design in the
 * README, "Table design"): kind heads `HEAD#<kind>`, the open-run set `OPEN_RUNS`, claimed events
 * `EVENT#<eventId>`, and under `RUN#<runId>` the run (`RUN`), its items (`ITEM#<index>`), outcomes
 * (`OUTCOME#<accountId>#<kind>`) and write intents (`INTENT#<accountId>#<kind>`). Every read is
 * strongly consistent but the account history (an index). Every item but the configuration, the
 * heads and the open-run set expires with the audit retention. One class serves every role port: the
 * roles share the table, its client and its retries, and an item's completion reads its run's item.
 */
export class DynamoDbSyncState implements EventLedgerPort, KindHeadsPort, RunStorePort, ItemLedgerPort, OutcomeLedgerPort {
  private readonly table: StateTable;
  private readonly items: WorkItemRecords;

  constructor(
    doc: DynamoDBDocumentClient,
    tableName: string,
    private readonly clock: ClockPort,
    sleeper: SleeperPort,
  ) {
    this.table = new StateTable(doc, tableName, sleeper);
    this.items = new WorkItemRecords(this.table);
  }

  claimEvent(eventId: string, runId: string): Promise<boolean> {
    return this.table.put({ pk: `EVENT#${eventId}`, sk: 'EVENT', runId, expiresAt: auditExpiresAt(this.clock.now()) }, NOT_EXISTS);
  }

  async headOf(kind: ContactKind): Promise<KindHead | undefined> {
    const item = await this.table.get(headKey(kind));
    return item && kindHeadOf(item);
  }

  /**
   * Reads the head: the caller's own run gets its generation back. Otherwise increments the
   * generation, on condition that the head is still not the caller's run; if that fails, another
   * delivery of the same run advanced it in between, and it is read again. Runs are ordered by
   * the generation they claim, not by `requestedAt` (an event's time may be skewed): it is only stored.
   */
  async advanceHead(kind: ContactKind, runId: string, requestedAt: string): Promise<number | undefined> {
    const ms = Date.parse(requestedAt);
    if (Number.isNaN(ms)) throw new ValidationError('kind head', [{ field: 'requestedAt', rule: 'must be an ISO-8601 date-time' }]);
    for (let attempt = 0; attempt < HEAD_ATTEMPTS; attempt += 1) {
      const head = await this.table.get(headKey(kind));
      if (head?.['runId'] === runId) return head['generation'] as number;
      const advanced = await this.table.update(headKey(kind), {
        UpdateExpression: 'SET kind = :kind, runId = :run, requestedAt = :at, requestedAtMs = :ms ADD generation :one',
        ConditionExpression: `${NOT_EXISTS} OR runId <> :run`,
        ExpressionAttributeValues: { ':kind': kind, ':run': runId, ':at': requestedAt, ':ms': ms, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      });
      if (advanced) return advanced['generation'] as number;
    }
    throw new AwsAdapterError('STORAGE_FAILED', `the head of ${kind} kept changing during ${HEAD_ATTEMPTS} attempts`);
  }

  /** Adds the run to the open set first, so that a run never exists outside it (a re-add is a no-op). */
  async createRun(run: SyncRun): Promise<boolean> {
    await this.table.update(OPEN_RUNS_KEY, {
      UpdateExpression: 'ADD runIds :run',
      ExpressionAttributeValues: { ':run': new Set([run.runId]) },
    });
    return this.table.put(runItem(run), NOT_EXISTS);
  }

  /** Index `byAccount` under `RUNS`, newest start first: one Query, at most `limit` run items. */
  async recentRuns(limit: number): Promise<SyncRun[]> {
    return (await this.table.queryByAccount(RUNS_INDEX_KEY, limit)).map(runOf);
  }

  async getRun(runId: string): Promise<SyncRun | undefined> {
    const item = await this.table.get(runKey(runId));
    return item && runOf(item);
  }

  /**
   * One UpdateItem of the given fields inside the stored run. A condition adds, in the same write,
   * that the run is not finished (`status`), is in its phase, and has the fields it names (a run that
   * has listed none has no `listedItems` yet, so a field's default also matches an absent one). An
   * empty update writes nothing.
   */
  async updateRun(runId: string, update: RunUpdate, condition?: RunCondition): Promise<boolean> {
    const fields = Object.entries(update).filter(([, value]) => value !== undefined);
    // Nothing to set: no write, as before conditions existed (a caller's empty patch).
    if (fields.length === 0) return true;
    const named = condition
      ? CONDITION_FIELDS.flatMap((name) => (condition[name] === undefined ? [] : [{ name, value: condition[name] }]))
      : [];
    const conditions = [
      EXISTS,
      ...(condition ? ['#cStatus <> :cFinished', 'run.#cLaunch = :cLaunch'] : []),
      ...named.map(
        ({ name, value }, i) => `(run.#c${i} = :c${i}${value === CONDITION_DEFAULTS[name] ? ` OR attribute_not_exists(run.#c${i})` : ''})`,
      ),
    ];
    const updated = await this.table.update(runKey(runId), {
      UpdateExpression: `SET ${fields.map((_, i) => `run.#f${i} = :f${i}`).join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: {
        ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
        ...(condition ? { '#cStatus': 'status', '#cLaunch': 'launch' } : {}),
        ...Object.fromEntries(named.map(({ name }, i) => [`#c${i}`, name])),
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(fields.map(([, value], i) => [`:f${i}`, value])),
        ...(condition ? { ':cFinished': 'FINISHED', ':cLaunch': condition.launch } : {}),
        ...Object.fromEntries(named.map(({ value }, i) => [`:c${i}`, value])),
      },
    });
    return updated !== undefined;
  }

  /** One launcher at a time: `launcher` and `launchLeaseUntil` on the run, set if free, ours, or expired. */
  async claimLaunch(runId: string, holder: string, nowMs: number, leaseMs: number): Promise<boolean> {
    const claimed = await this.table.update(runKey(runId), {
      UpdateExpression: 'SET launcher = :me, launchLeaseUntil = :until',
      ConditionExpression: `${EXISTS} AND (attribute_not_exists(launcher) OR launcher = :me OR launchLeaseUntil <= :now)`,
      ExpressionAttributeValues: { ':me': holder, ':until': nowMs + leaseMs, ':now': nowMs },
    });
    return claimed !== undefined;
  }

  /** The open set, less the runs already notified (which it drops: a crash or a race left them in it). */
  async listOpenRuns(): Promise<string[]> {
    const ids = [...(((await this.table.get(OPEN_RUNS_KEY))?.['runIds'] as Set<string> | undefined) ?? [])];
    if (ids.length === 0) return [];
    const runs = await this.table.getMany(ids.map(runKey));
    const notified = new Set(runs.filter((run) => run['notified'] === true).map(runIdOf));
    if (notified.size > 0)
      await this.table.update(OPEN_RUNS_KEY, { UpdateExpression: 'DELETE runIds :runs', ExpressionAttributeValues: { ':runs': notified } });
    const open = new Set(runs.map(runIdOf).filter((id) => !notified.has(id)));
    return ids.filter((id) => open.has(id));
  }

  putItems(items: readonly WorkItem[]): Promise<void> {
    return this.items.put(items, auditExpiresAt(this.clock.now()));
  }

  listItems(runId: string, range?: { readonly from: number; readonly limit: number }): Promise<StoredWorkItem[]> {
    return this.items.list(runId, range);
  }

  claimItem(runId: string, itemId: string, holder: string, nowMs: number, leaseMs: number): Promise<ItemClaim> {
    return this.items.claim(runId, itemId, holder, nowMs, leaseMs);
  }

  releaseItem(runId: string, itemId: string, holder: string): Promise<void> {
    return this.items.release(runId, itemId, holder);
  }

  completeItem(runId: string, itemId: string, nowIso: string): Promise<ItemCompletion | undefined> {
    return this.items.complete(runId, itemId, nowIso);
  }

  /** `finisher` on the run item, set on condition that it is absent: one claimant ever wins. */
  async claimFinish(runId: string, claimant: string): Promise<boolean> {
    const claimed = await this.table.update(runKey(runId), {
      UpdateExpression: 'SET finisher = :item',
      ConditionExpression: `${EXISTS} AND attribute_not_exists(finisher)`,
      ExpressionAttributeValues: { ':item': claimant },
    });
    return claimed !== undefined;
  }

  /** Every outcome and intent key of these accounts, all kinds, in one BatchGetItem per 100 keys. */
  async itemProgress(runId: string, accountIds: readonly AccountId[]): Promise<ItemProgress> {
    const keys = [...new Set(accountIds)].flatMap((accountId) =>
      CONTACT_KINDS.flatMap((kind) => [outcomeKey(runId, accountId, kind), intentKey(runId, accountId, kind)]),
    );
    const found = (await this.table.getMany(keys)).sort((a, b) => String(a['sk']).localeCompare(String(b['sk'])));
    return {
      outcomes: found.flatMap((record) => (record['outcome'] ? [record['outcome'] as AccountOutcome] : [])),
      intents: found.flatMap((record) => (record['intent'] ? [record['intent'] as WriteIntent] : [])),
    };
  }

  async recordIntent(intent: WriteIntent): Promise<void> {
    await this.table.put(intentItem(intent));
  }

  /** One conditional put per outcome (BatchWriteItem has no conditions); a failed condition means it was stored already. */
  async recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void> {
    const first = new Map<string, AccountOutcome>();
    for (const outcome of outcomes) {
      const key = `${outcome.runId}#${outcome.accountId}#${outcome.kind}`;
      if (!first.has(key)) first.set(key, outcome);
    }
    const items = [...first.values()].map(outcomeItem);
    for (let i = 0; i < items.length; i += OUTCOME_PUT_CONCURRENCY) {
      await Promise.all(items.slice(i, i + OUTCOME_PUT_CONCURRENCY).map((item) => this.table.put(item, NOT_EXISTS)));
    }
  }

  async listOutcomes(runId: string): Promise<AccountOutcome[]> {
    return (await this.table.query(`RUN#${runId}`, 'OUTCOME#')).map((record) => record['outcome'] as AccountOutcome);
  }

  /** `DOUBT#<accountId>#<kind>` under partition `DOUBTS`: set to the later due time; a verified one loses its `dueAtMs`. */
  async recordDoubt(doubt: WriteDoubt): Promise<void> {
    await this.table.update(doubtKey(doubt), {
      UpdateExpression: 'SET accountId = :account, kind = :kind, dueAtMs = :due, expiresAt = :expires',
      ConditionExpression: 'attribute_not_exists(dueAtMs) OR dueAtMs < :due',
      ExpressionAttributeValues: {
        ':account': doubt.accountId,
        ':kind': doubt.kind,
        ':due': doubt.dueAtMs,
        ':expires': auditExpiresAt(doubt.dueAtMs),
      },
    });
  }

  /** The doubts partition is read whole: it holds at most one item per account-kind, and only writes in doubt. */
  async dueDoubts(nowMs: number, limit: number): Promise<WriteDoubt[]> {
    return (await this.table.query(DOUBTS_PK, 'DOUBT#'))
      .filter((item) => typeof item['dueAtMs'] === 'number' && (item['dueAtMs'] as number) <= nowMs)
      .map((item) => ({ accountId: item['accountId'] as AccountId, kind: item['kind'] as ContactKind, dueAtMs: item['dueAtMs'] as number }))
      .sort((a, b) => a.dueAtMs - b.dueAtMs)
      .slice(0, limit);
  }

  async clearDoubt(doubt: WriteDoubt): Promise<void> {
    await this.table.update(doubtKey(doubt), {
      UpdateExpression: 'REMOVE dueAtMs',
      ConditionExpression: 'dueAtMs = :due',
      ExpressionAttributeValues: { ':due': doubt.dueAtMs },
    });
  }

  async listIntents(runId: string): Promise<WriteIntent[]> {
    return (await this.table.query(`RUN#${runId}`, 'INTENT#')).map((record) => record['intent'] as WriteIntent);
  }

  async finishRun(runId: string, report: RunReport): Promise<RunReport> {
    const stored = storedReport(report);
    const finished = await this.table.update(runKey(runId), {
      UpdateExpression: 'SET #status = :finished, report = :report REMOVE run.desired',
      ConditionExpression: `${EXISTS} AND #status <> :finished`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':finished': 'FINISHED', ':report': stored },
    });
    if (finished) return stored;
    return ((await this.table.get(runKey(runId)))?.['report'] as RunReport | undefined) ?? stored;
  }

  /**
   * `cancelledAt` and `cancelledBy` beside the run's status on its item, set in one conditional
   * update that holds only while the run is neither finished nor cancelled; when it does not hold,
   * the item read again says which.
   */
  async cancelRun(runId: string, atIso: string, by: string): Promise<CancelMark> {
    const cancelled = await this.table.update(runKey(runId), {
      UpdateExpression: 'SET cancelledAt = :at, cancelledBy = :by',
      ConditionExpression: `${EXISTS} AND #status <> :finished AND attribute_not_exists(cancelledAt)`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': atIso, ':by': by, ':finished': 'FINISHED' },
    });
    if (cancelled) return 'CANCELLED';
    const item = await this.table.get(runKey(runId));
    if (!item) return 'NOT_FOUND';
    return item['status'] === 'FINISHED' ? 'FINISHED' : 'ALREADY_CANCELLED';
  }

  /** Marks the run first, then leaves the open set: a crash in between leaves a notified run there, which listOpenRuns drops. */
  async markNotified(runId: string): Promise<void> {
    await this.table.update(runKey(runId), {
      UpdateExpression: 'SET notified = :true',
      ConditionExpression: EXISTS,
      ExpressionAttributeValues: { ':true': true },
    });
    await this.table.update(OPEN_RUNS_KEY, {
      UpdateExpression: 'DELETE runIds :run',
      ExpressionAttributeValues: { ':run': new Set([runId]) },
    });
  }
}
