import { Plan, PlanEntry } from '@contact-sync/domain';
import { Options } from '../arguments';
import { EXIT } from '../cli-error';
import { Backend } from '../composition';
import { CliIo } from '../io';
import { table } from '../table';
import { planCounts, planFilters, readPlan, skippedLines } from './plan-targets';

/** `contact-sync plan`: what a sync would change. 0 nothing to change, 2 changes pending, 1 errors. */
export async function planCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const plan = await readPlan(backend, io, await planFilters(options));
  const counts = planCounts(plan);
  const changes = plan.entries
    .filter((e) => e.action !== 'UNCHANGED')
    .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind));
  if (options.json) {
    io.out(
      `${JSON.stringify({ summary: counts, changes: changes.map(({ accountId, kind, action, detail }) => ({ accountId, kind, action, ...(detail ? { detail } : {}) })) }, null, 2)}\n`,
    );
  } else {
    io.out(renderPlan(counts, changes));
  }
  return counts.error > 0 ? EXIT.ERROR : counts.pending > 0 ? EXIT.CHANGES_PENDING : EXIT.OK;
}

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

/** Why an entry is in the plan, without showing any contact value. */
function describe(entry: PlanEntry): string {
  if (entry.action === 'PUT') return entry.setOnMember ? 'differs from the management account' : 'not set on the member';
  if (entry.action === 'DELETE') return 'not set on the management account';
  return entry.detail ?? '';
}
