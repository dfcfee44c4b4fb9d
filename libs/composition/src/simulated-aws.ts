import { MemberAccount, SyncConfig } from '@contact-sync/domain';
import { SimulatedPorts } from './simulated-aws.module';
import {
  InMemoryAuditLog,
  InMemoryFailedEvents,
  InMemoryCipher,
  InMemoryKeyedHash,
  InMemoryPreviousValues,
  InMemoryLogger,
  InMemoryMetrics,
  InMemoryNotifier,
  InMemorySyncConfig,
  InMemorySyncState,
  InMemoryWorkQueue,
} from '@contact-sync/adapters-memory';
import {
  AccountServiceBehaviour,
  CallTimeline,
  DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
  DEFAULT_ORGANIZATIONS_BEHAVIOUR,
  SimulatedContacts,
  SimulatedOrganization,
  OrganizationModel,
  OrganizationsServiceBehaviour,
  SeededRandom,
  SimulatedAccountService,
  SimulatedOrganizationsService,
  VirtualTime,
} from '@contact-sync/simulated-aws';

/** Everything a simulated organization is made of. */
export interface SimulationOptions {
  readonly accounts: readonly MemberAccount[];
  readonly seed: number;
  readonly config: SyncConfig;
  readonly behaviour?: Partial<AccountServiceBehaviour>;
  readonly organizations?: Partial<OrganizationsServiceBehaviour>;
  readonly logSink?: (line: string) => void;
}

/** A whole simulated AWS: the services, their model, virtual time, and every port on top of them. */
export interface SimulatedAws extends SimulatedPorts {
  readonly time: VirtualTime;
  readonly random: SeededRandom;
  readonly model: OrganizationModel;
  readonly accountService: SimulatedAccountService;
  readonly organizationsService: SimulatedOrganizationsService;
  readonly contacts: SimulatedContacts;
  readonly organization: SimulatedOrganization;
  readonly syncConfig: InMemorySyncConfig;
  readonly syncState: InMemorySyncState;
  readonly auditLog: InMemoryAuditLog;
  readonly workQueue: InMemoryWorkQueue;
  readonly notifier: InMemoryNotifier;
  readonly logger: InMemoryLogger;
  readonly metrics: InMemoryMetrics;
  readonly failedEvents: InMemoryFailedEvents;
  /** The audit fingerprints' keyed hash, under the simulated deployment's key. */
  readonly keyedHash: InMemoryKeyedHash;
  readonly cipher: InMemoryCipher;
  readonly previousValues: InMemoryPreviousValues;
  /** Account Management calls, throttled answers and retries over virtual time (bounded memory). */
  readonly timeline: CallTimeline;
}

/** Builds the simulated AWS that composition roots bind the ports to (with {@link simulatedAwsModule}). */
export function createSimulatedAws(options: SimulationOptions): SimulatedAws {
  const random = new SeededRandom(options.seed);
  const time = new VirtualTime();
  const model = new OrganizationModel(options.accounts);
  const timeline = new CallTimeline(time.now());
  const accountService = new SimulatedAccountService(
    model,
    time,
    random,
    { ...DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR, ...options.behaviour },
    timeline,
  );
  const organizationsService = new SimulatedOrganizationsService(model, random, time, {
    ...DEFAULT_ORGANIZATIONS_BEHAVIOUR,
    ...options.organizations,
  });
  return {
    time,
    random,
    model,
    accountService,
    organizationsService,
    contacts: new SimulatedContacts(accountService),
    organization: new SimulatedOrganization(organizationsService, { sleeper: time, random }),
    syncConfig: new InMemorySyncConfig(options.config),
    syncState: new InMemorySyncState(),
    auditLog: new InMemoryAuditLog(time),
    workQueue: new InMemoryWorkQueue(),
    notifier: new InMemoryNotifier(),
    logger: new InMemoryLogger(options.logSink),
    metrics: new InMemoryMetrics((name, value) => (name === 'Retries' ? timeline.retry(time.now(), value) : undefined)),
    failedEvents: new InMemoryFailedEvents(),
    keyedHash: new InMemoryKeyedHash(),
    cipher: new InMemoryCipher(),
    previousValues: new InMemoryPreviousValues(),
    timeline,
  };
}
