import { AuditLogPort } from '../ports/audit-log.port';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { NotifierPort } from '../ports/notifier.port';
import { RunStorePort } from '../ports/run-store.port';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { DomainError } from '../shared/domain-error';
import { instantText } from '../shared/instant-text';
import { AccountOutcome, targetKey } from '../sync/account-outcome';
import { auditEntryFor } from '../sync/audit-entry';
import { buildRunReport } from '../sync/build-run-report';
import { skippedOutcome } from '../sync/outcomes';
import { RunReport } from '../sync/run-report';
import { heldKinds, SyncRun } from '../sync/sync-run';

/**
 * Finishes a run: aggregates its outcomes, stores the report (the first report stored wins), then
 * notifies (HIGH priority unless it succeeded or was superseded) and only then closes the run. Safe
 * to call again at any point: a finisher cut off before notifying is completed by the sweeper.
 *
 * A cancelled run is finished as CANCELLED: first every account-kind of its listed items that has no
 * outcome yet is recorded (and audited) SKIPPED `CANCELLED`, so that the report accounts for each.
 */
export class FinishRun {
  constructor(
    private readonly runStore: RunStorePort,
    private readonly itemLedger: ItemLedgerPort,
    private readonly outcomeLedger: OutcomeLedgerPort,
    private readonly notifier: NotifierPort,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
    private readonly audit: AuditLogPort,
  ) {}

  /** Finishes the run and returns its report (the stored one, when it was finished before). */
  async execute(runId: string): Promise<RunReport> {
    const run = await this.runStore.getRun(runId);
    if (!run) throw new DomainError('NOT_FOUND', `run ${runId} does not exist`);
    let report = run.report;
    if (!report) {
      if (run.cancelledAt !== undefined) await this.recordCancelled(run);
      const outcomes = await this.outcomeLedger.listOutcomes(runId);
      const recorded = new Set(outcomes.map((o) => targetKey(o.accountId, o.kind)));
      const orphans = (await this.outcomeLedger.listIntents(runId)).filter((i) => !recorded.has(targetKey(i.accountId, i.kind))).length;
      report = await this.runStore.finishRun(runId, buildRunReport(run, outcomes, new Date(this.clock.now()).toISOString(), orphans));
      this.metrics.add('RunDurationMs', report.durationMs);
      const fields = {
        runId,
        status: report.status,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
        superseded: report.superseded,
      };
      const log = { ...fields, failed: report.failed, missing: report.missing, unconfirmedWrites: report.unconfirmedWrites };
      if (report.missing > 0) this.logger.error('run finished with account-kinds never processed', log);
      else this.logger.info('run finished', log);
    }
    if (!run.notified) {
      try {
        // A cancellation is what an operator asked for: told at normal priority, like a run that went as planned.
        const normal = report.status === 'SUCCEEDED' || report.status === 'SUPERSEDED' || report.status === 'CANCELLED';
        await this.notifier.notify(report, normal ? 'NORMAL' : 'HIGH');
        await this.runStore.markNotified(runId);
      } catch (error) {
        this.metrics.add('NotificationFailures');
        this.logger.error('notification failed; the report is stored and the sweeper will notify again', {
          runId,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
    return report;
  }

  /**
   * Records SKIPPED `CANCELLED` for every account-kind the cancelled run listed and has not done. One
   * whose write was begun (an intent without an outcome) may have landed before the cancellation: its
   * outcome says the write is unconfirmed. Outcomes are stored once, so a worker's outcome stored
   * first is kept, and this is safe to repeat.
   */
  private async recordCancelled(run: SyncRun): Promise<void> {
    const kinds = heldKinds(run);
    if (kinds.length === 0) return;
    const done = new Set((await this.outcomeLedger.listOutcomes(run.runId)).map((o) => targetKey(o.accountId, o.kind)));
    const begun = new Set((await this.outcomeLedger.listIntents(run.runId)).map((i) => targetKey(i.accountId, i.kind)));
    const at = instantText(this.clock.now());
    const skipped: AccountOutcome[] = [];
    for (const { item } of await this.itemLedger.listItems(run.runId))
      for (const accountId of item.accountIds)
        for (const kind of kinds) {
          const key = targetKey(accountId, kind);
          if (done.has(key)) continue;
          skipped.push(
            skippedOutcome({ runId: run.runId, accountId, kind }, 'CANCELLED', { attempts: 0, at, unconfirmed: begun.has(key) }),
          );
        }
    if (skipped.length === 0) return;
    await this.outcomeLedger.recordOutcomes(skipped);
    await this.audit.append(skipped.map((outcome) => auditEntryFor(outcome, run.cancelledBy ?? run.initiator)));
    this.logger.info('cancelled run: account-kinds left undone recorded SKIPPED', { runId: run.runId, skipped: skipped.length });
  }
}
