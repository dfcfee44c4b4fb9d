import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { NotifierPort } from '../ports/notifier.port';
import { SyncStatePort } from '../ports/sync-state.port';
import { DomainError } from '../shared/domain-error';
import { targetKey } from '../sync/account-outcome';
import { buildRunReport } from '../sync/run-report';
import { RunReport } from '../sync/sync-run';

/**
 * Finishes a run: aggregates its outcomes, stores the report (the first report stored wins), then
 * notifies (HIGH priority unless it succeeded or was superseded) and only then closes the run. Safe
 * to call again at any point: a finisher cut off before notifying is completed by the sweeper.
 */
export class FinishRun {
  constructor(
    private readonly state: SyncStatePort,
    private readonly notifier: NotifierPort,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  async execute(runId: string): Promise<RunReport> {
    const run = await this.state.getRun(runId);
    if (!run) throw new DomainError('NOT_FOUND', `run ${runId} does not exist`);
    let report = run.report;
    if (!report) {
      const outcomes = await this.state.listOutcomes(runId);
      const recorded = new Set(outcomes.map((o) => targetKey(o.accountId, o.kind)));
      const orphans = (await this.state.listIntents(runId)).filter((i) => !recorded.has(targetKey(i.accountId, i.kind))).length;
      report = await this.state.finishRun(runId, buildRunReport(run, outcomes, new Date(this.clock.now()).toISOString(), orphans));
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
        await this.notifier.notify(report, report.status === 'SUCCEEDED' || report.status === 'SUPERSEDED' ? 'NORMAL' : 'HIGH');
        await this.state.markNotified(runId);
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
}
