import {
  AuditLogPort,
  CipherPort,
  ClockPort,
  ContactsPort,
  EventLedgerPort,
  ItemLedgerPort,
  KindHeadsPort,
  OutcomeLedgerPort,
  RunStorePort,
  FailedEventsPort,
  KeyedHashPort,
  LoggerPort,
  MetricsPort,
  NotifierPort,
  PreviousValueStorePort,
  OrganizationPort,
  OrganizationStructurePort,
  RandomPort,
  SleeperPort,
  SyncConfigPort,
  WorkQueuePort,
} from '@contact-sync/domain';
import { ContainerModule } from 'inversify';
import { TOKENS } from './tokens';

/**
 * One store that serves every role of the sync state (as the in-memory and DynamoDB adapters do: the
 * roles share one table), bound to each role's token.
 */
export type SyncStateStore = EventLedgerPort & KindHeadsPort & RunStorePort & ItemLedgerPort & OutcomeLedgerPort;

/** Every port, as a simulated AWS provides them (see {@link createSimulatedAws}): time is virtual. */
export interface SimulatedPorts {
  readonly time: ClockPort & SleeperPort;
  readonly random: RandomPort;
  readonly logger: LoggerPort;
  readonly metrics: MetricsPort;
  readonly contacts: ContactsPort;
  /** The organization's accounts, and its OU tree and account tags. */
  readonly organization: OrganizationPort & OrganizationStructurePort;
  readonly syncConfig: SyncConfigPort;
  /** The sync state, bound to every role's token. */
  readonly syncState: SyncStateStore;
  readonly auditLog: AuditLogPort;
  readonly workQueue: WorkQueuePort;
  readonly notifier: NotifierPort;
  readonly failedEvents: FailedEventsPort;
  /** The audit fingerprints' keyed hash, under the simulated deployment's key. */
  readonly keyedHash: KeyedHashPort;
  /** The previous values' cipher, under the simulated deployment's undo key. */
  readonly cipher: CipherPort;
  readonly previousValues: PreviousValueStorePort;
}

/** The ports on a simulated AWS (or on any view of it, such as one execution environment's). */
export const simulatedAwsModule = (ports: SimulatedPorts): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(TOKENS.Clock).toConstantValue(ports.time);
    bind(TOKENS.Sleeper).toConstantValue(ports.time);
    bind(TOKENS.Random).toConstantValue(ports.random);
    bind(TOKENS.Logger).toConstantValue(ports.logger);
    bind(TOKENS.Metrics).toConstantValue(ports.metrics);
    bind(TOKENS.Contacts).toConstantValue(ports.contacts);
    bind(TOKENS.Organization).toConstantValue(ports.organization);
    bind(TOKENS.OrganizationStructure).toConstantValue(ports.organization);
    bind(TOKENS.SyncConfig).toConstantValue(ports.syncConfig);
    bind(TOKENS.EventLedger).toConstantValue(ports.syncState);
    bind(TOKENS.KindHeads).toConstantValue(ports.syncState);
    bind(TOKENS.RunStore).toConstantValue(ports.syncState);
    bind(TOKENS.ItemLedger).toConstantValue(ports.syncState);
    bind(TOKENS.OutcomeLedger).toConstantValue(ports.syncState);
    bind(TOKENS.AuditLog).toConstantValue(ports.auditLog);
    bind(TOKENS.WorkQueue).toConstantValue(ports.workQueue);
    bind(TOKENS.Notifier).toConstantValue(ports.notifier);
    bind(TOKENS.FailedEvents).toConstantValue(ports.failedEvents);
    bind(TOKENS.KeyedHash).toConstantValue(ports.keyedHash);
    bind(TOKENS.Cipher).toConstantValue(ports.cipher);
    bind(TOKENS.PreviousValueStore).toConstantValue(ports.previousValues);
  });
