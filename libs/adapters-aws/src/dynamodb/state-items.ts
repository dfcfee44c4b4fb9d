import {
  AccountId,
  AccountOutcome,
  auditExpiresAt,
  ContactKind,
  ItemCompletion,
  KindHead,
  RunReport,
  SyncRun,
  WriteIntent,
} from '@contact-sync/domain';
import { Attributes, Key } from './state-table';

/** A stored report keeps at most this many failures, so that a run item stays far below DynamoDB's 400 KB. */
export const STORED_FAILURES_LIMIT = 1000;

/** The digits of an item index in its sort key: listing a run's items returns them in index order. */
const ITEM_INDEX_DIGITS = 6;

export const OPEN_RUNS_KEY: Key = { pk: 'OPEN_RUNS', sk: 'OPEN_RUNS' };
export const headKey = (kind: ContactKind): Key => ({ pk: `HEAD#${kind}`, sk: 'HEAD' });
export const runKey = (runId: string): Key => ({ pk: `RUN#${runId}`, sk: 'RUN' });
export const outcomeKey = (runId: string, accountId: AccountId, kind: ContactKind): Key => ({
  pk: `RUN#${runId}`,
  sk: `OUTCOME#${accountId}#${kind}`,
});
export const intentKey = (runId: string, accountId: AccountId, kind: ContactKind): Key => ({
  pk: `RUN#${runId}`,
  sk: `INTENT#${accountId}#${kind}`,
});

/** The key of item `<runId>:<index>`; undefined for an id that is not of that run and form (no such item can exist). */
export function itemKey(runId: string, itemId: string): Key | undefined {
  const prefix = `${runId}:`;
  const index = itemId.slice(prefix.length);
  if (!itemId.startsWith(prefix) || !/^(0|[1-9]\d*)$/.test(index)) return undefined;
  return { pk: `RUN#${runId}`, sk: itemSk(Number(index)) };
}

/** The sort key of a run's item at `index`: fixed width, so that key order is index order. */
export const itemSk = (index: number): string => `ITEM#${String(index).padStart(ITEM_INDEX_DIGITS, '0')}`;

/** What the run item holds under `run`: everything but what other attributes and items keep. */
type StoredRun = Omit<SyncRun, 'completedItems' | 'status' | 'report' | 'notified'>;

/** The partition of index `byAccount` that lists the runs by start time (`gsi1sk` = `<startedAt>#<runId>`). */
export const RUNS_INDEX_KEY = 'RUNS';

/**
 * A new run's item. `completedItems` is the `doneCount` of completed items; `report` and `notified`
 * come at the end. It is listed under {@link RUNS_INDEX_KEY} in index `byAccount`, for `recentRuns`.
 */
export function runItem(run: SyncRun): Attributes {
  const {
    completedItems: _completed,
    status,
    report: _report,
    notified: _notified,
    cancelledAt: _cancelledAt,
    cancelledBy: _cancelledBy,
    ...stored
  } = run;
  return {
    ...runKey(run.runId),
    run: stored,
    status,
    gsi1pk: RUNS_INDEX_KEY,
    gsi1sk: `${run.startedAt}#${run.runId}`,
    expiresAt: auditExpiresAt(Date.parse(run.startedAt)),
  };
}

export function runOf(item: Attributes): SyncRun {
  const report = item['report'] as RunReport | undefined;
  return {
    ...(item['run'] as StoredRun),
    completedItems: (item['doneCount'] as number | undefined) ?? 0,
    status: item['status'] as SyncRun['status'],
    ...(item['notified'] === true ? { notified: true } : {}),
    ...(typeof item['cancelledAt'] === 'string' ? { cancelledAt: item['cancelledAt'] } : {}),
    ...(typeof item['cancelledBy'] === 'string' ? { cancelledBy: item['cancelledBy'] } : {}),
    ...(report ? { report } : {}),
  };
}

/** The run id of a run item. */
export const runIdOf = (item: Attributes): string => (item['run'] as StoredRun).runId;

/** Where a run item stands for its items' completion: its launch phase, the items left, whether its finish was claimed. */
export const itemCompletionOf = (item: Attributes): ItemCompletion => ({
  launch: (item['run'] as StoredRun).launch,
  remaining: (item['run'] as StoredRun).totalItems - ((item['doneCount'] as number | undefined) ?? 0),
  finishClaimed: item['finisher'] !== undefined,
});

export const kindHeadOf = (item: Attributes): KindHead => ({
  kind: item['kind'] as ContactKind,
  generation: item['generation'] as number,
  runId: item['runId'] as string,
  requestedAt: item['requestedAt'] as string,
});

export function outcomeItem(outcome: AccountOutcome): Attributes {
  return {
    ...outcomeKey(outcome.runId, outcome.accountId, outcome.kind),
    outcome,
    expiresAt: auditExpiresAt(Date.parse(outcome.at)),
  };
}

export const intentItem = (intent: WriteIntent): Attributes => ({
  ...intentKey(intent.runId, intent.accountId, intent.kind),
  intent,
  expiresAt: auditExpiresAt(Date.parse(intent.at)),
});

/** The report as stored: its failure list cut to {@link STORED_FAILURES_LIMIT}. */
export const storedReport = (report: RunReport): RunReport =>
  report.failures.length > STORED_FAILURES_LIMIT ? { ...report, failures: report.failures.slice(0, STORED_FAILURES_LIMIT) } : report;
