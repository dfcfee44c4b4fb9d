import { Plan, PlanEntry, ResyncCost, resyncCost, targetingRulesOf } from '@contact-sync/domain';
import { writeFile } from 'node:fs/promises';
import { Options, stringOption } from '../arguments';
import { Backend } from '../backend';
import { CliError } from '../cli-error';
import { CliIo } from '../io';
import { savedPlanOf } from '../saved-plan';
import { table } from '../table';
import { comparisonExitCode, isTargetingSkip, planCounts, planFilters, readPlan, requireComparedAccounts, skippedLines } from './read-plan';

/** `contact-sync plan`: what a sync would change, and why. 0 (2 for pending changes with --detailed-exitcode), 1 on errors. */
export async function planCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const out = stringOption(options, 'out');
  if (out !== undefined && options.config !== undefined)
    throw new CliError(
      'USAGE',
      '--out saves a plan of the stored configuration, which sync --plan applies: it cannot be given with --config',
    );
  if (out === '') throw new CliError('USAGE', '--out must name a file');
  const filters = await planFilters(options);
  const plan = await readPlan(backend, io, filters, undefined, out !== undefined ? backend.fingerprints : undefined);
  requireComparedAccounts(plan, options);
  const counts = planCounts(plan);
  const config = filters.config ?? (await backend.run(() => backend.syncConfig.load())).config;
  const resync = resyncCost(plan.entries, config.rates, targetingRulesOf(config).hasTagRules);
  const changes = plan.entries
    .filter((e) => e.action !== 'UNCHANGED')
    .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind));
  if (options.json) {
    io.out(`${JSON.stringify({ summary: counts, changes: changes.map(jsonEntry), resync }, null, 2)}\n`);
  } else {
    io.out(`${renderPlan(counts, changes)}${resyncText(resync)}`);
  }
  if (out !== undefined) await savePlan(backend, io, plan, filters.exclude ?? [], out, counts.error);
  return comparisonExitCode(counts.error, counts.pending, options);
}

/**
 * `--out FILE`: the exact writes, for `sync --plan FILE`. A plan with account-kinds that could not
 * be read is not saved: what it would leave unwritten is not known.
 */
async function savePlan(backend: Backend, io: CliIo, plan: Plan, exclude: readonly string[], file: string, errors: number): Promise<void> {
  if (errors > 0) {
    io.err(`No plan saved: ${errors} account-kinds could not be read, so the plan is incomplete.\n`);
    return;
  }
  const organization = await backend.run(() => backend.operatorIdentity.organization());
  const kinds = Object.keys(plan.managementFingerprints ?? {}) as PlanEntry['kind'][];
  const saved = savedPlanOf(plan, { kinds, exclude }, organization, new Date(backend.clock.now()).toISOString());
  try {
    await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`);
  } catch (error) {
    throw new CliError('INVALID_INPUT', `--out: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  io.err(
    `Saved the plan (${saved.writes.length} writes in ${organization.organizationId}) to ${file}. Apply exactly these writes with: contact-sync sync --plan ${file}\n`,
  );
}

/** One change for scripts: the reason in words, the skip reason or error code, and the names of the fields that differ. */
const jsonEntry = (e: PlanEntry) => ({
  accountId: e.accountId,
  kind: e.kind,
  action: e.action,
  reason: reason(e),
  ...(e.detail ? { detail: e.detail } : {}),
  ...(e.fields ? { fields: e.fields } : {}),
});

function renderPlan(c: ReturnType<typeof planCounts>, changes: Plan['entries']): string {
  const rows = changes.map((e) => [e.accountId, e.kind, e.action, describe(e)]);
  const body =
    rows.length > 0
      ? table(['ACCOUNT', 'KIND', 'ACTION', 'DETAIL'], rows)
      : 'Every eligible account already matches the management account.\n';
  const summary = `Plan: ${c.put} to update, ${c.delete} to delete, ${c.unchanged} unchanged, ${c.skip} skipped, ${c.error} errors (${c.total} account-kinds in ${c.accounts} accounts).${skippedLines(c.skippedBy)}`;
  const next = c.pending > 0 ? '\nRun `contact-sync sync` to apply.\n' : '\n';
  return `${body}\n${summary}${next}`;
}

/** Why an entry is in the plan, without any contact value. */
function reason(entry: PlanEntry): string {
  if (isTargetingSkip(entry)) return 'left out by a targeting rule';
  if (entry.action === 'PUT') return entry.setOnMember ? 'differs from the management account' : 'not set on the member';
  if (entry.action === 'DELETE') return 'not set on the management account';
  if (entry.action === 'SKIP') return 'not set on the management account; deletions are not propagated';
  if (entry.action === 'ERROR')
    return entry.detail === 'TAGS_UNREADABLE' ? "the member's tags could not be read" : 'the member could not be read';
  return 'same as the management account';
}

/** The reason, with the differing fields' names or the code, for people. */
function describe(entry: PlanEntry): string {
  if (entry.fields && entry.fields.length > 0) return `differs: ${entry.fields.join(', ')}`;
  if (isTargetingSkip(entry)) return entry.detail as string;
  return entry.detail ? `${reason(entry)} (${entry.detail})` : reason(entry);
}

/**
 * What each periodic resync of what this plan compared costs: its calls by operation and the least
 * time the configured rates allow for them (the resync reads every targeted account-kind, and writes
 * what differs then).
 */
export function resyncText(cost: ResyncCost): string {
  const calls = Object.entries(cost.calls)
    .map(([operation, n]) => `${n.toLocaleString('en-US')} ${operation}`)
    .join(', ');
  const tags = cost.tagReads > 0 ? `, ${cost.tagReads.toLocaleString('en-US')} ListTagsForResource` : '';
  const minutes = Math.floor(cost.seconds / 60);
  const time = minutes > 0 ? `${minutes} min ${cost.seconds % 60} s` : `${cost.seconds} s`;
  return `Each periodic resync (daily by default): ${calls || 'no'}${tags} calls, at least ${time} at the configured rates.\n`;
}
