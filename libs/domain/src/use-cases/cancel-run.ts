import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { RunStorePort } from '../ports/run-store.port';
import { DomainError } from '../shared/domain-error';
import { instantText } from '../shared/instant-text';
import { RunReport } from '../sync/run-report';
import { FinishRun } from './finish-run';

/** What an operator asks to cancel, and who asks. */
export interface CancelRequest {
  readonly runId: string;
  /** The operator's principal (recorded as who cancelled, and as the initiator of the CANCELLED audit entries). */
  readonly by: string;
}

/**
 * What a cancellation did:
 * - CANCELLED: this request cancelled the run, and it is finished as CANCELLED;
 * - ALREADY_CANCELLED: an earlier request had (this one completed its finish, if that was cut off);
 * - ALREADY_FINISHED: the run had ended before, and a finished run cannot be cancelled: its report is as it was;
 * - NOT_FOUND: no run of that id is recorded.
 */
export type CancelResult =
  | { readonly status: 'CANCELLED' | 'ALREADY_CANCELLED'; readonly cancelledAt: string; readonly report: RunReport }
  | { readonly status: 'ALREADY_FINISHED'; readonly report?: RunReport }
  | { readonly status: 'NOT_FOUND' };

/** The longest run id accepted: far above any the service makes, so that a pasted value is refused with a clear error. */
const MAX_RUN_ID_LENGTH = 200;

/**
 * Cancels an open run (`contact-sync runs cancel RUN_ID`, or Ctrl-C during `contact-sync sync`).
 * The cancellation is stored first, in one conditional write that a finished run refuses; every
 * worker reads the run immediately before each write, so no write of the run goes out once it is
 * stored, whichever path delivers its items (a redelivery, the sweeper's re-drive, a replayed event).
 * Then the run is finished: what it left undone is recorded and audited SKIPPED `CANCELLED`, the
 * report says CANCELLED, and the run is notified once. A cancellation cut off before the finish is
 * finished by a repeated request or by the sweeper.
 */
export class CancelRun {
  constructor(
    private readonly runStore: RunStorePort,
    private readonly finish: FinishRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
  ) {}

  /** Cancels the run the request names (stored once, refused for a finished run), then finishes it with what it has. */
  async execute(request: CancelRequest): Promise<CancelResult> {
    const runId = request.runId.trim();
    if (runId.length === 0 || runId.length > MAX_RUN_ID_LENGTH || /\s/.test(runId))
      throw new DomainError(
        'VALIDATION_FAILED',
        `runId: must be a run id of 1 to ${MAX_RUN_ID_LENGTH} characters without spaces (see contact-sync runs)`,
      );
    const mark = await this.runStore.cancelRun(runId, instantText(this.clock.now()), request.by);
    if (mark === 'NOT_FOUND') return { status: 'NOT_FOUND' };
    if (mark === 'FINISHED') {
      const run = await this.runStore.getRun(runId);
      // Finished before, maybe by this very request's racing finisher: a finished run is not changed.
      if (run?.cancelledAt === undefined) {
        this.logger.info('cancel refused: the run had finished', { runId });
        return { status: 'ALREADY_FINISHED', ...(run?.report ? { report: run.report } : {}) };
      }
      return { status: 'ALREADY_CANCELLED', cancelledAt: run.cancelledAt, report: await this.finish.execute(runId) };
    }
    if (mark === 'CANCELLED') {
      this.metrics.add('RunsCancelled');
      this.logger.warn('run cancelled by an operator', { runId });
    }
    const report = await this.finish.execute(runId);
    const run = await this.runStore.getRun(runId);
    return { status: mark, cancelledAt: run?.cancelledAt ?? report.cancelledAt ?? report.finishedAt, report };
  }
}
