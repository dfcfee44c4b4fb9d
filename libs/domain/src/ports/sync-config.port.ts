import { SyncConfig } from '../config/sync-config';

/** A stored configuration and its version, for optimistic locking. */
export interface VersionedSyncConfig {
  readonly config: SyncConfig;
  /** 0 when nothing is stored yet (the defaults apply). */
  readonly version: number;
}

/** Where the sync configuration lives. */
export interface SyncConfigPort {
  /** The stored configuration and its version; the defaults when none is stored. */
  load(): Promise<VersionedSyncConfig>;
  /** Stores `config` if the stored version is still `expectedVersion`; returns the new version, or throws a DomainError CONFLICT. */
  save(config: SyncConfig, expectedVersion: number): Promise<number>;
}
