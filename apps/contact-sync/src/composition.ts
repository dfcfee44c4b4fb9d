import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createSecretsManagerClient, loadKeyedHash, loadUndoCipher, PowertoolsLogger, PowertoolsMetrics } from '@contact-sync/adapters-aws';
import { awsAdaptersModule, TOKENS, useCasesModule } from '@contact-sync/composition';
import { DEFAULT_SWEEP_OPTIONS, launchOptionsFor, shareRateSettings, tagReadLimitFor } from '@contact-sync/domain';
import { Container } from 'inversify';
import { LambdaEnvironment, missingKey } from './environment';

/** The container and the two adapters the handler wrapper uses directly (the Lambda context in logs, the metrics flush). */
export interface LambdaRoot {
  readonly container: Container;
  readonly logger: PowertoolsLogger;
  readonly metrics: PowertoolsMetrics;
}

/**
 * The composition root of the Lambda functions: the use cases on the AWS adapters. Each worker paces
 * itself at its share of the configured quotas, loaded here. Only the functions that write the audit
 * are given the fingerprint key's secret (and may read it): it is read here, once.
 */
export async function createLambdaRoot(env: LambdaEnvironment): Promise<LambdaRoot> {
  const container = new Container({ defaultScope: 'Singleton' });
  const logger = new PowertoolsLogger(new Logger({ serviceName: env.serviceName }));
  const metrics = new PowertoolsMetrics(new Metrics({ namespace: env.metricsNamespace, serviceName: env.serviceName }));
  const keyedHash = env.fingerprintSecretArn ? await loadKeyedHash(createSecretsManagerClient(), env.fingerprintSecretArn) : undefined;
  // The undo key likewise: only the worker, which writes member contacts, is given it.
  const cipher = env.undoKeySecretArn ? await loadUndoCipher(createSecretsManagerClient(), env.undoKeySecretArn) : undefined;
  container.loadSync(useCasesModule, awsAdaptersModule({ ...env, keyedHash, cipher, missing: missingKey }));
  container.bind(TOKENS.Logger).toConstantValue(logger);
  container.bind(TOKENS.Metrics).toConstantValue(metrics);
  container.bind(TOKENS.LaunchOptions).toConstantValue({ ...launchOptionsFor(env.workerConcurrency), writeFenceMs: env.writeFenceMs });
  container.bind(TOKENS.SweepOptions).toConstantValue(DEFAULT_SWEEP_OPTIONS);
  container.bind(TOKENS.TagReadLimit).toConstantValue(tagReadLimitFor(env.workerConcurrency));
  const { config } = await container.get(TOKENS.SyncConfig).load();
  container.bind(TOKENS.Rates).toConstantValue(shareRateSettings(config.rates, env.workerConcurrency));
  return { container, logger, metrics };
}
