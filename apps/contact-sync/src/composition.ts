import 'reflect-metadata';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
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
  PowertoolsLogger,
  PowertoolsMetrics,
  SnsNotifier,
  SqsFailedEvents,
  SqsWorkQueue,
  SystemClock,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import {
  DEFAULT_SWEEP_OPTIONS,
  launchOptionsFor,
  resilientContactsFor,
  shareRateSettings,
  SyncConfigPort,
  tagReadLimitFor,
  TOKENS,
  USE_CASE_WIRING,
} from '@contact-sync/domain';
import { Container } from 'inversify';
import { EnvironmentError, FINGERPRINT_SECRET_VARIABLE, LambdaEnvironment } from './environment';

/** The container and the two adapters handlers use directly (to correlate logs and flush metrics). */
export interface LambdaRoot {
  readonly container: Container;
  readonly logger: PowertoolsLogger;
  readonly metrics: PowertoolsMetrics;
}

/**
 * The composition root of the Lambda functions: the domain's use cases wired to the AWS adapters.
 * It loads the configured quotas through the bound configuration port; each worker paces itself at
 * its share of them. A function given the fingerprint key's secret reads it here, once.
 */
export async function createLambdaRoot(env: LambdaEnvironment): Promise<LambdaRoot> {
  const c = new Container({ defaultScope: 'Singleton' });
  const clock = new SystemClock();
  const sleeper = new TimerSleeper();
  const logger = new PowertoolsLogger(new Logger({ serviceName: env.serviceName }));
  const metrics = new PowertoolsMetrics(new Metrics({ namespace: env.metricsNamespace, serviceName: env.serviceName }));
  const dynamo = createDynamoDbClient();
  c.bind(TOKENS.Clock).toConstantValue(clock);
  c.bind(TOKENS.Sleeper).toConstantValue(sleeper);
  c.bind(TOKENS.Random).toConstantValue(new CryptoRandom());
  c.bind(TOKENS.Logger).toConstantValue(logger);
  c.bind(TOKENS.Metrics).toConstantValue(metrics);
  c.bind(TOKENS.Contacts).toDynamicValue(() => new AccountManagementContacts(createAccountClient()));
  c.bind(TOKENS.Organization).toDynamicValue(() => new OrganizationsOrganization(createOrganizationsClient()));
  c.bind(TOKENS.OrganizationStructure).toDynamicValue((ctx) => ctx.get(TOKENS.Organization));
  c.bind(TOKENS.TagReadLimit).toConstantValue(tagReadLimitFor(env.workerConcurrency));
  c.bind(TOKENS.SyncConfig).toDynamicValue(() => new DynamoDbSyncConfig(dynamo, env.stateTable, env.initialConfig));
  c.bind(TOKENS.SyncState).toDynamicValue(() => new DynamoDbSyncState(dynamo, env.stateTable, clock, sleeper));
  c.bind(TOKENS.AuditLog).toDynamicValue(() => new DynamoDbAuditLog(dynamo, env.auditTable, clock));
  c.bind(TOKENS.WorkQueue).toDynamicValue(() => new SqsWorkQueue(createSqsClient(), env.workQueueUrl, sleeper));
  c.bind(TOKENS.FailedEvents).toDynamicValue(() => new SqsFailedEvents(createSqsClient(), env.failedEventsQueueUrl));
  c.bind(TOKENS.Notifier).toDynamicValue(() => new SnsNotifier(createSnsClient(), env.topicArn));
  c.bind(TOKENS.LaunchOptions).toConstantValue({ ...launchOptionsFor(env.workerConcurrency), writeFenceMs: env.writeFenceMs });
  c.bind(TOKENS.SweepOptions).toConstantValue(DEFAULT_SWEEP_OPTIONS);
  // Only the functions that write the audit are given the key's secret (and may read it).
  const keyedHash = env.fingerprintSecretArn ? await loadKeyedHash(createSecretsManagerClient(), env.fingerprintSecretArn) : undefined;
  c.bind(TOKENS.KeyedHash).toDynamicValue(() => {
    if (!keyedHash)
      throw new EnvironmentError(`environment variable ${FINGERPRINT_SECRET_VARIABLE} is required by this function but not set`);
    return keyedHash;
  });
  const { config } = await c.get<SyncConfigPort>(TOKENS.SyncConfig).load();
  c.bind(TOKENS.ResilientContacts).toDynamicValue((ctx) =>
    resilientContactsFor({
      contacts: ctx.get(TOKENS.Contacts),
      rates: shareRateSettings(config.rates, env.workerConcurrency),
      clock,
      sleeper,
      random: ctx.get(TOKENS.Random),
      metrics,
    }),
  );
  for (const [token, make] of USE_CASE_WIRING) c.bind(token).toDynamicValue((ctx) => make((t) => ctx.get(t)));
  return { container: c, logger, metrics };
}
