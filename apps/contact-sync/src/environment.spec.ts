import { DEFAULT_SYNC_CONFIG } from '@contact-sync/domain';
import { EnvironmentError, readLambdaEnvironment } from './environment';

const complete = {
  STATE_TABLE: 'state',
  AUDIT_TABLE: 'audit',
  WORK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/work',
  FAILED_EVENTS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111111111111/failed-events',
  NOTIFICATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:111111111111:topic',
  WORKER_CONCURRENCY: '2',
};

describe('readLambdaEnvironment', () => {
  it('reads a complete environment, with the default configuration when none is given', () => {
    expect(readLambdaEnvironment(complete)).toEqual({
      stateTable: 'state',
      auditTable: 'audit',
      workQueueUrl: complete.WORK_QUEUE_URL,
      failedEventsQueueUrl: complete.FAILED_EVENTS_QUEUE_URL,
      topicArn: complete.NOTIFICATION_TOPIC_ARN,
      workerConcurrency: 2,
      writeFenceMs: 15_000,
      initialConfig: DEFAULT_SYNC_CONFIG,
      serviceName: 'contact-sync',
      metricsNamespace: 'ContactSync',
      fingerprintSecretArn: undefined,
    });
  });

  it('reads the fingerprint key secret of a function that writes the audit', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:FingerprintSecret-AbCdEf';
    expect(readLambdaEnvironment({ ...complete, FINGERPRINT_SECRET_ARN: arn }).fingerprintSecretArn).toBe(arn);
    expect(readLambdaEnvironment({ ...complete, FINGERPRINT_SECRET_ARN: ' ' }).fingerprintSecretArn).toBeUndefined();
  });

  it.each(Object.keys(complete))('names %s when it is missing', (name) => {
    const env: Record<string, string> = { ...complete };
    delete env[name];
    expect(() => readLambdaEnvironment(env)).toThrow(new EnvironmentError(`environment variable ${name} is required but not set`));
  });

  it('names the variable and the rule for a bad number', () => {
    expect(() => readLambdaEnvironment({ ...complete, WORKER_CONCURRENCY: '1' })).toThrow(
      'environment variable WORKER_CONCURRENCY must be a whole number from 2 to 1000',
    );
  });

  it('names the variable and each bad field of the initial configuration', () => {
    expect(() => readLambdaEnvironment({ ...complete, INITIAL_SYNC_CONFIG: '{"kinds":["FAX"]}' })).toThrow(
      /INITIAL_SYNC_CONFIG: kinds\[0\]/,
    );
    expect(() => readLambdaEnvironment({ ...complete, INITIAL_SYNC_CONFIG: '{' })).toThrow(
      'environment variable INITIAL_SYNC_CONFIG must be a JSON sync configuration',
    );
    expect(() => readLambdaEnvironment({ ...complete, INITIAL_SYNC_CONFIG: '{"dryRun": true, "dryRun": false}' })).toThrow(
      'environment variable INITIAL_SYNC_CONFIG: dryRun: is given more than once in the same object (JSON would keep only the last)',
    );
  });
});
