import { DEFAULT_SWEEP_OPTIONS, dryRunNote, RunReport, SyncRun } from '@contact-sync/domain';
import { renderRunReport, storedRunReportData } from '@contact-sync/run-report';
import { writeFile } from 'node:fs/promises';
import { Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { confirm } from '../confirm';
import { CliIo } from '../io';
import { table } from '../table';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/**
 * What an operator may see of a run: ids, kinds, counts, times and codes. Never the run's desired
 * values (the management account's contacts) nor its initiator (an ARN may end with a person's address).
 */
export interface RunView {
  readonly runId: string;
  readonly trigger: SyncRun['trigger'];
  readonly kinds: SyncRun['kinds'];
  /** RUNNING, or how the run ended (SUCCEEDED, SUPERSEDED, PARTIAL, FAILED, CANCELLED); CANCELLED too once cancelled. */
  readonly status: string;
  /** A RUNNING run with no progress for longer than the sweeper waits before re-driving it. */
  readonly stalled: boolean;
  readonly dryRun: boolean;
  readonly launch: SyncRun['launch'];
  readonly startedAt: string;
  readonly lastProgressAt: string;
  readonly ageSeconds: number;
  readonly items: { readonly done: number; readonly total: number };
  readonly targeted: number;
  readonly redrives: number;
  readonly notified: boolean;
  readonly report?: RunReport;
}

/** `contact-sync runs`: recent runs, newest first, with a flag on a run that stopped making progress. */
export async function runsCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const limit = limitOption(options);
  const since = sinceOption(options);
  const { runs, now } = await backend.run(async () => ({
    runs: await backend.runStore.recentRuns(limit),
    now: backend.clock.now(),
  }));
  const views = runs.filter((run) => since === undefined || Date.parse(run.startedAt) >= since).map((run) => viewOf(run, now));
  if (options.json) {
    io.out(`${JSON.stringify({ runs: views }, null, 2)}\n`);
    return EXIT.OK;
  }
  if (views.length === 0) {
    io.out(since === undefined ? 'No runs recorded.\n' : 'No runs started since then.\n');
    return EXIT.OK;
  }
  const rows = views.map((v) => [
    v.runId,
    v.trigger,
    v.stalled ? `${v.status} (STALLED)` : v.status,
    v.kinds.join(','),
    `${v.items.done}/${v.items.total}`,
    ...counts(v.report),
    age(v.ageSeconds),
  ]);
  io.out(table(['RUN', 'TRIGGER', 'STATUS', 'KINDS', 'ITEMS', 'UPDATED', 'UNCHANGED', 'SKIPPED', 'FAILED', 'AGE'], rows));
  const stalled = views.filter((v) => v.stalled).length;
  if (stalled > 0)
    io.out(
      `\n${stalled} RUNNING run(s) made no progress for over ${DEFAULT_SWEEP_OPTIONS.stallMs / 60_000} minutes: the sweeper re-drives them (see contact-sync runs show RUN_ID).\n`,
    );
  if (runs.length === limit) io.out(`\nShowing the newest ${limit}; raise --limit for more.\n`);
  return EXIT.OK;
}

/** `contact-sync runs show RUN_ID`: one run's progress, and its stored report once it finished. */
export async function runShowCommand(backend: Backend, io: CliIo, options: Options, runId: string): Promise<number> {
  const reportFile = reportOption(options);
  const { run, outcomes, now } = await backend.run(async () => {
    const found = await backend.runStore.getRun(runId);
    // The outcomes only for the HTML report, read in the same pass as the run.
    const outcomes = found && reportFile !== undefined ? await backend.outcomeLedger.listOutcomes(runId) : undefined;
    return { run: found, outcomes, now: backend.clock.now() };
  });
  if (!run)
    throw new CliError('INVALID_INPUT', `no run ${runId} is recorded (runs are kept 90 days; contact-sync runs lists the recent ones)`);
  if (reportFile !== undefined && outcomes) {
    await writeReport(reportFile, renderRunReport(storedRunReportData(run, outcomes)));
    io.err(`report: ${reportFile}\n`);
  }
  const view = viewOf(run, now);
  if (options.json) {
    io.out(`${JSON.stringify(view, null, 2)}\n`);
    return EXIT.OK;
  }
  io.out(renderRun(view));
  return EXIT.OK;
}

/**
 * `contact-sync runs cancel RUN_ID`: cancels an open run, deployed or not. After confirmation (or
 * `--yes`), the cancellation is stored; no write of the run goes out after it, and the run is finished
 * as CANCELLED with what it left undone recorded SKIPPED CANCELLED, and notified.
 */
export async function runCancelCommand(backend: Backend, io: CliIo, options: Options, runId: string): Promise<number> {
  const run = await backend.run(() => backend.runStore.getRun(runId));
  if (!run)
    throw new CliError('INVALID_INPUT', `no run ${runId} is recorded (runs are kept 90 days; contact-sync runs lists the recent ones)`);
  if (run.status === 'FINISHED') return cannotCancel(io, options, runId, run.report?.status ?? 'FINISHED');
  if (!options.yes && run.cancelledAt === undefined)
    await confirm(
      io,
      `Cancel run ${runId} (${run.trigger}, ${run.kinds.join(',')}, ${run.completedItems} of ${run.totalItems} items done)? Nothing more of it will be written.`,
      'Aborted: the run was not cancelled.',
    );
  const by = await backend.run(() => backend.operatorIdentity.callerArn());
  const result = await backend.run(() => backend.cancelRun.execute({ runId, by }));
  if (result.status === 'NOT_FOUND') throw new CliError('INVALID_INPUT', `no run ${runId} is recorded`);
  if (result.status === 'ALREADY_FINISHED') return cannotCancel(io, options, runId, result.report?.status ?? 'FINISHED');
  const r = result.report;
  if (options.json)
    io.out(`${JSON.stringify({ status: result.status, runId, cancelledAt: result.cancelledAt, report: r }, null, 2)}
`);
  else
    io.out(
      `Run ${runId} ${result.status === 'CANCELLED' ? 'cancelled' : 'was already cancelled'} at ${result.cancelledAt}: no write of it goes out after that. ` +
        `${r.updated} updated before it, ${r.skippedBy?.['CANCELLED'] ?? 0} account-kinds recorded SKIPPED CANCELLED` +
        `${r.unconfirmedWrites > 0 ? `, ${r.unconfirmedWrites} writes begun before it and unconfirmed` : ''}.
Audit: contact-sync history --run ${runId}
`,
    );
  return EXIT.OK;
}

/** A finished run cannot be cancelled: said plainly, with how it ended (exit 1, nothing changed). */
function cannotCancel(io: CliIo, options: Options, runId: string, ended: string): number {
  if (options.json)
    io.out(`${JSON.stringify({ status: 'ALREADY_FINISHED', runId, runStatus: ended })}
`);
  io.err(`Error: run ${runId} already finished (${ended}): a finished run cannot be cancelled, and nothing was changed.
`);
  return EXIT.ERROR;
}

/** A run as operators see it, at `nowMs`. */
export function viewOf(run: SyncRun, nowMs: number): RunView {
  const lastProgressAt = run.progressAt ?? run.startedAt;
  const status = run.status === 'FINISHED' ? (run.report?.status ?? 'FINISHED') : run.cancelledAt !== undefined ? 'CANCELLED' : 'RUNNING';
  return {
    runId: run.runId,
    trigger: run.trigger,
    kinds: run.kinds,
    status,
    stalled: run.status === 'RUNNING' && nowMs - Date.parse(lastProgressAt) > DEFAULT_SWEEP_OPTIONS.stallMs,
    dryRun: run.dryRun,
    launch: run.launch,
    startedAt: run.startedAt,
    lastProgressAt,
    ageSeconds: Math.max(0, Math.round((nowMs - Date.parse(run.startedAt)) / 1000)),
    items: { done: run.completedItems, total: run.totalItems },
    targeted: run.targetCount,
    redrives: run.redrives ?? 0,
    notified: run.notified === true,
    ...(run.report ? { report: run.report } : {}),
  };
}

const counts = (report: RunReport | undefined): string[] =>
  report ? [report.updated, report.unchanged, report.skipped, report.failed].map(String) : ['-', '-', '-', '-'];

/** An age as people say it: 45s, 12m, 3h, 2d. */
export function age(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** What the run did to members: from its report's outcomes once finished (dry run may be switched mid-run), else the mode it started in. */
function modeNote(v: RunView): string {
  const note = v.report ? dryRunNote(v.report) : v.dryRun ? 'started in dry run' : undefined;
  return note === undefined ? '' : ` (${note})`;
}

function renderRun(v: RunView): string {
  const lines = [
    `Run         ${v.runId}`,
    `Trigger     ${v.trigger}${modeNote(v)}`,
    `Kinds       ${v.kinds.join(', ')}`,
    `Status      ${v.status}${v.stalled ? ` (STALLED: no progress since ${v.lastProgressAt})` : ''}${v.status !== 'RUNNING' && !v.notified ? ', not yet notified' : ''}`,
    `Started     ${v.startedAt} (${age(v.ageSeconds)} ago)`,
    `Items       ${v.items.done} of ${v.items.total} done; launch ${v.launch}; ${v.targeted} account-kinds targeted; re-driven ${v.redrives} time(s)`,
  ];
  const r = v.report;
  if (r) {
    lines.push(
      `Finished    ${r.finishedAt} (${Math.round(r.durationMs / 1000)} s)`,
      `Outcomes    ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped, ${r.superseded} superseded, ${r.failed} failed, ${r.missing} missing; ${r.unconfirmedWrites} unconfirmed writes`,
    );
    if (r.cancelledAt !== undefined) lines.push(`Cancelled   ${r.cancelledAt}: nothing of the run was written after it`);
    if (r.launchIncomplete)
      lines.push('Launch      incomplete: listing the organization failed on every try; members not listed were not reached');
    for (const f of r.failures) lines.push(`  failed: ${f.accountId} ${f.kind} ${f.errorCode}`);
  }
  lines.push(`Audit       contact-sync history --run ${v.runId}`);
  return `${lines.join('\n')}\n`;
}

function reportOption(options: Options): string | undefined {
  const file = stringOption(options, 'report');
  if (file !== undefined && !file.endsWith('.html')) throw new CliError('USAGE', '--report must name a file ending in .html');
  return file;
}

async function writeReport(path: string, html: string): Promise<void> {
  try {
    await writeFile(path, html, 'utf8');
  } catch (error) {
    throw new CliError('INVALID_INPUT', `--report: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'unwritable'})`, {
      cause: error,
    });
  }
}

function sinceOption(options: Options): number | undefined {
  const text = stringOption(options, 'since');
  if (text === undefined) return undefined;
  const ms = /^\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:\d\d))?$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new CliError('USAGE', '--since must be an ISO-8601 date or date-time (2026-11-01 or 2026-11-01T09:00:00Z)');
  return ms;
}

function limitOption(options: Options): number {
  const text = stringOption(options, 'limit');
  if (text === undefined) return DEFAULT_LIMIT;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_LIMIT)
    throw new CliError('USAGE', `--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return value;
}
