import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { NotifierPort } from '../ports/notifier.port';
import { SyncStatePort } from '../ports/sync-state.port';
import { DomainError } from '../shared/domain-error';
import { buildRunReport, RunReport } from '../sync/run-report';

/**
 * Finishes a run whose last work item is done: aggregates the outcomes, stores the report, and
 * notifies (HIGH priority for a failed or partial run). A failed notification never loses the report.
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
    const outcomes = await this.state.listOutcomes(runId);
    const report = buildRunReport(run, outcomes, new Date(this.clock.now()).toISOString());
    await this.state.finishRun(runId, report);
    this.metrics.add('RunDurationMs', report.durationMs);
    this.logger.info('run finished', {
      runId,
      status: report.status,
      updated: report.updated,
      unchanged: report.unchanged,
      skipped: report.skipped,
      failed: report.failed,
      missing: report.missing,
    });
    try {
      await this.notifier.notify(report, report.status === 'SUCCEEDED' ? 'NORMAL' : 'HIGH');
    } catch (error) {
      this.metrics.add('NotificationFailures');
      this.logger.error('notification failed; the report is stored', { runId, error: error instanceof Error ? error.name : 'unknown' });
    }
    return report;
  }
}
