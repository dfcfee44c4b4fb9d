import { ChangeRejection } from '../changes/change-rejection';
import { ContactChange } from '../changes/contact-change';
import { detectContactChange } from '../changes/detect-contact-change';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { OrganizationPort } from '../ports/organization.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { EventLedgerPort } from '../ports/event-ledger.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { RunStorePort } from '../ports/run-store.port';
import { Result } from '../shared/result';
import { headCoversChange } from '../sync/change-coverage';
import { SyncRun } from '../sync/sync-run';
import { DEFAULT_WRITE_TIMING, WriteTiming } from '../sync/write-doubt';
import { LaunchRun } from './launch-run';

/** What became of a change. Expected outcomes are values. */
export type ChangeResult =
  | { readonly status: 'STARTED' | 'RESUMED'; readonly run: SyncRun }
  | { readonly status: 'DUPLICATE'; readonly runId: string }
  | { readonly status: 'STALE'; readonly runId: string }
  | { readonly status: 'KIND_NOT_SYNCED'; readonly runId: string };

/** The run id of a change: derived from the CloudTrail event id, so every delivery names the same run. */
export const runIdForEvent = (eventId: string): string => `chg-${eventId}`;

/**
 * Starts a sync from a change on the management account. Idempotent on the CloudTrail event id: a
 * redelivered event whose launch was cut off resumes it, one whose run is launched is a duplicate.
 * A new change always takes its kind over (runs are ordered by the generation they claim, not by the
 * event's time, which may be skewed), unless the run holding the kind provably brings it already
 * (see {@link headCoversChange}): then it is answered STALE.
 */
export class StartSyncFromChange {
  constructor(
    private readonly organization: OrganizationPort,
    private readonly config: SyncConfigPort,
    private readonly eventLedger: EventLedgerPort,
    private readonly kindHeads: KindHeadsPort,
    private readonly runStore: RunStorePort,
    private readonly launch: LaunchRun,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
    private readonly clock: ClockPort,
    private readonly timing: WriteTiming = DEFAULT_WRITE_TIMING,
  ) {}

  /**
   * Reads the contact change an event carries ({@link detectContactChange}), against the
   * organization's management account: a write recorded in any other account (a member's own,
   * forwarded to the management bus) is rejected as NOT_MANAGEMENT_ACCOUNT.
   */
  async detect(event: unknown): Promise<Result<ContactChange, ChangeRejection>> {
    return detectContactChange(event, await this.organization.managementAccountId());
  }

  /** Starts, resumes or declines the run of a change. */
  async execute(change: ContactChange): Promise<ChangeResult> {
    const runId = runIdForEvent(change.eventId);
    const fields = { runId, eventId: change.eventId, kind: change.kind };
    if (!(await this.eventLedger.claimEvent(change.eventId, runId))) {
      const recorded = await this.launch.carryOn(runId);
      if (recorded?.status === 'DUPLICATE') {
        this.metrics.add('EventsIgnored');
        this.logger.info('duplicate change ignored', fields);
      } else if (recorded) {
        this.metrics.add('RunsResumed');
        this.logger.info('change redelivered: its launch resumed', fields);
      }
      if (recorded) return recorded;
      // Claimed, then cut off before the run was recorded: start it now.
    }
    const { config } = await this.config.load();
    if (!config.kinds.includes(change.kind)) {
      this.metrics.add('EventsIgnored');
      this.logger.info('change of a kind that is not synced', fields);
      return { status: 'KIND_NOT_SYNCED', runId };
    }
    const head = await this.kindHeads.headOf(change.kind);
    const holder = head && head.runId !== runId ? await this.runStore.getRun(head.runId) : undefined;
    if (head && headCoversChange(holder, change.eventTime, this.clock.now(), this.launch.writeFenceMs, this.timing)) {
      this.metrics.add('EventsIgnored');
      this.logger.info('change covered by the run that holds its kind', { ...fields, newerRunId: head.runId });
      return { status: 'STALE', runId };
    }
    const run = await this.launch.execute({
      runId,
      trigger: 'CHANGE',
      eventId: change.eventId,
      initiator: change.initiator,
      kinds: [change.kind],
      requestedAt: change.eventTime,
      supersedes: true,
      dryRun: config.dryRun,
    });
    return { status: 'STARTED', run };
  }
}
