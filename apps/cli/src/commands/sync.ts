import { AccountOutcome, ContactKind, OutcomeStatus } from '@contact-sync/domain';
import { readFile } from 'node:fs/promises';
import { Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend, BackendSettings } from '../backend';
import { confirm } from '../confirm';
import { CliIo } from '../io';
import { Progress } from '../progress';
import { parseSavedPlan, PlannedWrite, SavedPlan, stalenessOf, stalenessText, writesByKind } from '../saved-plan';
import { warn } from './config';
import { planCounts, planFilters, readPlan, requireComparedAccounts } from './read-plan';

/** Work items processed at once; they share one rate limiter, so this never exceeds the quotas. */
const WORKERS = 4;

/** How many account-kinds a report of writes that differ from the plan names. */
const NAMED = 5;

/**
 * `contact-sync sync`: plans, asks, then applies through the same use cases as the service, this
 * process acting as the worker. With `--plan FILE`, applies exactly the writes of a saved plan, after
 * checking that the management values and the members still match it. Ctrl-C stops taking work
 * items; the ones in flight finish, then the run is cancelled (nothing more of it is written).
 */
export async function syncCommand(backend: Backend, io: CliIo, options: Options, settings: BackendSettings): Promise<number> {
  const planFile = stringOption(options, 'plan');
  if (planFile !== undefined && (options.kinds !== undefined || options.exclude !== undefined))
    throw new CliError(
      'USAGE',
      '--plan applies the saved plan as it is: its kinds and exclusions cannot be changed with --kinds or --exclude',
    );
  const saved = planFile !== undefined ? await loadSavedPlan(planFile) : undefined;
  const filters = saved ? { kinds: [...saved.kinds], exclude: [...saved.exclude] } : await planFilters(options);
  const { config } = await backend.run(() => backend.syncConfig.load());
  warn(io, options, config);
  if (config.dryRun)
    throw new CliError(
      'INVALID_INPUT',
      'the configuration is in dry-run mode, so sync writes nothing; run `contact-sync config set --dry-run false` first',
    );
  const organization = await backend.run(() => backend.operatorIdentity.organization());
  if (saved && (saved.organizationId !== organization.organizationId || saved.managementAccountId !== organization.managementAccountId))
    throw new CliError(
      'INVALID_INPUT',
      `the plan is for organization ${saved.organizationId} (management account ${saved.managementAccountId}), but these credentials are for ${organization.organizationId} (management account ${organization.managementAccountId}): nothing was written`,
    );

  const plan = await readPlan(backend, io, filters, saved ? 'Checking the plan' : undefined, saved ? backend.fingerprints : undefined);
  // A saved plan names its accounts; an empty one compares none, which is not a usage error.
  if (!saved) requireComparedAccounts(plan, options);
  const counts = planCounts(plan);
  if (saved && counts.error > 0)
    throw new CliError(
      'INVALID_INPUT',
      `${counts.error} account-kinds could not be read, so the plan cannot be checked: nothing was written`,
    );
  if (saved) {
    const stale = stalenessText(stalenessOf(saved, plan));
    if (stale !== undefined)
      throw new CliError(
        'INVALID_INPUT',
        `the saved plan is stale: ${stale}. Nothing was written; plan again (contact-sync plan --out FILE).`,
      );
  }
  io.err(
    `Plan: ${counts.put} to update, ${counts.delete} to delete, ${counts.unchanged} unchanged, ${counts.skip} skipped, ${counts.error} unreadable.\n`,
  );
  if (counts.pending === 0) {
    io.out(options.json ? `${JSON.stringify({ status: 'NOTHING_TO_DO', ...counts })}\n` : 'Nothing to change.\n');
    return counts.error > 0 ? EXIT.ERROR : EXIT.OK;
  }
  const writes = plan.entries.filter((e): e is typeof e & Pick<PlannedWrite, 'action'> => e.action === 'PUT' || e.action === 'DELETE');
  io.err(
    confirmationText({
      organizationId: organization.organizationId,
      managementAccountId: organization.managementAccountId,
      caller: await backend.run(() => backend.operatorIdentity.callerArn()),
      where: whereText(settings, io),
      writes,
      planFile,
    }),
  );
  if (!options.yes) await confirm(io, `Write these ${counts.pending} contact changes?`, 'Aborted: nothing was written.');

  const initiator = await backend.run(() => backend.operatorIdentity.callerArn());
  const runId = `cli-${new Date(backend.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
  const tally: Record<OutcomeStatus, number> = { UPDATED: 0, UNCHANGED: 0, SKIPPED: 0, SUPERSEDED: 0, FAILED: 0 };
  const outcomes: AccountOutcome[] = [];
  // A saved plan's run reads and writes only the accounts and kinds of its writes.
  const only = saved ? { kinds: kindsOf(saved.writes), onlyAccounts: [...new Set(saved.writes.map((w) => w.accountId))] } : undefined;
  const { done, total } = await backend.run(async () => {
    const started = await backend.reconcile.execute({
      dryRun: false,
      runId,
      initiator,
      kinds: only?.kinds ?? filters.kinds,
      exclude: filters.exclude,
      ...(only ? { onlyAccounts: only.onlyAccounts } : {}),
    });
    if (started.status !== 'STARTED') throw new Error('the run did not start');
    return drain(backend, io, (batch) =>
      batch.forEach((o) => {
        tally[o.status] += 1;
        outcomes.push(o);
      }),
    );
  });

  if (done < total) {
    // Ctrl-C means stop: the run is cancelled, so that no redelivery, sweep or replay writes the rest later.
    const cancelled = await backend.run(() => backend.cancelRun.execute({ runId, by: initiator }));
    const report = 'report' in cancelled ? cancelled.report : undefined;
    const left = report?.skippedBy?.['CANCELLED'] ?? 0;
    const message = `Stopped: ${done} of ${total} work items done (${tally.UPDATED} updated, ${tally.UNCHANGED} unchanged, ${tally.SKIPPED} skipped, ${tally.FAILED} failed). Run ${runId} ${report?.status ?? 'CANCELLED'}: the ${left} account-kinds left are recorded SKIPPED CANCELLED and nothing more of it is written. Run contact-sync sync again for a new run.`;
    io.out(
      options.json
        ? `${JSON.stringify({ status: 'CANCELLED', runId, itemsDone: done, items: total, ...lower(tally), cancelledAt: 'cancelledAt' in cancelled ? cancelled.cancelledAt : undefined, leftSkipped: left })}\n`
        : `${message}\n`,
    );
    return EXIT.INTERRUPTED;
  }
  const deviations = saved ? deviationsFrom(saved.writes, outcomes) : undefined;
  const report = (await backend.run(() => backend.runStore.getRun(runId)))?.report;
  if (options.json)
    io.out(
      `${JSON.stringify(
        {
          status: report?.status ?? 'FINISHED',
          runId,
          ...lower(tally),
          failures: report?.failures ?? [],
          ...(deviations ? { notAsPlanned: deviations } : {}),
        },
        null,
        2,
      )}\n`,
    );
  else {
    io.out(
      `Run ${runId} ${report?.status ?? 'FINISHED'}: ${tally.UPDATED} updated, ${tally.UNCHANGED} unchanged, ${tally.SKIPPED} skipped, ${tally.FAILED} failed.\n`,
    );
    for (const f of report?.failures ?? []) io.out(`  failed: ${f.accountId} ${f.kind} ${f.errorCode}\n`);
    if (deviations && deviations.length > 0) io.out(`${deviationText(deviations)}\n`);
    io.out(`Audit: contact-sync history --run ${runId}\n`);
  }
  return tally.FAILED > 0 || (deviations?.length ?? 0) > 0 ? EXIT.ERROR : EXIT.OK;
}

/** Reads and checks a saved plan. */
async function loadSavedPlan(file: string): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError('INVALID_INPUT', `--plan: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  return parseSavedPlan(text, file);
}

/** The kinds with writes, in the kinds' order. */
const kindsOf = (writes: readonly PlannedWrite[]): ContactKind[] => writesByKind(writes).map(([kind]) => kind);

/** The profile and Region the AWS clients use, or the simulated organization. */
export function whereText(settings: BackendSettings, io: CliIo): string {
  if (settings.backend === 'memory') return `the memory backend's simulated organization (seed ${settings.seed})`;
  const profile = settings.profile ?? io.env['AWS_PROFILE'] ?? 'default';
  return `profile ${profile}, Region ${settings.region ?? 'us-east-1'}`;
}

/** What an operator is asked to confirm: where, as whom, and the writes by kind. */
export function confirmationText(what: {
  readonly organizationId: string;
  readonly managementAccountId: string;
  readonly caller: string;
  readonly where: string;
  readonly writes: readonly Pick<PlannedWrite, 'kind' | 'action'>[];
  readonly planFile?: string;
}): string {
  const byKind = writesByKind(what.writes)
    .map(([kind, n]) => {
      const parts = [n.put > 0 ? `${n.put} to update` : '', n.delete > 0 ? `${n.delete} to delete` : ''].filter(Boolean);
      return `    ${kind.padEnd(10)} ${parts.join(', ')}`;
    })
    .join('\n');
  return (
    `About to write contacts of member accounts${what.planFile ? `, exactly as the saved plan ${what.planFile} says` : ''}:\n` +
    `  Organization        ${what.organizationId} (management account ${what.managementAccountId})\n` +
    `  As                  ${what.caller}\n` +
    `  With                ${what.where}\n` +
    `  Changes by kind\n${byKind}\n`
  );
}

/** What a saved plan's run did other than the plan said: writes it made that the plan lacks, and planned writes it did not make. */
interface Deviation {
  readonly accountId: string;
  readonly kind: ContactKind;
  readonly planned: boolean;
  readonly status: OutcomeStatus | 'MISSING';
}

function deviationsFrom(writes: readonly PlannedWrite[], outcomes: readonly AccountOutcome[]): Deviation[] {
  const key = (o: { accountId: string; kind: string }) => `${o.accountId}#${o.kind}`;
  const planned = new Map(writes.map((w) => [key(w), w]));
  const byKey = new Map(outcomes.map((o) => [key(o), o]));
  const unplanned = outcomes
    .filter((o) => o.status === 'UPDATED' && !planned.has(key(o)))
    .map((o) => ({ accountId: o.accountId, kind: o.kind, planned: false, status: o.status }));
  const notMade = writes
    .filter((w) => {
      const outcome = byKey.get(key(w));
      return outcome?.status !== 'UPDATED' || outcome.afterFingerprint !== w.afterFingerprint;
    })
    .map((w) => ({ accountId: w.accountId, kind: w.kind, planned: true, status: byKey.get(key(w))?.status ?? ('MISSING' as const) }));
  return [...notMade, ...unplanned];
}

function deviationText(deviations: readonly Deviation[]): string {
  const named = deviations
    .slice(0, NAMED)
    .map((d) => `${d.accountId} ${d.kind} ${d.planned ? `planned, ${d.status}` : 'not planned, written (changed while the run read it)'}`)
    .join('; ');
  return `Not as planned: ${deviations.length} account-kinds (${named}${deviations.length > NAMED ? '; …' : ''}). See contact-sync history.`;
}

/** Processes the queued work items with a few local workers until the queue is empty or Ctrl-C. */
async function drain(
  backend: Backend,
  io: CliIo,
  onOutcomes: (outcomes: readonly AccountOutcome[]) => void,
): Promise<{ done: number; total: number }> {
  const queue = backend.localQueue;
  const processItem = backend.processWorkItem;
  const progress = new Progress(io, 'Syncing');
  const total = queue.size;
  let done = 0;
  const worker = async () => {
    while (!io.interrupt.aborted) {
      const item = queue.take();
      if (!item) return;
      const result = await processItem.execute(item, { holder: `cli-${process.pid}-${item.itemId}` });
      if ('outcomes' in result) onOutcomes(result.outcomes);
      done += 1;
      progress.update(done, total);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  progress.done();
  return { done, total };
}

const lower = (tally: Record<OutcomeStatus, number>) => ({
  updated: tally.UPDATED,
  unchanged: tally.UNCHANGED,
  skipped: tally.SKIPPED,
  superseded: tally.SUPERSEDED,
  failed: tally.FAILED,
});
