import 'reflect-metadata';
import {
  AccountManagementContacts,
  createAccountClient,
  createDynamoDbClient,
  createOrganizationsClient,
  createSecretsManagerClient,
  createSnsClient,
  createSqsClient,
  CryptoRandom,
  DynamoDbAuditLog,
  DynamoDbSyncConfig,
  DynamoDbSyncState,
  loadKeyedHash,
  OrganizationsOrganization,
  SnsNotifier,
  SqsFailedEvents,
  SqsWorkQueue,
  SystemClock,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import {
  createSimulatedAws,
  DEFAULT_ORGANIZATION,
  generateAccounts,
  generateStructure,
  InMemoryFailedEvents,
  InMemoryLogger,
  InMemoryMetrics,
  InMemoryNotifier,
  InMemoryWorkQueue,
  SeededRandom,
  seedContacts,
} from '@contact-sync/adapters-memory';
import {
  AuditLogPort,
  DEFAULT_LAUNCH_OPTIONS,
  DEFAULT_SWEEP_OPTIONS,
  DEFAULT_TAG_READ_LIMIT,
  DEFAULT_SYNC_CONFIG,
  FailedEventsPort,
  NotifierPort,
  resilientContactsFor,
  SyncConfigPort,
  SyncStatePort,
  TOKENS,
  USE_CASE_WIRING,
} from '@contact-sync/domain';
import { Container } from 'inversify';
import { CliError } from './cli-error';

/** Where the CLI works: AWS (the management account and the stack's tables) or a simulated organization. */
export interface BackendSettings {
  readonly backend: 'aws' | 'memory';
  readonly profile?: string;
  readonly region?: string;
  readonly stateTable?: string;
  readonly auditTable?: string;
  readonly topicArn?: string;
  readonly failedEventsQueueUrl?: string;
  readonly workQueueUrl?: string;
  /** Runs this command starts are for the stack's workers: queued to its work queue and notified on its topic. */
  readonly deployedWorkers?: boolean;
  /** The command writes audit entries (sync): against AWS it needs the fingerprint key's secret. */
  readonly writesAudit?: boolean;
  readonly fingerprintSecret?: string;
  readonly seed: number;
  /** How long a sync waits, once it has taken its kinds over, for writes of older runs to land (see LaunchOptions.writeFenceMs); 15 s when unset. */
  readonly writeFenceMs?: number;
  /** Receives log lines (JSON) when set; otherwise logs are dropped. */
  readonly logSink?: (line: string) => void;
}

/** A composition root and the time its work runs in (virtual for the simulated organization). */
export interface Backend {
  readonly container: Container;
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The CLI's composition root: the same use cases as the Lambda functions. Work items are processed
 * here, in this process, through an in-memory queue (`sync` is its own worker), except for a command
 * whose runs are for the deployed workers (`replay-failed-events`), which queues them on the stack's.
 */
export async function openBackend(settings: BackendSettings): Promise<Backend> {
  const c = new Container({ defaultScope: 'Singleton' });
  const logger = new InMemoryLogger(settings.logSink);
  const metrics = new InMemoryMetrics();
  c.bind(TOKENS.Logger).toConstantValue(logger);
  c.bind(TOKENS.Metrics).toConstantValue(metrics);
  // An operator's run is launched and worked by this process, which no Lambda timeout bounds: one slice.
  // It supersedes the deployed service's runs, whose workers may have writes on their way: it waits them out too.
  c.bind(TOKENS.LaunchOptions).toConstantValue({
    ...DEFAULT_LAUNCH_OPTIONS,
    sliceMs: Number.POSITIVE_INFINITY,
    writeFenceMs: settings.writeFenceMs ?? DEFAULT_LAUNCH_OPTIONS.writeFenceMs,
  });
  c.bind(TOKENS.SweepOptions).toConstantValue(DEFAULT_SWEEP_OPTIONS);
  c.bind(TOKENS.TagReadLimit).toConstantValue(DEFAULT_TAG_READ_LIMIT);
  const run = settings.backend === 'memory' ? bindSimulated(c, settings) : await bindAws(c, settings);
  const { config } = await run(() => c.get<SyncConfigPort>(TOKENS.SyncConfig).load());
  c.bind(TOKENS.ResilientContacts).toDynamicValue((ctx) =>
    resilientContactsFor({
      contacts: ctx.get(TOKENS.Contacts),
      rates: config.rates,
      clock: ctx.get(TOKENS.Clock),
      sleeper: ctx.get(TOKENS.Sleeper),
      random: ctx.get(TOKENS.Random),
      metrics,
    }),
  );
  for (const [token, make] of USE_CASE_WIRING) c.bind(token).toDynamicValue((ctx) => make((t) => ctx.get(t)));
  return { container: c, run };
}

type Runner = <T>(work: () => Promise<T>) => Promise<T>;

function bindSimulated(c: Container, settings: BackendSettings): Runner {
  const random = new SeededRandom(settings.seed);
  const sim = createSimulatedAws({
    accounts: generateAccounts(DEFAULT_ORGANIZATION, random),
    seed: settings.seed + 1,
    config: DEFAULT_SYNC_CONFIG,
  });
  seedContacts(sim.model, DEFAULT_ORGANIZATION, random, sim.time.now());
  generateStructure(sim.model, new SeededRandom(settings.seed + 2));
  c.bind(TOKENS.Clock).toConstantValue(sim.time);
  c.bind(TOKENS.Sleeper).toConstantValue(sim.time);
  c.bind(TOKENS.Random).toConstantValue(sim.random);
  c.bind(TOKENS.WorkQueue).toConstantValue(new InMemoryWorkQueue());
  c.bind(TOKENS.FailedEvents).toConstantValue(new InMemoryFailedEvents());
  c.bind(TOKENS.Contacts).toConstantValue(sim.contacts);
  c.bind(TOKENS.Organization).toConstantValue(sim.organization);
  c.bind(TOKENS.OrganizationStructure).toConstantValue(sim.organization);
  c.bind(TOKENS.SyncConfig).toConstantValue(sim.syncConfig);
  c.bind(TOKENS.SyncState).toConstantValue(sim.syncState);
  c.bind(TOKENS.AuditLog).toConstantValue(sim.auditLog);
  c.bind(TOKENS.Notifier).toConstantValue(sim.notifier);
  c.bind(TOKENS.KeyedHash).toConstantValue(sim.keyedHash);
  c.bind(SIMULATED_AWS).toConstantValue(sim);
  return (work) => sim.time.run(work);
}

/** The simulated AWS behind the memory backend, for tests that look behind the CLI. */
export const SIMULATED_AWS = Symbol.for('contact-sync.cli.SimulatedAws');

async function bindAws(c: Container, settings: BackendSettings): Promise<Runner> {
  const clients = { profile: settings.profile, region: settings.region ?? 'us-east-1' };
  const clock = new SystemClock();
  const sleeper = new TimerSleeper();
  const doc = createDynamoDbClient(clients);
  c.bind(TOKENS.Clock).toConstantValue(clock);
  c.bind(TOKENS.Sleeper).toConstantValue(sleeper);
  c.bind(TOKENS.Random).toConstantValue(new CryptoRandom());
  c.bind(TOKENS.Contacts).toDynamicValue(() => new AccountManagementContacts(createAccountClient(clients)));
  c.bind(TOKENS.Organization).toDynamicValue(() => new OrganizationsOrganization(createOrganizationsClient(clients)));
  c.bind(TOKENS.OrganizationStructure).toDynamicValue((ctx) => ctx.get(TOKENS.Organization));
  c.bind<SyncConfigPort>(TOKENS.SyncConfig).toDynamicValue(
    () => new DynamoDbSyncConfig(doc, required(settings.stateTable, '--state-table', 'CONTACT_SYNC_STATE_TABLE')),
  );
  c.bind<SyncStatePort>(TOKENS.SyncState).toDynamicValue(
    () => new DynamoDbSyncState(doc, required(settings.stateTable, '--state-table', 'CONTACT_SYNC_STATE_TABLE'), clock, sleeper),
  );
  c.bind<AuditLogPort>(TOKENS.AuditLog).toDynamicValue(
    () => new DynamoDbAuditLog(doc, required(settings.auditTable, '--audit-table', 'CONTACT_SYNC_AUDIT_TABLE'), clock),
  );
  // Read before anything else happens, so that a sync without the key stops before it plans.
  const keyedHash = settings.writesAudit
    ? await loadKeyedHash(
        createSecretsManagerClient(clients),
        required(settings.fingerprintSecret, '--fingerprint-secret', 'CONTACT_SYNC_FINGERPRINT_SECRET'),
      )
    : undefined;
  c.bind(TOKENS.KeyedHash).toDynamicValue(() => keyedHash ?? missing('--fingerprint-secret', 'CONTACT_SYNC_FINGERPRINT_SECRET'));
  c.bind<NotifierPort>(TOKENS.Notifier).toDynamicValue(() =>
    settings.topicArn ? new SnsNotifier(createSnsClient(clients), settings.topicArn) : new InMemoryNotifier(),
  );
  c.bind<FailedEventsPort>(TOKENS.FailedEvents).toDynamicValue(
    () =>
      new SqsFailedEvents(
        createSqsClient(clients),
        required(settings.failedEventsQueueUrl, '--failed-events-queue-url', 'CONTACT_SYNC_FAILED_EVENTS_QUEUE_URL'),
      ),
  );
  if (settings.deployedWorkers) {
    const workQueueUrl = required(settings.workQueueUrl, '--work-queue-url', 'CONTACT_SYNC_WORK_QUEUE_URL');
    required(settings.topicArn, '--topic-arn', 'CONTACT_SYNC_TOPIC_ARN');
    c.bind(TOKENS.WorkQueue).toConstantValue(new SqsWorkQueue(createSqsClient(clients), workQueueUrl, sleeper));
  } else c.bind(TOKENS.WorkQueue).toConstantValue(new InMemoryWorkQueue());
  return (work) => work();
}

function required(value: string | undefined, flag: string, variable: string): string {
  return value || missing(flag, variable);
}

function missing(flag: string, variable: string): never {
  throw new CliError(
    'MISSING_SETTING',
    `${flag} is required with --backend aws (or set ${variable}); find it in the stack outputs: see docs/DEPLOYMENT.md`,
  );
}
