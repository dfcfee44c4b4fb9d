import { SyncConfig } from '@contact-sync/domain';
import { OrganizationSpec } from '@contact-sync/simulated-aws';
import { DeliveryModel } from './deployed-system';
import { ScenarioName } from './scenarios';

/** What to simulate: a scenario on a generated organization, and how hostile AWS is. */
export interface SimulationRequest {
  readonly scenario: ScenarioName;
  readonly organization: OrganizationSpec;
  readonly seed: number;
  /** Fraction of calls that fail with InternalServerException. */
  readonly faultRate?: number;
  readonly config?: SyncConfig;
  /** How work is delivered; AWS's behaviour by default. */
  readonly delivery?: Partial<DeliveryModel>;
  /** Told of progress: account-kinds with an outcome, of those targeted. */
  readonly onProgress?: (done: number, total: number) => void;
}
