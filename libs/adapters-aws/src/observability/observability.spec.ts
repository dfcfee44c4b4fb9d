import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PowertoolsLogger } from './powertools-logger';
import { PowertoolsMetrics } from './powertools-metrics';
import { captureOutput } from '../testing/capture-output';

const stdoutOf = async (work: () => void | Promise<void>): Promise<string[]> => (await captureOutput(work)).lines;

afterEach(() => jest.restoreAllMocks());

describe('PowertoolsLogger', () => {
  it('writes structured JSON with the service, level, fields and correlation id', async () => {
    const logger = new PowertoolsLogger(new Logger({ serviceName: 'contact-sync', logLevel: 'DEBUG' }));
    const lines = await stdoutOf(() => {
      logger.correlate('evt-123');
      logger.info('run started', { runId: 'chg-evt-123', accounts: 12, kinds: ['BILLING'] });
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'INFO',
      message: 'run started',
      service: 'contact-sync',
      correlation_id: 'evt-123',
      runId: 'chg-evt-123',
      accounts: 12,
      kinds: ['BILLING'],
    });
  });

  it('never writes contact values, by field name or by shape', async () => {
    const logger = new PowertoolsLogger(new Logger({ serviceName: 'contact-sync' }));
    const lines = await stdoutOf(() => {
      logger.warn('write refused for sam@example.com', {
        EmailAddress: 'sam@example.com',
        FullName: 'Sam Secure',
        detail: 'call +1 206 555 0100',
        accountId: '222222222222',
      });
    });
    const output = lines.join('\n');
    for (const value of ['sam@example.com', 'Sam Secure', '206 555 0100']) expect(output).not.toContain(value);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ accountId: '222222222222', EmailAddress: '[redacted]', FullName: '[redacted]' });
  });
});

describe('PowertoolsMetrics', () => {
  it('publishes EMF with each metric in its unit under the namespace', async () => {
    const metrics = new PowertoolsMetrics(new Metrics({ namespace: 'ContactSync', serviceName: 'contact-sync' }));
    const lines = await stdoutOf(async () => {
      metrics.add('Updated', 3);
      metrics.add('Updated', 2);
      metrics.add('Throttled');
      metrics.add('RunDurationMs', 1500);
      await metrics.flush();
    });
    const emf = JSON.parse(lines.find((l) => l.includes('_aws')) as string);
    expect(emf._aws.CloudWatchMetrics[0].Namespace).toBe('ContactSync');
    expect(emf._aws.CloudWatchMetrics[0].Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'Updated', Unit: 'Count' },
        { Name: 'Throttled', Unit: 'Count' },
        { Name: 'RunDurationMs', Unit: 'Milliseconds' },
      ]),
    );
    expect(emf).toMatchObject({ Updated: [3, 2], Throttled: 1, RunDurationMs: 1500, service: 'contact-sync' });
  });
});
