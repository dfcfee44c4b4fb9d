import { AccountOutcome, RateSettings, SyncRun } from '@contact-sync/domain';
import { CallTimelineSnapshot } from '@contact-sync/simulated-aws';

/** What a finished simulation hands its observer, beyond its report: enough to draw how the run unfolded. */
export interface SimulationView {
  readonly runs: readonly SyncRun[];
  readonly outcomes: readonly AccountOutcome[];
  /** When the first change was made (virtual epoch ms): the report's time origin. */
  readonly startedAtMs: number;
  readonly timeline: CallTimelineSnapshot;
  /** The quotas the simulated service enforced. */
  readonly quotas: RateSettings;
}
