import { CONTACT_KINDS } from '@contact-sync/domain';
import { Options } from '../arguments';
import { Backend } from '../backend';
import { CliIo } from '../io';
import { table } from '../table';
import { comparisonExitCode, planCounts, planFilters, readPlan, requireComparedAccounts, skippedLines } from './read-plan';

/** `contact-sync drift`: the accounts that differ from the management account, by kind. */
export async function driftCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const plan = await readPlan(backend, io, await planFilters(options));
  requireComparedAccounts(plan, options);
  const drifted = plan.entries.filter((e) => e.action === 'PUT' || e.action === 'DELETE');
  const byKind = Object.fromEntries(
    CONTACT_KINDS.map((kind) => {
      const accounts = drifted
        .filter((e) => e.kind === kind)
        .map((e) => e.accountId)
        .sort();
      return [kind, { count: accounts.length, accounts }];
    }),
  );
  const accounts = new Set(drifted.map((e) => e.accountId)).size;
  const { error: errors, skippedBy } = planCounts(plan);
  if (options.json) {
    io.out(
      `${JSON.stringify({ drifted: drifted.length, accounts, checked: plan.entries.length, errors, byKind, ...(skippedBy ? { skippedBy } : {}) }, null, 2)}\n`,
    );
  } else {
    const rows = CONTACT_KINDS.map((kind) => [kind, String(byKind[kind]?.count ?? 0)]);
    io.out(table(['KIND', 'DRIFTED ACCOUNTS'], rows));
    io.out(
      `\n${drifted.length} drifted account-kinds in ${accounts} accounts (${plan.entries.length} checked, ${errors} unreadable).${skippedLines(skippedBy)}\n`,
    );
    for (const kind of CONTACT_KINDS) {
      const list = byKind[kind]?.accounts ?? [];
      if (list.length > 0) io.out(`\n${kind} (${list.length}):\n  ${list.join('\n  ')}\n`);
    }
  }
  return comparisonExitCode(errors, drifted.length, options);
}
