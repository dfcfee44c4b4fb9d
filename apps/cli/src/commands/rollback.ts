import { CONTACT_KINDS, ContactKind, RollbackPlan, RollbackVerdict } from '@contact-sync/domain';
import { Options } from '../arguments';
import { BackendSettings } from '../backend';
import { EXIT } from '../cli-error';
import { confirm } from '../confirm';
import { CliIo } from '../io';
import { table } from '../table';
import { Backend } from '../backend';
import { whereText } from './sync';

/** How many members changed since the run are named in the text output (all of them with --json). */
const NAMED_CHANGED = 20;

const COLUMNS: readonly [RollbackVerdict, string][] = [
  ['RESTORABLE', 'TO RESTORE'],
  ['CHANGED_SINCE_RUN', 'CHANGED SINCE (LEFT ALONE)'],
  ['NOT_KEPT', 'NO PREVIOUS VALUE'],
  ['CANNOT_UNSET', 'PRIMARY WAS UNSET'],
  ['UNREADABLE', 'UNREADABLE NOW'],
];

/**
 * `contact-sync rollback RUN_ID [--apply] [--yes]`: plans the rollback of a finished run (reads the
 * members it wrote, compares their fingerprints with what it wrote), and with --apply restores the
 * previous values as a run of its own. Account ids, kinds and counts only: never a contact value.
 */
export async function rollbackCommand(
  backend: Backend,
  io: CliIo,
  options: Options,
  settings: BackendSettings,
  runId: string,
): Promise<number> {
  const plan = await backend.run(() => backend.rollbackRun.plan(runId));
  const restorable = total(plan, 'RESTORABLE');
  const changed = plan.targets.filter((t) => t.verdict === 'CHANGED_SINCE_RUN');
  if (!options.apply) {
    if (options.json) io.out(`${JSON.stringify({ status: 'PLANNED', ...planJson(plan) }, null, 2)}\n`);
    else {
      io.out(planText(plan));
      io.out(
        restorable > 0
          ? `Dry run: nothing was written. Restore them with: contact-sync rollback ${runId} --apply\n`
          : 'Dry run: nothing was written, and there is nothing to restore.\n',
      );
    }
    return total(plan, 'UNREADABLE') > 0 ? EXIT.ERROR : EXIT.OK;
  }
  if (restorable === 0) {
    io.out(
      options.json
        ? `${JSON.stringify({ status: 'NOTHING_TO_DO', ...planJson(plan) }, null, 2)}\n`
        : `${planText(plan)}Nothing to restore.\n`,
    );
    return total(plan, 'UNREADABLE') > 0 ? EXIT.ERROR : EXIT.OK;
  }
  const organization = await backend.run(() => backend.operatorIdentity.organization());
  const caller = await backend.run(() => backend.operatorIdentity.callerArn());
  io.err(
    `${planText(plan)}Rollback of run ${runId} in organization ${organization.organizationId} (management account ` +
      `${organization.managementAccountId}), as ${caller}, ${whereText(settings, io)}: restores the previous value of ` +
      `${restorable} member contact(s); the ${changed.length} changed since are left alone.\n`,
  );
  if (!options.yes) await confirm(io, `Restore these ${restorable} contacts?`, 'Aborted: nothing was written.');
  const rollbackRunId = `rollback-${new Date(backend.clock.now()).toISOString().replace(/[:.]/g, '-')}`;
  const report = await backend.run(() => backend.rollbackRun.apply(runId, { rollbackRunId, initiator: caller }));
  if (options.json) io.out(`${JSON.stringify({ status: report.status, runId: rollbackRunId, rolledBack: runId, report }, null, 2)}\n`);
  else {
    io.out(
      `Run ${rollbackRunId} ${report.status}: ${report.updated} restored, ${report.skipped} left alone, ${report.failed} failed.\n` +
        `Audit: contact-sync history --run ${rollbackRunId}\n` +
        'A later sync or the scheduled resync writes the management values again: restore the management contact too, or keep dry run on.\n',
    );
  }
  return report.status === 'SUCCEEDED' ? EXIT.OK : EXIT.ERROR;
}

function total(plan: RollbackPlan, verdict: RollbackVerdict): number {
  return Object.values(plan.counts[verdict]).reduce((sum, n) => sum + (n ?? 0), 0);
}

function planJson(plan: RollbackPlan) {
  return {
    runId: plan.runId,
    counts: plan.counts,
    changedSince: plan.targets.filter((t) => t.verdict === 'CHANGED_SINCE_RUN').map(({ accountId, kind }) => ({ accountId, kind })),
  };
}

function planText(plan: RollbackPlan): string {
  const kinds = CONTACT_KINDS.filter((kind) => plan.targets.some((t) => t.kind === kind));
  if (kinds.length === 0) return `Run ${plan.runId} wrote no member contact: there is nothing to roll back.\n`;
  const rows = kinds.map((kind: ContactKind) => [kind, ...COLUMNS.map(([verdict]) => String(plan.counts[verdict][kind] ?? 0))]);
  const changed = plan.targets.filter((t) => t.verdict === 'CHANGED_SINCE_RUN');
  const named = changed.slice(0, NAMED_CHANGED).map((t) => `${t.accountId} ${t.kind}`);
  return (
    `Rollback of run ${plan.runId}: the members it wrote, read now.\n` +
    table(['KIND', ...COLUMNS.map(([, title]) => title)], rows) +
    (changed.length > 0
      ? `Changed since the run (left alone): ${named.join(', ')}${changed.length > named.length ? ` and ${changed.length - named.length} more (--json lists all)` : ''}\n`
      : '')
  );
}
