import { RunCondition } from '../sync/run-lifecycle';
import { RunReport } from '../sync/run-report';
import { CancelMark, RunUpdate, SyncRun } from '../sync/sync-run';

/**
 * Runs, from their record to their notification: the launch lease, the finish claim, the final
 * report and cancellation. Every read is strongly consistent, and every write is safe to repeat.
 */
export interface RunStorePort {
  /** Records a run; false (and the stored run unchanged) when it exists already. */
  createRun(run: SyncRun): Promise<boolean>;
  /** The run, or undefined when there is none of that id. */
  getRun(runId: string): Promise<SyncRun | undefined>;
  /**
   * Sets the given fields of a run; with a condition (see {@link RunCondition}), only while the
   * stored run meets it, in the same write. False when the run is missing or the condition fails.
   */
  updateRun(runId: string, update: RunUpdate, condition?: RunCondition): Promise<boolean>;
  /**
   * Takes the run's launch for `holder` until `nowMs + leaseMs`, unless another holder's lease is
   * still running (then false): one launcher at a time, so that a redelivered event or the sweeper
   * never launches a run alongside the invocation still launching it. The holder gives the launch up
   * by claiming it again with a lease of 0.
   */
  claimLaunch(runId: string, holder: string, nowMs: number, leaseMs: number): Promise<boolean>;
  /** Runs that are not finished, or finished but not yet notified. */
  listOpenRuns(): Promise<string[]>;
  /**
   * The most recently started runs, newest first, at most `limit`: for operators (an index, so a run
   * recorded a moment ago may be missing, and its counters may lag).
   */
  recentRuns(limit: number): Promise<SyncRun[]>;
  /**
   * Claims the run's finish for `claimant` (the item whose completion found the run complete), in one
   * conditional write: exactly one of all callers ever gets true, however many call, concurrently or
   * after a crash. False for a run that does not exist. Who should call is the domain's decision
   * (`finishIsDue`); the store only makes sure that one caller wins.
   */
  claimFinish(runId: string, claimant: string): Promise<boolean>;
  /**
   * Stores the final report and marks the run finished; the first report stored wins and is returned.
   * The run's desired values (contacts) are dropped: nothing reads them once the run is finished.
   */
  finishRun(runId: string, report: RunReport): Promise<RunReport>;
  /**
   * Marks the run cancelled at `atIso` by `by`, in one conditional write: only a run that exists, is
   * not finished and was not cancelled before is marked (then CANCELLED); otherwise what it found.
   * Every worker reads the run immediately before each write, so none goes out once this returns.
   */
  cancelRun(runId: string, atIso: string, by: string): Promise<CancelMark>;
  /** The finished run's notification went out: the run is no longer open. */
  markNotified(runId: string): Promise<void>;
}
