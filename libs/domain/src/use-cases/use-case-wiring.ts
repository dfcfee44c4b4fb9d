import { ContactFingerprints } from '../contacts/fingerprint';
import { TOKENS } from '../ports/tokens';
import { TagReader } from '../targeting/tag-reader';
import { ExplainTargeting } from './explain-targeting';
import { FinishRun } from './finish-run';
import { LaunchRun } from './launch-run';
import { OnboardAccount } from './onboard-account';
import { ProcessWorkItem } from './process-work-item';
import { Reconcile } from './reconcile';
import { StartSyncFromChange } from './start-sync-from-change';
import { ReplayFailedEvents } from './replay-failed-events';
import { SweepRuns } from './sweep-runs';

/** Looks a dependency up by its token (a container's `get`). */
export type Resolve = <T>(token: symbol) => T;

/**
 * How each use case (and the fingerprints they share) is built from the ports, by token: one table
 * for every composition root, so that roots differ only in the adapters they bind. Apps turn each row
 * into a container binding.
 */
export const USE_CASE_WIRING: ReadonlyArray<readonly [symbol, (get: Resolve) => unknown]> = [
  [TOKENS.Fingerprints, (get) => new ContactFingerprints(get(TOKENS.KeyedHash))],
  [
    TOKENS.TagReader,
    (get) => new TagReader(get(TOKENS.OrganizationStructure), get(TOKENS.TagReadLimit), get(TOKENS.Clock), get(TOKENS.Sleeper)),
  ],
  [
    TOKENS.FinishRun,
    (get) => new FinishRun(get(TOKENS.SyncState), get(TOKENS.Notifier), get(TOKENS.Clock), get(TOKENS.Logger), get(TOKENS.Metrics)),
  ],
  [
    TOKENS.LaunchRun,
    (get) =>
      new LaunchRun(
        get(TOKENS.Organization),
        get(TOKENS.OrganizationStructure),
        get(TOKENS.ResilientContacts),
        get(TOKENS.SyncState),
        get(TOKENS.SyncConfig),
        get(TOKENS.WorkQueue),
        get(TOKENS.FinishRun),
        get(TOKENS.Clock),
        get(TOKENS.Sleeper),
        get(TOKENS.Random),
        get(TOKENS.Logger),
        get(TOKENS.LaunchOptions),
      ),
  ],
  [
    TOKENS.StartSyncFromChange,
    (get) =>
      new StartSyncFromChange(
        get(TOKENS.SyncConfig),
        get(TOKENS.SyncState),
        get(TOKENS.LaunchRun),
        get(TOKENS.Logger),
        get(TOKENS.Metrics),
      ),
  ],
  [
    TOKENS.ProcessWorkItem,
    (get) =>
      new ProcessWorkItem(
        get(TOKENS.ResilientContacts),
        get(TOKENS.SyncState),
        get(TOKENS.SyncConfig),
        get(TOKENS.Organization),
        get(TOKENS.AuditLog),
        get(TOKENS.FinishRun),
        get(TOKENS.Clock),
        get(TOKENS.Logger),
        get(TOKENS.Metrics),
        get(TOKENS.Fingerprints),
        get(TOKENS.TagReader),
      ),
  ],
  [
    TOKENS.OnboardAccount,
    (get) =>
      new OnboardAccount(get(TOKENS.Organization), get(TOKENS.SyncConfig), get(TOKENS.SyncState), get(TOKENS.LaunchRun), get(TOKENS.Clock)),
  ],
  [
    TOKENS.Reconcile,
    (get) =>
      new Reconcile(
        get(TOKENS.Organization),
        get(TOKENS.OrganizationStructure),
        get(TOKENS.SyncConfig),
        get(TOKENS.ResilientContacts),
        get(TOKENS.TagReader),
        get(TOKENS.LaunchRun),
        get(TOKENS.Clock),
      ),
  ],
  [
    TOKENS.SweepRuns,
    (get) =>
      new SweepRuns(
        get(TOKENS.SyncState),
        get(TOKENS.LaunchRun),
        get(TOKENS.FinishRun),
        get(TOKENS.WorkQueue),
        get(TOKENS.Clock),
        get(TOKENS.Logger),
        get(TOKENS.Metrics),
        get(TOKENS.SweepOptions),
      ),
  ],
  [
    TOKENS.ReplayFailedEvents,
    (get) =>
      new ReplayFailedEvents(
        get(TOKENS.FailedEvents),
        get(TOKENS.StartSyncFromChange),
        get(TOKENS.OnboardAccount),
        get(TOKENS.Reconcile),
        get(TOKENS.Logger),
        get(TOKENS.Metrics),
      ),
  ],
  [
    TOKENS.ExplainTargeting,
    (get) => new ExplainTargeting(get(TOKENS.Organization), get(TOKENS.OrganizationStructure), get(TOKENS.SyncConfig)),
  ],
];
