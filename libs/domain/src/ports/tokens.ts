/** Dependency-injection tokens for every port and use case, for the apps' composition roots. */
export const TOKENS = {
  Clock: Symbol.for('contact-sync.Clock'),
  Sleeper: Symbol.for('contact-sync.Sleeper'),
  Random: Symbol.for('contact-sync.Random'),
  /** `KeyedHashPort`: HMAC-SHA-256 under the deployment's fingerprint key. */
  KeyedHash: Symbol.for('contact-sync.KeyedHash'),
  /** `ContactFingerprints` on the bound keyed hash. */
  Fingerprints: Symbol.for('contact-sync.Fingerprints'),
  Logger: Symbol.for('contact-sync.Logger'),
  Metrics: Symbol.for('contact-sync.Metrics'),
  Organization: Symbol.for('contact-sync.Organization'),
  /** `OrganizationStructurePort`: the OU tree and account tags. */
  OrganizationStructure: Symbol.for('contact-sync.OrganizationStructure'),
  /** `RateLimit`: how fast this process reads account tags (its share, when several run at once). */
  TagReadLimit: Symbol.for('contact-sync.TagReadLimit'),
  /** `TagReader` on the bound structure port, paced at `TagReadLimit`. */
  TagReader: Symbol.for('contact-sync.TagReader'),
  Contacts: Symbol.for('contact-sync.Contacts'),
  SyncConfig: Symbol.for('contact-sync.SyncConfig'),
  SyncState: Symbol.for('contact-sync.SyncState'),
  AuditLog: Symbol.for('contact-sync.AuditLog'),
  WorkQueue: Symbol.for('contact-sync.WorkQueue'),
  Notifier: Symbol.for('contact-sync.Notifier'),
  ResilientContacts: Symbol.for('contact-sync.ResilientContacts'),
  StartSyncFromChange: Symbol.for('contact-sync.StartSyncFromChange'),
  ProcessWorkItem: Symbol.for('contact-sync.ProcessWorkItem'),
  FinishRun: Symbol.for('contact-sync.FinishRun'),
  OnboardAccount: Symbol.for('contact-sync.OnboardAccount'),
  Reconcile: Symbol.for('contact-sync.Reconcile'),
  LaunchRun: Symbol.for('contact-sync.LaunchRun'),
  SweepRuns: Symbol.for('contact-sync.SweepRuns'),
  ReplayFailedEvents: Symbol.for('contact-sync.ReplayFailedEvents'),
  ExplainTargeting: Symbol.for('contact-sync.ExplainTargeting'),
  FailedEvents: Symbol.for('contact-sync.FailedEvents'),
  /** `LaunchOptions`: items' size and the write fence. */
  LaunchOptions: Symbol.for('contact-sync.LaunchOptions'),
  /** `SweepOptions`: when the sweeper resumes, re-drives and gives up. */
  SweepOptions: Symbol.for('contact-sync.SweepOptions'),
} as const;
