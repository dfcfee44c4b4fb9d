import { ConfigWidening, configWidening } from '../config/config-widening';
import { SyncConfig } from '../config/sync-config';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { SyncConfigPort, VersionedSyncConfig } from '../ports/sync-config.port';
import { EventLedgerPort } from '../ports/event-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { LaunchRun } from './launch-run';

/** The run that brings in what a configuration version widened: one per version, whoever records it. */
export const configRunIdFor = (version: number): string => `cfg-v${version}`;

/** The event id whose claim says a configuration version's run was seen to (recorded, or none needed). */
export const configClaimIdFor = (version: number): string => `config-v${version}`;

/** What storing a configuration did. */
export interface ConfigApplied {
  readonly version: number;
  /** What the new configuration syncs that the old one did not; absent when it widens nothing. */
  readonly widening?: ConfigWidening;
  /** The run recorded for the widening (the deployed sweeper launches it); absent when none is needed. */
  readonly runId?: string;
}

/** What one sweep's look at the configuration did. */
export type ConfigSweep =
  | { readonly status: 'CURRENT'; readonly version: number }
  | { readonly status: 'LAUNCHED'; readonly version: number; readonly runId: string; readonly recordedHere: boolean };

/**
 * Brings members in line when the configuration changes what they should hold. Storing a
 * configuration ({@link apply}) records, under a run id derived from the new version, a run for what
 * it widens (a kind enabled, an exclusion removed, an inclusion widened, dry run released, deletions
 * propagated), then claims the version. The sweeper ({@link sweep}) launches that run. When the
 * claim is missing (the operator's tool stopped after storing, or another tool stored the item), the
 * sweeper cannot tell what was widened and records a run of every synced kind on every member
 * instead: a change of configuration is never left unconverged. In dry run the run only plans.
 */
export class ConvergeConfiguration {
  constructor(
    private readonly config: SyncConfigPort,
    private readonly eventLedger: EventLedgerPort,
    private readonly runStore: RunStorePort,
    private readonly launch: LaunchRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
  ) {}

  /** Stores `next` over `loaded` (optimistic: a CONFLICT when it changed since), and records the run for what it widens. */
  async apply(next: SyncConfig, loaded: VersionedSyncConfig, initiator: string): Promise<ConfigApplied> {
    const version = await this.config.save(next, loaded.version);
    const widening = configWidening(loaded.config, next);
    const runId = configRunIdFor(version);
    // Recorded before the claim: a tool stopped in between leaves a recorded run, which the sweeper launches.
    if (widening) await this.record(runId, widening, next, initiator);
    await this.eventLedger.claimEvent(configClaimIdFor(version), runId);
    this.logger.info('configuration stored', { version, widens: widening?.reasons ?? [], ...(widening ? { runId } : {}) });
    return { version, ...(widening ? { widening, runId } : {}) };
  }

  /**
   * Launches the run of the stored configuration's version once it is recorded and not yet launched;
   * records one for every synced kind first when no tool claimed the version.
   */
  async sweep(): Promise<ConfigSweep> {
    const { config, version } = await this.config.load();
    if (version === 0) return { status: 'CURRENT', version };
    const runId = configRunIdFor(version);
    let recordedHere = false;
    if (await this.eventLedger.claimEvent(configClaimIdFor(version), runId)) {
      this.logger.warn('configuration version stored with no run recorded for it: every synced kind is brought in line', {
        version,
        runId,
      });
      recordedHere = await this.record(runId, { kinds: config.kinds }, config, 'configuration');
    }
    const run = await this.runStore.getRun(runId);
    if (!run || run.status === 'FINISHED' || run.launch !== 'CREATED') return { status: 'CURRENT', version };
    await this.launch.resume(runId);
    return { status: 'LAUNCHED', version, runId, recordedHere };
  }

  private record(runId: string, widening: Pick<ConfigWidening, 'kinds' | 'onlyAccounts'>, config: SyncConfig, initiator: string) {
    return this.launch.record({
      runId,
      trigger: 'CONFIG_CHANGE',
      initiator,
      kinds: widening.kinds,
      requestedAt: new Date(this.clock.now()).toISOString(),
      // Over every member it takes its kinds over, as a reconcile does: older runs' remaining writes
      // yield to it. Over a few accounts it must not (the older runs' other accounts would never be
      // written): it writes at the generation it finds and yields, as an onboarding does.
      supersedes: widening.onlyAccounts === undefined,
      dryRun: config.dryRun,
      ...(widening.onlyAccounts ? { onlyAccounts: widening.onlyAccounts } : {}),
    });
  }
}
