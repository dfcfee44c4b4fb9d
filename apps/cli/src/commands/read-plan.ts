import { CONTACT_KINDS, ContactKind, isAccountId, Plan } from '@contact-sync/domain';
import { kindsOption, listOption, Options } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { CliIo } from '../io';
import { Progress } from '../progress';

/** The --kinds and --exclude filters, checked. */
export interface PlanFilters {
  readonly kinds?: ContactKind[];
  readonly exclude?: string[];
}

export function planFilters(options: Options): PlanFilters {
  const kinds = kindsOption(options);
  for (const kind of kinds ?? []) {
    if (!(CONTACT_KINDS as readonly string[]).includes(kind))
      throw new CliError('USAGE', `--kinds: "${kind}" is not one of ${CONTACT_KINDS.join(', ')}`);
  }
  const exclude = listOption(options, 'exclude');
  for (const id of exclude ?? []) if (!isAccountId(id)) throw new CliError('USAGE', `--exclude: "${id}" is not a 12-digit account id`);
  return { kinds: kinds as ContactKind[] | undefined, exclude };
}

/** Reads every eligible account and compares it with the management account (a dry run), with progress. */
export async function readPlan(backend: Backend, io: CliIo, filters: PlanFilters, label = 'Reading contacts'): Promise<Plan> {
  const progress = new Progress(io, label);
  const result = await backend.run(() =>
    backend.reconcile.execute({
      dryRun: true,
      runId: 'plan',
      initiator: 'cli',
      kinds: filters.kinds,
      exclude: filters.exclude,
      onProgress: (done, total) => progress.update(done, total),
    }),
  );
  progress.done();
  if (result.status !== 'PLANNED') throw new Error('a dry run started a run');
  return result.plan;
}

/** The exit code of a read-only comparison: 1 when an account could not be read; 2 for pending changes only when asked (`--detailed-exitcode`). */
export function comparisonExitCode(errors: number, pending: number, options: Options): number {
  if (errors > 0) return EXIT.ERROR;
  return pending > 0 && options['detailed-exitcode'] ? EXIT.CHANGES_PENDING : EXIT.OK;
}

/** Counts of a plan, by action. */
export function planCounts(plan: Plan) {
  const count = (action: string) => plan.entries.filter((e) => e.action === action).length;
  return {
    put: count('PUT'),
    delete: count('DELETE'),
    unchanged: count('UNCHANGED'),
    skip: count('SKIP'),
    error: count('ERROR'),
    pending: plan.pending,
    accounts: new Set(plan.entries.map((e) => e.accountId)).size,
    total: plan.entries.length,
  };
}
