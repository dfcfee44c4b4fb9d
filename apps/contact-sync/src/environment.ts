import { AppError } from '@contact-sync/functions';
import {
  DEFAULT_LAUNCH_OPTIONS,
  DEFAULT_SYNC_CONFIG,
  MAX_WRITE_FENCE_MS,
  formatIssues,
  parseSyncConfigText,
  SyncConfig,
} from '@contact-sync/domain';

/** A required environment variable is missing or malformed; the message names it. */
export class EnvironmentError extends AppError {
  override readonly name = 'EnvironmentError';

  constructor(message: string) {
    super('INVALID_ENVIRONMENT', message);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** The value of `name`; throws naming the variable when it is unset or empty. */
export function requiredString(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new EnvironmentError(`environment variable ${name} is required but not set`);
  return value;
}

/** The value of `name`, or undefined when it is unset or empty. */
export function optionalString(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A whole number in [min, max]; throws naming the variable and the rule. */
export function requiredInteger(env: Env, name: string, min: number, max: number): number {
  const text = requiredString(env, name);
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new EnvironmentError(`environment variable ${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/** A whole number in [min, max], or `fallback` when the variable is unset; throws naming the variable and the rule. */
export function optionalInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  return env[name] === undefined || env[name] === '' ? fallback : requiredInteger(env, name, min, max);
}

/** A sync configuration given as JSON; throws naming the variable and each bad field. Unset: the defaults. */
export function optionalSyncConfig(env: Env, name: string): SyncConfig {
  const text = env[name];
  if (text === undefined || text.trim() === '') return DEFAULT_SYNC_CONFIG;
  // A key given twice is refused and named, not read as its last value.
  const parsed = parseSyncConfigText(text);
  if (!parsed.ok && parsed.error.issues[0]?.field === '(text)')
    throw new EnvironmentError(`environment variable ${name} must be a JSON sync configuration`);
  if (!parsed.ok) throw new EnvironmentError(`environment variable ${name}: ${formatIssues(parsed.error.issues)}`);
  return parsed.value;
}

/** The variable naming the fingerprint key's secret. */
export const FINGERPRINT_SECRET_VARIABLE = 'FINGERPRINT_SECRET_ARN';

/**
 * The error for a setting an adapter needs and the function was not given: only the fingerprint key
 * can be (every other setting is required by {@link readLambdaEnvironment}).
 */
export const missingFingerprintKey = (): EnvironmentError =>
  new EnvironmentError(`environment variable ${FINGERPRINT_SECRET_VARIABLE} is required by this function but not set`);

/** The variable naming the undo key's secret (the members' previous values are sealed with it). */
export const UNDO_KEY_SECRET_VARIABLE = 'UNDO_KEY_SECRET_ARN';

/** The error for a secret an adapter needs and the function was not given: the fingerprint key or the undo key. */
export const missingKey = (setting: string): EnvironmentError =>
  setting === 'cipher'
    ? new EnvironmentError(`environment variable ${UNDO_KEY_SECRET_VARIABLE} is required by this function but not set`)
    : missingFingerprintKey();

/** What every handler needs to know, read once per cold start. */
export interface LambdaEnvironment {
  readonly stateTable: string;
  readonly auditTable: string;
  readonly workQueueUrl: string;
  /** The asynchronous functions' on-failure destination, which the sweeper replays. */
  readonly failedEventsQueueUrl: string;
  readonly topicArn: string;
  /** The worker function's maximum concurrency: each worker paces itself at this share of the quotas. */
  readonly workerConcurrency: number;
  /** How long a run that takes a kind over waits before reading (see LaunchOptions.writeFenceMs). */
  readonly writeFenceMs: number;
  /** The configuration that applies until one is stored. */
  readonly initialConfig: SyncConfig;
  readonly serviceName: string;
  readonly metricsNamespace: string;
  /** The Secrets Manager secret holding the audit fingerprint key; set only for the functions that write the audit. */
  readonly fingerprintSecretArn: string | undefined;
  /** The Secrets Manager secret holding the undo key; set only for the function that writes member contacts. */
  readonly undoKeySecretArn: string | undefined;
}

export function readLambdaEnvironment(env: Env = process.env): LambdaEnvironment {
  return {
    stateTable: requiredString(env, 'STATE_TABLE'),
    auditTable: requiredString(env, 'AUDIT_TABLE'),
    workQueueUrl: requiredString(env, 'WORK_QUEUE_URL'),
    failedEventsQueueUrl: requiredString(env, 'FAILED_EVENTS_QUEUE_URL'),
    topicArn: requiredString(env, 'NOTIFICATION_TOPIC_ARN'),
    workerConcurrency: requiredInteger(env, 'WORKER_CONCURRENCY', 2, 1000),
    writeFenceMs: optionalInteger(env, 'WRITE_FENCE_MS', DEFAULT_LAUNCH_OPTIONS.writeFenceMs, 0, MAX_WRITE_FENCE_MS),
    initialConfig: optionalSyncConfig(env, 'INITIAL_SYNC_CONFIG'),
    serviceName: env['POWERTOOLS_SERVICE_NAME'] || 'contact-sync',
    metricsNamespace: env['POWERTOOLS_METRICS_NAMESPACE'] || 'ContactSync',
    fingerprintSecretArn: optionalString(env, FINGERPRINT_SECRET_VARIABLE),
    undoKeySecretArn: optionalString(env, UNDO_KEY_SECRET_VARIABLE),
  };
}
