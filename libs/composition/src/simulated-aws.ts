import { MemberAccount, RandomPort, SleeperPort, SyncConfig } from '@contact-sync/domain';
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
  AccountManagementContacts,
  accountClientConfig,
  AwsOrganization,
  organizationsClientConfig,
  REQUEST_TIMEOUTS,
} from '@contact-sync/adapters-aws';
import {
  AccountServiceBehaviour,
  CallTimeline,
  DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
  DEFAULT_ORGANIZATIONS_BEHAVIOUR,
  OrganizationModel,
  OrganizationsServiceBehaviour,
  SeededRandom,
  RetryClock,
  SignedContactRequest,
  SimulatedAccountClient,
  SimulatedAccountService,
  SimulatedClientOptions,
  SimulatedOrganizationsClient,
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
  /** The deployed contacts adapter, over a client of the simulated Account Management API. */
  readonly contacts: AccountManagementContacts;
  /** The deployed organization adapter, over a client of the simulated Organizations API. */
  readonly organization: AwsOrganization;
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
  // The caller gives up when its client's request timeout (the deployed clients') runs out.
  const accountService = new SimulatedAccountService(
    model,
    time,
    random,
    { ...DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR, clientTimeoutMs: REQUEST_TIMEOUTS.requestTimeout, ...options.behaviour },
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
    contacts: new AccountManagementContacts(simulatedAccountClient(accountService, { retryClock: retryClockOf({ time, random }) })),
    organization: new AwsOrganization(simulatedOrganizationsClient(organizationsService, { retryClock: retryClockOf({ time, random }) })),
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

/** Credentials of no one: a simulated client never signs for real, and must never look for credentials on the machine. */
const NO_CREDENTIALS = { credentials: { accessKeyId: 'SIMULATED', secretAccessKey: 'SIMULATED' } };

/**
 * An Account Management client of the simulated service, with the deployed client's settings
 * (`accountClientConfig`): the contacts adapter over it is the deployed adapter, run on the simulation.
 */
export const simulatedAccountClient = (
  service: SimulatedAccountService,
  options: SimulatedClientOptions<SignedContactRequest>,
): SimulatedAccountClient => new SimulatedAccountClient(service, accountClientConfig(NO_CREDENTIALS), options);

/** An Organizations client of the simulated service, with the deployed client's settings (`organizationsClientConfig`), its retries among them. */
export const simulatedOrganizationsClient = (
  service: SimulatedOrganizationsService,
  options: SimulatedClientOptions<never>,
): SimulatedOrganizationsClient => new SimulatedOrganizationsClient(service, organizationsClientConfig(NO_CREDENTIALS), options);

/** The simulation's clock and randomness, which the simulated clients' retries wait on and draw from. */
export const retryClockOf = (sim: { readonly time: SleeperPort; readonly random: RandomPort }): RetryClock => ({
  sleeper: sim.time,
  random: sim.random,
});
