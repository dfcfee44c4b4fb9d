import { ContactChange } from '../changes/contact-change';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { SyncStatePort } from '../ports/sync-state.port';
import { SyncRun } from '../sync/sync-run';
import { LaunchRun } from './launch-run';

/** What became of a change. Expected outcomes are values. */
export type ChangeResult =
  | { readonly status: 'STARTED'; readonly run: SyncRun }
  | { readonly status: 'DUPLICATE'; readonly runId: string }
  | { readonly status: 'STALE'; readonly runId: string }
  | { readonly status: 'KIND_NOT_SYNCED'; readonly runId: string };

/** The run id of a change: derived from the CloudTrail event id, so every delivery names the same run. */
export const runIdForEvent = (eventId: string): string => `chg-${eventId}`;

/**
 * Starts a sync from a change on the management account. Idempotent on the CloudTrail event id; a
 * change older than the last one applied for its kind is ignored (events arrive out of order).
 */
export class StartSyncFromChange {
  constructor(
    private readonly config: SyncConfigPort,
    private readonly state: SyncStatePort,
    private readonly launch: LaunchRun,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  async execute(change: ContactChange): Promise<ChangeResult> {
    const runId = runIdForEvent(change.eventId);
    const fields = { runId, eventId: change.eventId, kind: change.kind };
    // A run that was claimed but never recorded (a crash in between) is launched again, not lost.
    if (!(await this.state.claimEvent(change.eventId, runId)) && (await this.state.getRun(runId))) {
      this.metrics.add('EventsIgnored');
      this.logger.info('duplicate change ignored', fields);
      return { status: 'DUPLICATE', runId };
    }
    const { config } = await this.config.load();
    if (!config.kinds.includes(change.kind)) {
      this.metrics.add('EventsIgnored');
      this.logger.info('change of a kind that is not synced', fields);
      return { status: 'KIND_NOT_SYNCED', runId };
    }
    if (!(await this.state.advanceWatermark(change.kind, change.eventTime))) {
      this.metrics.add('EventsIgnored');
      this.logger.info('change older than one already applied', fields);
      return { status: 'STALE', runId };
    }
    const run = await this.launch.execute({
      runId,
      trigger: 'CHANGE',
      eventId: change.eventId,
      initiator: change.initiator,
      kinds: [change.kind],
      config,
    });
    return { status: 'STARTED', run };
  }
}
