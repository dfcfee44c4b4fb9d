import { SyncConfig } from '@contact-sync/domain';
import { OrganizationSpec } from '@contact-sync/simulated-aws';
import { DeliveryModel } from './deployed-system';
import { ScenarioName, TimingHazard } from './scenarios';
import { SimulationView } from './simulation-view';

/** What to simulate: a scenario on a generated organization, and how hostile AWS is. */
export interface SimulationRequest {
  readonly scenario: ScenarioName;
  readonly organization: OrganizationSpec;
  readonly seed: number;
  /** Fraction of calls that fail with InternalServerException. */
  readonly faultRate?: number;
  /** The hostile timings the simulated AWS adds; the scenario's (see `defaultTimingHazards`) when absent. */
  readonly timing?: readonly TimingHazard[];
  readonly config?: SyncConfig;
  /** How work is delivered; AWS's behaviour by default. */
  readonly delivery?: Partial<DeliveryModel>;
  /** Told of progress: account-kinds with an outcome, of those targeted. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborted to stop early (Ctrl-C): the report then tells what was done, and `interrupted` is true. */
  readonly stop?: AbortSignal;
  /** Told, once the system is quiet, what the HTML report draws (the runs, their outcomes, the calls over time). */
  readonly observe?: (view: SimulationView) => void;
}
