import { AccountOutcome, OutcomeStatus } from '@contact-sync/domain';
import { Options } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { confirm } from '../confirm';
import { CliIo } from '../io';
import { Progress } from '../progress';
import { warn } from './config';
import { planCounts, planFilters, readPlan, requireComparedAccounts } from './read-plan';

/** Work items processed at once; they share one rate limiter, so this never exceeds the quotas. */
const WORKERS = 4;

/**
 * `contact-sync sync`: plans, asks, then applies through the same use cases as the service, this
 * process acting as the worker. Ctrl-C stops taking work items; the ones in flight finish.
 */
export async function syncCommand(backend: Backend, io: CliIo, options: Options, initiator: string): Promise<number> {
  const filters = await planFilters(options);
  const { config } = await backend.run(() => backend.syncConfig.load());
  warn(io, options, config);
  if (config.dryRun)
    throw new CliError(
      'INVALID_INPUT',
      'the configuration is in dry-run mode, so sync writes nothing; run `contact-sync config set --dry-run false` first',
    );

  const plan = await readPlan(backend, io, filters);
  requireComparedAccounts(plan, options);
  const counts = planCounts(plan);
  io.err(
    `Plan: ${counts.put} to update, ${counts.delete} to delete, ${counts.unchanged} unchanged, ${counts.skip} skipped, ${counts.error} unreadable.\n`,
  );
  if (counts.pending === 0) {
    io.out(options.json ? `${JSON.stringify({ status: 'NOTHING_TO_DO', ...counts })}\n` : 'Nothing to change.\n');
    return counts.error > 0 ? EXIT.ERROR : EXIT.OK;
  }
  if (!options.yes) await confirm(io, `Write ${counts.pending} contact changes to member accounts?`, 'Aborted: nothing was written.');

  const runId = `cli-${new Date(backend.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
  const tally: Record<OutcomeStatus, number> = { UPDATED: 0, UNCHANGED: 0, SKIPPED: 0, SUPERSEDED: 0, FAILED: 0 };
  const { done, total } = await backend.run(async () => {
    const started = await backend.reconcile.execute({ dryRun: false, runId, initiator, kinds: filters.kinds, exclude: filters.exclude });
    if (started.status !== 'STARTED') throw new Error('the run did not start');
    return drain(backend, io, (outcomes) => outcomes.forEach((o) => (tally[o.status] += 1)));
  });

  if (done < total) {
    const message = `Stopped: ${done} of ${total} work items done (${tally.UPDATED} updated, ${tally.UNCHANGED} unchanged, ${tally.SKIPPED} skipped, ${tally.FAILED} failed). Run contact-sync sync again to finish.`;
    io.out(
      options.json
        ? `${JSON.stringify({ status: 'INTERRUPTED', runId, itemsDone: done, items: total, ...lower(tally) })}\n`
        : `${message}\n`,
    );
    return EXIT.INTERRUPTED;
  }
  const report = (await backend.run(() => backend.syncState.getRun(runId)))?.report;
  if (options.json)
    io.out(
      `${JSON.stringify({ status: report?.status ?? 'FINISHED', runId, ...lower(tally), failures: report?.failures ?? [] }, null, 2)}\n`,
    );
  else {
    io.out(
      `Run ${runId} ${report?.status ?? 'FINISHED'}: ${tally.UPDATED} updated, ${tally.UNCHANGED} unchanged, ${tally.SKIPPED} skipped, ${tally.FAILED} failed.\n`,
    );
    for (const f of report?.failures ?? []) io.out(`  failed: ${f.accountId} ${f.kind} ${f.errorCode}\n`);
    io.out(`Audit: contact-sync history --run ${runId}\n`);
  }
  return tally.FAILED > 0 ? EXIT.ERROR : EXIT.OK;
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
