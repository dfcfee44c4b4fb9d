import { CONTACT_KINDS, ContactFingerprints, ContactKind, isAccountId, Plan, sortedCountsBy, SyncConfig } from '@contact-sync/domain';
import { kindsOption, listOption, Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { CliIo } from '../io';
import { Progress } from '../progress';
import { loadConfigFile } from './config';

/** The --kinds and --exclude filters, checked, and the configuration of --config (instead of the stored one). */
export interface PlanFilters {
  readonly kinds?: ContactKind[];
  readonly exclude?: string[];
  readonly config?: SyncConfig;
}

/** The filters of the command line, checked; the --config file read and validated. */
export async function planFilters(options: Options): Promise<PlanFilters> {
  const kinds = kindsOption(options);
  for (const kind of kinds ?? []) {
    if (!(CONTACT_KINDS as readonly string[]).includes(kind))
      throw new CliError('USAGE', `--kinds: "${kind}" is not one of ${CONTACT_KINDS.join(', ')}`);
  }
  const exclude = listOption(options, 'exclude');
  for (const id of exclude ?? []) if (!isAccountId(id)) throw new CliError('USAGE', `--exclude: "${id}" is not a 12-digit account id`);
  const file = stringOption(options, 'config');
  return { kinds: kinds as ContactKind[] | undefined, exclude, ...(file !== undefined ? { config: await loadConfigFile(file) } : {}) };
}

/**
 * Reads every eligible account and compares it with the management account (a dry run), with
 * progress; with `fingerprints`, the values compared are fingerprinted (a plan to save or check).
 */
export async function readPlan(
  backend: Backend,
  io: CliIo,
  filters: PlanFilters,
  label = 'Reading contacts',
  fingerprints?: ContactFingerprints,
): Promise<Plan> {
  const progress = new Progress(io, label);
  const result = await backend.run(() =>
    backend.reconcile.execute({
      dryRun: true,
      runId: 'plan',
      initiator: 'cli',
      kinds: filters.kinds,
      exclude: filters.exclude,
      ...(filters.config ? { config: filters.config } : {}),
      ...(fingerprints ? { fingerprints } : {}),
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

/** Counts of a plan, by action; the skipped account-kinds also by reason and rule. */
export function planCounts(plan: Plan) {
  const count = (action: string) => plan.entries.filter((e) => e.action === action).length;
  const skippedBy = sortedCountsBy(plan.entries, (e) => (e.action === 'SKIP' && e.detail ? e.detail : undefined));
  return {
    put: count('PUT'),
    delete: count('DELETE'),
    unchanged: count('UNCHANGED'),
    skip: count('SKIP'),
    error: count('ERROR'),
    pending: plan.pending,
    accounts: new Set(plan.entries.map((e) => e.accountId)).size,
    total: plan.entries.length,
    ...(Object.keys(skippedBy).length > 0 ? { skippedBy } : {}),
  };
}

/** The skipped account-kinds by reason and rule, one line each: what the targeting rules left out, and why. */
export function skippedLines(skippedBy: Readonly<Record<string, number>> = {}): string {
  const entries = Object.entries(skippedBy);
  return entries.length === 0 ? '' : `\nSkipped account-kinds, by reason:${entries.map(([reason, n]) => `\n  ${reason}: ${n}`).join('')}`;
}
