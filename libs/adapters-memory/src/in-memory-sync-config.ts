import { DEFAULT_SYNC_CONFIG, DomainError, SyncConfig, SyncConfigPort, VersionedSyncConfig } from '@contact-sync/domain';

/** The sync configuration in memory, with the same optimistic locking as the stored one. */
export class InMemorySyncConfig implements SyncConfigPort {
  private current: VersionedSyncConfig;
  /** Every configuration stored, oldest first, the current one last: what a simulation's checks judge its writes and changes by. */
  readonly history: VersionedSyncConfig[] = [];

  constructor(config: SyncConfig = DEFAULT_SYNC_CONFIG) {
    this.current = { config, version: config === DEFAULT_SYNC_CONFIG ? 0 : 1 };
    this.history.push(this.current);
  }

  /** The stored configuration, as {@link load} gives it, without waiting. */
  get stored(): VersionedSyncConfig {
    return this.current;
  }

  async load(): Promise<VersionedSyncConfig> {
    return this.current;
  }

  async save(config: SyncConfig, expectedVersion: number): Promise<number> {
    if (expectedVersion !== this.current.version) {
      throw new DomainError(
        'CONFLICT',
        `the configuration changed (version ${this.current.version}, expected ${expectedVersion}); load it again`,
      );
    }
    this.current = { config, version: expectedVersion + 1 };
    this.history.push(this.current);
    return this.current.version;
  }

  /** Replaces the stored configuration and its version (a state kept between processes). */
  restore(stored: VersionedSyncConfig): void {
    this.current = stored;
    this.history.push(stored);
  }
}
