import { AccountOutcome, SyncRun, targetKey } from '@contact-sync/domain';
import { FailedAccounts, OutcomeCount, RunProgress } from './report-data';

/** Points kept per run's progress line: enough for any screen, bounded for any run. */
export const MAX_PROGRESS_POINTS = 2000;
/** Failed account-kinds listed by name; the rest are counted. */
export const MAX_FAILED_ROWS = 1000;

/** What the progress of a run is drawn from. */
export type ProgressRun = Pick<SyncRun, 'runId' | 'kinds' | 'targetCount' | 'startedAt'>;

/** The outcome of each account-kind of each run: the last one recorded, as the run's report counts them. */
export function latestOutcomes(outcomes: readonly AccountOutcome[]): AccountOutcome[] {
  const latest = new Map<string, AccountOutcome>();
  for (const o of outcomes) latest.set(`${o.runId}#${targetKey(o.accountId, o.kind)}`, o);
  return [...latest.values()];
}

/**
 * Account-kinds done over time, per run, from the times of their outcomes, in seconds since
 * `originMs`. Each line starts at 0 when its run started; at most `maxPoints` points per run.
 */
export function progressOf(
  runs: readonly ProgressRun[],
  outcomes: readonly AccountOutcome[],
  originMs: number,
  maxPoints = MAX_PROGRESS_POINTS,
): RunProgress[] {
  const times = new Map<string, number[]>(runs.map((r) => [r.runId, []]));
  for (const o of outcomes) times.get(o.runId)?.push(Date.parse(o.at));
  return runs.map((run) => {
    const sorted = Float64Array.from(times.get(run.runId) ?? []).sort();
    const seconds = (ms: number) => round((ms - originMs) / 1000);
    const points: Array<readonly [number, number]> = [[Math.max(0, seconds(Date.parse(run.startedAt))), 0]];
    const step = Math.max(1, Math.ceil(sorted.length / Math.max(1, maxPoints - 2)));
    for (let i = step - 1; i < sorted.length; i += step) points.push([seconds(sorted[i] as number), i + 1]);
    if (sorted.length > 0 && sorted.length % step !== 0) points.push([seconds(sorted[sorted.length - 1] as number), sorted.length]);
    return { runId: run.runId, kinds: [...run.kinds], targets: run.targetCount, points };
  });
}

/** Account-kinds by kind and status, in a stable order. */
export function outcomeCountsOf(outcomes: readonly AccountOutcome[]): OutcomeCount[] {
  const counts = new Map<string, Map<string, number>>();
  for (const o of outcomes) {
    let byStatus = counts.get(o.kind);
    if (!byStatus) counts.set(o.kind, (byStatus = new Map()));
    byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  }
  return [...counts]
    .flatMap(([kind, byStatus]) => [...byStatus].map(([status, count]) => ({ kind, status, count })))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.status.localeCompare(b.status));
}

/** Failed account-kinds: counted by error code, and the first `maxRows` listed by run, account and kind. */
export function failuresOf(
  outcomes: readonly AccountOutcome[],
  maxRows = MAX_FAILED_ROWS,
): { readonly byCode: Record<string, number>; readonly accounts: FailedAccounts } {
  const byCode: Record<string, number> = {};
  const failed = outcomes.filter((o) => o.status === 'FAILED');
  for (const o of failed) byCode[o.errorCode ?? 'UNKNOWN'] = (byCode[o.errorCode ?? 'UNKNOWN'] ?? 0) + 1;
  const rows = failed
    .map((o) => ({ runId: o.runId, accountId: o.accountId, kind: o.kind, errorCode: o.errorCode ?? 'UNKNOWN' }))
    .sort((a, b) => a.runId.localeCompare(b.runId) || a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind))
    .slice(0, maxRows);
  return { byCode, accounts: { total: failed.length, rows } };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
