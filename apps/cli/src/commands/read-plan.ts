import {
  CONTACT_KINDS,
  ContactFingerprints,
  ContactKind,
  isAccountId,
  Plan,
  PlanEntry,
  sortedCountsBy,
  SyncConfig,
  TARGETING_SKIP_REASONS,
} from '@contact-sync/domain';
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
  // An empty list (`--kinds ""`, a CI variable left unset) would compare nothing and report no drift.
  if (kinds !== undefined && kinds.length === 0)
    throw new CliError('USAGE', `--kinds is empty: name at least one of ${CONTACT_KINDS.join(', ')}`);
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
  if (filters.kinds) requireSyncedKinds(filters, filters.config ?? (await backend.run(() => backend.syncConfig.load())).config);
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

/**
 * `--kinds` naming a kind the configuration does not sync is a usage error: the kind would be left
 * out without a word (`plan --kinds PRIMARY` with PRIMARY disabled would find everything in line).
 */
function requireSyncedKinds(filters: PlanFilters, config: SyncConfig): void {
  const unsynced = (filters.kinds ?? []).filter((kind) => !config.kinds.includes(kind));
  if (unsynced.length === 0) return;
  const by = filters.config ? 'the --config file' : 'the configuration in force';
  throw new CliError(
    'USAGE',
    `--kinds: ${unsynced.join(', ')} ${unsynced.length === 1 ? 'is' : 'are'} not synced by ${by} (it syncs ${config.kinds.join(', ')}), so nothing would be compared for ${unsynced.length === 1 ? 'it' : 'them'}`,
  );
}

/** A SKIP decided by an id, OU or tag rule (its detail is the reason, then the rule): not compared. */
export const isTargetingSkip = (entry: PlanEntry): boolean =>
  entry.action === 'SKIP' && TARGETING_SKIP_REASONS.some((r) => entry.detail === r || entry.detail?.startsWith(`${r} `));

/**
 * A comparison of no account at all is refused, not reported as "in sync": a usage error naming the
 * options that narrowed it, or an error when the configuration in force itself leaves every member out.
 */
export function requireComparedAccounts(plan: Plan, options: Options): void {
  if (plan.entries.some((entry) => !isTargetingSkip(entry))) return;
  const leftOut = new Set(plan.entries.map((e) => e.accountId)).size;
  const why =
    leftOut > 0 ? `every one of the ${leftOut} member accounts is left out by a targeting rule` : 'there is no active member account';
  const narrowing = (['exclude', 'config'] as const).filter((name) => options[name] !== undefined).map((name) => `--${name}`);
  if (narrowing.length > 0) throw new CliError('USAGE', `nothing to compare with ${narrowing.join(' and ')}: ${why}. Nothing was checked.`);
  throw new CliError(
    'INVALID_INPUT',
    `nothing to compare: ${why} under the configuration in force (contact-sync config get). Nothing was checked.`,
  );
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
