import {
  AuditLogPort,
  CipherPort,
  ClockPort,
  ContactsPort,
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
  SyncStatePort,
  WorkQueuePort,
} from '@contact-sync/domain';
import { ContainerModule } from 'inversify';
import { TOKENS } from './tokens';

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
  readonly syncState: SyncStatePort;
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
    bind(TOKENS.SyncState).toConstantValue(ports.syncState);
    bind(TOKENS.AuditLog).toConstantValue(ports.auditLog);
    bind(TOKENS.WorkQueue).toConstantValue(ports.workQueue);
    bind(TOKENS.Notifier).toConstantValue(ports.notifier);
    bind(TOKENS.FailedEvents).toConstantValue(ports.failedEvents);
    bind(TOKENS.KeyedHash).toConstantValue(ports.keyedHash);
    bind(TOKENS.Cipher).toConstantValue(ports.cipher);
    bind(TOKENS.PreviousValueStore).toConstantValue(ports.previousValues);
  });
