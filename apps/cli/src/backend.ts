import { InMemoryWorkQueue } from '@contact-sync/adapters-memory';
import { Token, TOKENS } from '@contact-sync/composition';
import {
  CancelRun,
  ContactFingerprints,
  AuditLogPort,
  ClockPort,
  ConvergeConfiguration,
  ExplainTargeting,
  FailedEventsPort,
  OperatorIdentityPort,
  OutcomeLedgerPort,
  ProcessWorkItem,
  Reconcile,
  ReplayFailedEvents,
  RollbackRun,
  RunStorePort,
  SyncConfig,
  SyncConfigPort,
} from '@contact-sync/domain';
import { Container } from 'inversify';
import { OptionName } from './arguments';

/** Where the CLI works: AWS (the management account and the stack's tables) or a simulated organization. */
export interface BackendSettings {
  readonly backend: 'aws' | 'memory';
  readonly profile?: string;
  readonly region?: string;
  readonly stateTable?: string;
  readonly auditTable?: string;
  readonly topicArn?: string;
  readonly failedEventsQueueUrl?: string;
  /** The stack's EventBridge dead-letter queue, which `replay-failed-events` reads after the failure queue. */
  readonly eventsDeadLetterQueueUrl?: string;
  readonly workQueueUrl?: string;
  /** Runs this command starts are for the stack's workers: queued to its work queue and notified on its topic. */
  readonly deployedWorkers?: boolean;
  /** The command writes audit entries (sync): against AWS it needs the fingerprint key's secret. */
  readonly writesAudit?: boolean;
  /** The command fingerprints contact values without writing the audit (plan --out): it needs the key too. */
  readonly fingerprintsValues?: boolean;
  readonly fingerprintSecret?: string;
  /** The command writes or restores member contacts (sync, rollback --apply): against AWS it needs the undo key's secret. */
  readonly keepsPreviousValues?: boolean;
  readonly undoKeySecret?: string;
  /**
   * With --backend aws: the stage's initial configuration (the stack output InitialSyncConfig, which is
   * the functions' INITIAL_SYNC_CONFIG), in force while no configuration is stored. Unknown when unset.
   */
  readonly initialConfig?: SyncConfig;
  readonly seed: number;
  /** The local user's name: the memory backend's operator is an IAM user of the simulated management account of this name. */
  readonly localUser?: string;
  /** The memory backend keeps its simulated organization here between commands; fresh for each command when unset. */
  readonly stateDir?: string;
  /** How long a sync waits, once it has taken its kinds over, for writes of older runs to land (see LaunchOptions.writeFenceMs); 15 s when unset. */
  readonly writeFenceMs?: number;
  /** Receives log lines (JSON) when set; otherwise logs are dropped. */
  readonly logSink?: (line: string) => void;
}

/**
 * What is in force while no configuration is stored (version 0): the stage's initial configuration,
 * as the deployed functions use it; the defaults (the memory backend's simulated organization has no
 * stage); or, against AWS when the stage's initial configuration was not given, the defaults in dry
 * run, so that the CLI never takes a configuration that writes for the one in force when it cannot know.
 */
export type InitialConfigSource = 'STAGE' | 'DEFAULTS' | 'UNKNOWN_STAGE';

/** The variable holding the stage's initial configuration (the stack output InitialSyncConfig). */
export const INITIAL_CONFIG_VARIABLE = 'CONTACT_SYNC_INITIAL_SYNC_CONFIG';

/** Where a setting comes from: its option (`--state-table`), else its environment variable. */
export type SettingSource = readonly [option: OptionName, variable: string];

/** The flag and the variable of each of the stack's resources the AWS backend may need. */
export const SETTING_SOURCES = {
  stateTable: ['state-table', 'CONTACT_SYNC_STATE_TABLE'],
  auditTable: ['audit-table', 'CONTACT_SYNC_AUDIT_TABLE'],
  topicArn: ['topic-arn', 'CONTACT_SYNC_TOPIC_ARN'],
  failedEventsQueueUrl: ['failed-events-queue-url', 'CONTACT_SYNC_FAILED_EVENTS_QUEUE_URL'],
  eventsDeadLetterQueueUrl: ['events-dlq-url', 'CONTACT_SYNC_EVENTS_DLQ_URL'],
  workQueueUrl: ['work-queue-url', 'CONTACT_SYNC_WORK_QUEUE_URL'],
  fingerprintSecret: ['fingerprint-secret', 'CONTACT_SYNC_FINGERPRINT_SECRET'],
  undoKeySecret: ['undo-key-secret', 'CONTACT_SYNC_UNDO_KEY_SECRET'],
} as const satisfies Partial<Record<keyof BackendSettings, SettingSource>>;

/** Who the CLI acts as and on which organization: STS and Organizations against AWS, the simulated organization's otherwise. */
export const OPERATOR_IDENTITY = Symbol.for('contact-sync.cli.OperatorIdentity') as Token<OperatorIdentityPort>;

/** Runs work in a backend's time (virtual for the simulated organization). */
export type Runner = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * What the commands use, each resolved from the composition root when a command first asks for it
 * (so that a setting only one adapter needs fails only the commands that use it), and the time their
 * work runs in.
 */
export interface Backend {
  readonly run: Runner;
  readonly reconcile: Reconcile;
  readonly convergeConfiguration: ConvergeConfiguration;
  readonly explainTargeting: ExplainTargeting;
  readonly processWorkItem: ProcessWorkItem;
  readonly replayFailedEvents: ReplayFailedEvents;
  readonly cancelRun: CancelRun;
  readonly rollbackRun: RollbackRun;
  readonly syncConfig: SyncConfigPort;
  /** The runs: their progress and reports. */
  readonly runStore: RunStorePort;
  /** The runs' outcomes, for a run's report file. */
  readonly outcomeLedger: OutcomeLedgerPort;
  readonly auditLog: AuditLogPort;
  readonly failedEvents: FailedEventsPort;
  readonly clock: ClockPort;
  /** What applies while no configuration is stored, and so what `config get` and `config set` start from at version 0. */
  readonly initialConfigSource: InitialConfigSource;
  readonly operatorIdentity: OperatorIdentityPort;
  /** The fingerprints of contact values under the deployment's key (the audit's), for saved plans. */
  readonly fingerprints: ContactFingerprints;
  /** The queue of the work items this process works itself (`sync`). */
  readonly localQueue: InMemoryWorkQueue;
  /** Keeps what must outlive the command (the memory backend's state directory); called once the command ends. */
  close?(): Promise<void>;
}

/** A backend and the container behind it (for tests that look behind the commands). */
export type ComposedBackend = Backend & { readonly container: Container };

/** The commands' view of a composition root. */
export const backendOf = (
  container: Container,
  run: Runner,
  initialConfigSource: InitialConfigSource,
  close?: () => Promise<void>,
): ComposedBackend => ({
  container,
  run,
  initialConfigSource,
  ...(close ? { close } : {}),
  get reconcile() {
    return container.get(Reconcile);
  },
  get convergeConfiguration() {
    return container.get(ConvergeConfiguration);
  },
  get explainTargeting() {
    return container.get(ExplainTargeting);
  },
  get processWorkItem() {
    return container.get(ProcessWorkItem);
  },
  get replayFailedEvents() {
    return container.get(ReplayFailedEvents);
  },
  get cancelRun() {
    return container.get(CancelRun);
  },
  get rollbackRun() {
    return container.get(RollbackRun);
  },
  get syncConfig() {
    return container.get(TOKENS.SyncConfig);
  },
  get runStore() {
    return container.get(TOKENS.RunStore);
  },
  get outcomeLedger() {
    return container.get(TOKENS.OutcomeLedger);
  },
  get auditLog() {
    return container.get(TOKENS.AuditLog);
  },
  get failedEvents() {
    return container.get(TOKENS.FailedEvents);
  },
  get clock() {
    return container.get(TOKENS.Clock);
  },
  get operatorIdentity() {
    return container.get(OPERATOR_IDENTITY);
  },
  get fingerprints() {
    return container.get(ContactFingerprints);
  },
  get localQueue() {
    return container.get(InMemoryWorkQueue);
  },
});
