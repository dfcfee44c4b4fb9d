import {
  AwsOperatorIdentity,
  createOrganizationsClient,
  createSecretsManagerClient,
  createStsClient,
  loadKeyedHash,
  loadUndoCipher,
} from '@contact-sync/adapters-aws';
import {
  InMemoryMetrics,
  InMemoryLogger,
  InMemoryNotifier,
  InMemoryOperatorIdentity,
  InMemoryWorkQueue,
} from '@contact-sync/adapters-memory';
import {
  AwsSetting,
  awsAdaptersModule,
  createSimulatedAws,
  SimulatedAws,
  simulatedAwsModule,
  Token,
  TOKENS,
} from '@contact-sync/composition';
import { DEFAULT_SYNC_CONFIG, SyncConfig, syncConfigOf, toSyncConfigJson } from '@contact-sync/domain';
import { DEFAULT_ORGANIZATION, generateAccounts, generateStructure, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { ContainerModule } from 'inversify';
import { BackendSettings, OPERATOR_IDENTITY, Runner, SETTING_SOURCES, SettingSource } from './backend';
import { CliError } from './cli-error';

/** The ports of one backend and the time its work runs in. */
export interface BackendModules {
  readonly modules: readonly ContainerModule[];
  readonly run: Runner;
}

/** The simulated AWS behind the memory backend, for tests that look behind the CLI. */
export const SIMULATED_AWS = Symbol.for('contact-sync.cli.SimulatedAws') as Token<SimulatedAws>;

/** The simulated organization's id (the simulated Organizations service's ARNs name it too). */
export const SIMULATED_ORGANIZATION_ID = 'o-simulated';

/** A simulated organization (the built-in one, seeded), fresh for each command; its work runs in virtual time. */
export function memoryBackend(settings: BackendSettings): BackendModules {
  const random = new SeededRandom(settings.seed);
  const sim = createSimulatedAws({
    accounts: generateAccounts(DEFAULT_ORGANIZATION, random),
    seed: settings.seed + 1,
    config: DEFAULT_SYNC_CONFIG,
    logSink: settings.logSink,
  });
  seedContacts(sim.model, DEFAULT_ORGANIZATION, random, sim.time.now());
  // Its own draws, so that the accounts and contacts above are those of the same seed before OUs existed.
  generateStructure(sim.model, new SeededRandom(settings.seed + 2));
  const management = sim.model.managementAccountId;
  const local = new ContainerModule(({ bind }) => {
    bind(InMemoryWorkQueue).toConstantValue(sim.workQueue);
    bind(SIMULATED_AWS).toConstantValue(sim);
    // The simulated organization's ids, and an IAM user of its management account named after the local user.
    bind(OPERATOR_IDENTITY).toConstantValue(
      new InMemoryOperatorIdentity(`arn:aws:iam::${management}:user/${settings.localUser ?? 'operator'}`, {
        organizationId: SIMULATED_ORGANIZATION_ID,
        managementAccountId: management,
      }),
    );
  });
  return { modules: [simulatedAwsModule(sim), local], run: (work) => sim.time.run(work) };
}

/**
 * What the CLI takes for the configuration in force against AWS while none is stored and it was not
 * given the stage's initial one: the defaults in dry run. Every stage's initial configuration is in
 * dry run unless its operator changed stages.yml, and a CLI that cannot know must not start a
 * configuration change, or a sync, from one that writes.
 */
export const UNKNOWN_STAGE_CONFIG: SyncConfig = syncConfigOf({ ...toSyncConfigJson(DEFAULT_SYNC_CONFIG), dryRun: true });

/** The flag and the variable of each setting an AWS adapter may find missing. */
const SOURCES: Readonly<Record<AwsSetting, SettingSource>> = {
  stateTable: SETTING_SOURCES.stateTable,
  auditTable: SETTING_SOURCES.auditTable,
  failedEventsQueueUrl: SETTING_SOURCES.failedEventsQueueUrl,
  keyedHash: SETTING_SOURCES.fingerprintSecret,
  cipher: SETTING_SOURCES.undoKeySecret,
};

/**
 * The management account's APIs and the stack's resources. Runs are worked by this process through
 * an in-memory queue (`sync` is its own worker), except when they are for the deployed workers
 * (`replay-failed-events`): then they go to the stack's work queue and are notified on its topic, and
 * the failed events are read from the failure queue and the events dead-letter queue.
 */
export async function awsBackend(settings: BackendSettings): Promise<BackendModules> {
  const clients = { profile: settings.profile, region: settings.region ?? 'us-east-1' };
  // Read before anything else happens, so that a sync without the key stops before it plans.
  const keyedHash =
    settings.writesAudit || settings.fingerprintsValues
      ? await loadKeyedHash(createSecretsManagerClient(clients), required(settings.fingerprintSecret, SOURCES.keyedHash))
      : undefined;
  // The undo key too: a write is never made without sealing the member's previous value first.
  const cipher = settings.keepsPreviousValues
    ? await loadUndoCipher(createSecretsManagerClient(clients), required(settings.undoKeySecret, SETTING_SOURCES.undoKeySecret))
    : undefined;
  const workQueueUrl = settings.deployedWorkers ? required(settings.workQueueUrl, SETTING_SOURCES.workQueueUrl) : undefined;
  if (settings.deployedWorkers) required(settings.topicArn, SETTING_SOURCES.topicArn);
  // The replay reads both queues of events the stack never handled: asked for here, so that it never
  // silently leaves the dead-letter queue out.
  if (settings.deployedWorkers) required(settings.eventsDeadLetterQueueUrl, SETTING_SOURCES.eventsDeadLetterQueueUrl);
  const aws = awsAdaptersModule({
    ...settings,
    clients,
    workQueueUrl,
    keyedHash,
    cipher,
    initialConfig: settings.initialConfig ?? UNKNOWN_STAGE_CONFIG,
    missing: (setting) => missing(SOURCES[setting]),
  });
  const local = new ContainerModule(({ bind }) => {
    bind(TOKENS.Logger).toConstantValue(new InMemoryLogger(settings.logSink));
    bind(TOKENS.Metrics).toConstantValue(new InMemoryMetrics());
    bind(OPERATOR_IDENTITY).toConstantValue(new AwsOperatorIdentity(createStsClient(clients), createOrganizationsClient(clients)));
    if (!settings.topicArn) bind(TOKENS.Notifier).toConstantValue(new InMemoryNotifier());
    if (workQueueUrl) return;
    bind(InMemoryWorkQueue).toConstantValue(new InMemoryWorkQueue());
    bind(TOKENS.WorkQueue).toService(InMemoryWorkQueue);
  });
  return { modules: [aws, local], run: (work) => work() };
}

function required(value: string | undefined, source: SettingSource): string {
  if (!value) throw missing(source);
  return value;
}

const missing = ([option, variable]: SettingSource): CliError =>
  new CliError(
    'MISSING_SETTING',
    `--${option} is required with --backend aws (or set ${variable}); find it in the stack outputs: see docs/DEPLOYMENT.md`,
  );
