import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { FinishRun, RunReport } from '@contact-sync/domain';
import { ManualTime } from '@contact-sync/domain/testing';
import { anOutcome, aReport, aRun } from '@contact-sync/port-contracts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbAuditLog } from '../dynamodb/dynamodb-audit-log';
import { DynamoDbSyncState } from '../dynamodb/dynamodb-sync-state';
import { PowertoolsLogger } from '../observability/powertools-logger';
import { PowertoolsMetrics } from '../observability/powertools-metrics';
import { AUDIT_TABLE, STATE_TABLE } from '../tables/table-definitions';
import { LocalDynamoDb, startLocalDynamoDb } from '../testing/local-dynamodb';
import { SnsNotifier } from './sns-notifier';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:contact-sync-notifications';
const notifier = () => new SnsNotifier(new SNSClient({ region: 'us-east-1' }), TOPIC);
const publishInput = () => sns.commandCalls(PublishCommand)[0]?.args[0].input;

describe('SnsNotifier', () => {
  it('publishes one message: subject, text and JSON bodies per protocol, priority as an attribute', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const report = aReport(aRun('chg-e1', 1));
    await notifier().notify(report, 'HIGH');
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const input = publishInput();
    expect(input).toEqual({
      TopicArn: TOPIC,
      Subject: 'Contact sync PARTIAL: 1 updated, 1 failed - chg-e1',
      MessageStructure: 'json',
      Message: expect.any(String),
      MessageAttributes: {
        priority: { DataType: 'String', StringValue: 'HIGH' },
        status: { DataType: 'String', StringValue: 'PARTIAL' },
        trigger: { DataType: 'String', StringValue: 'CHANGE' },
      },
    });
    const bodies = JSON.parse(input?.Message as string);
    expect(bodies.default).toBe(bodies.email);
    expect(bodies.email).toContain('333333333333  SECURITY  ACCESS_DENIED');
    expect(JSON.parse(bodies.sqs)).toMatchObject({
      type: 'contact-sync.run-finished',
      priority: 'HIGH',
      runId: 'chg-e1',
      failed: 1,
      failuresNotListed: 0,
    });
    expect(bodies.lambda).toBe(bodies.sqs);
  });

  it('keeps the subject under 100 characters and the failure list short for a huge run', async () => {
    sns.on(PublishCommand).resolves({});
    const failures = Array.from({ length: 5000 }, (_, i) => ({
      accountId: String(100_000_000_000 + i),
      kind: 'BILLING' as const,
      errorCode: 'THROTTLED',
    }));
    const report: RunReport = { ...aReport(aRun(`rec-${'x'.repeat(120)}`, 500)), failed: 5000, failures, status: 'FAILED' };
    await notifier().notify(report, 'HIGH');
    const input = publishInput();
    expect((input?.Subject as string).length).toBeLessThan(100);
    const bodies = JSON.parse(input?.Message as string);
    expect(JSON.parse(bodies.sqs)).toMatchObject({ failuresNotListed: 4950 });
    expect(bodies.email).toContain('... and 4950 more');
    expect(Buffer.byteLength(input?.Message as string)).toBeLessThan(256 * 1024);
  });

  it('says so in the text, and carries the flag in the JSON, when the launch never listed every member', async () => {
    sns.on(PublishCommand).resolves({});
    const report: RunReport = {
      ...aReport(aRun('chg-e2', 0)),
      updated: 0,
      failed: 0,
      failures: [],
      launchIncomplete: true,
      status: 'FAILED',
    };
    await notifier().notify(report, 'HIGH');
    const bodies = JSON.parse(publishInput()?.Message as string);
    expect(bodies.email).toContain(
      'Launch:    incomplete (listing the organization failed on every try; members not listed were not reached)',
    );
    expect(JSON.parse(bodies.sqs)).toMatchObject({ runId: 'chg-e2', status: 'FAILED', launchIncomplete: true });
  });

  it('says a cancelled run was cancelled, when, and that nothing of it was written after, in the subject, text and JSON', async () => {
    sns.on(PublishCommand).resolves({});
    const cancelledAt = '2026-11-22T09:05:00.000Z';
    const report: RunReport = {
      ...aReport(aRun('chg-e5', 2)),
      skipped: 3,
      skippedBy: { CANCELLED: 3 },
      failed: 0,
      failures: [],
      cancelledAt,
      status: 'CANCELLED',
    };
    await notifier().notify(report, 'NORMAL');
    const input = publishInput();
    expect(input?.Subject).toMatch(/^Contact sync CANCELLED: /);
    const bodies = JSON.parse(input?.Message as string);
    expect(bodies.email).toContain('Contact sync run chg-e5 CANCELLED.');
    expect(bodies.email).toContain(
      `Cancelled: ${cancelledAt} by an operator (the rest is SKIPPED CANCELLED; nothing of the run was written after it)`,
    );
    expect(bodies.email).toContain('  CANCELLED: 3');
    expect(JSON.parse(bodies.sqs)).toMatchObject({ runId: 'chg-e5', status: 'CANCELLED', cancelledAt, skippedBy: { CANCELLED: 3 } });
    expect(input?.MessageAttributes?.['status']).toEqual({ DataType: 'String', StringValue: 'CANCELLED' });
  });

  it('counts the skips by reason and rule in the text, and carries them in the JSON', async () => {
    sns.on(PublishCommand).resolves({});
    const skippedBy = { EXCLUDED_BY_ID: 2, 'EXCLUDED_BY_OU ou-ab12-sandbox01': 8 };
    const report: RunReport = { ...aReport(aRun('chg-e3', 4)), skipped: 10, skippedBy };
    await notifier().notify(report, 'NORMAL');
    const bodies = JSON.parse(publishInput()?.Message as string);
    expect(bodies.email).toContain('Skipped:   10\n  EXCLUDED_BY_ID: 2\n  EXCLUDED_BY_OU ou-ab12-sandbox01: 8\nFailed:');
    expect(JSON.parse(bodies.sqs)).toMatchObject({ skipped: 10, skippedBy });
  });

  // Dry run can be switched off (or on) mid-run: the message says what the outcomes say was written, not the mode the run started in.
  it.each([
    [
      'started in dry run, nothing written',
      { dryRun: true, updated: 0, planned: 7 },
      'Contact sync PARTIAL (dry run): 0 updated, 1 failed - chg-e4',
      ' (dry run: nothing was written).',
    ],
    [
      'dry run switched off mid-run',
      { dryRun: true, updated: 312, planned: 288 },
      'Contact sync PARTIAL (partly dry run): 312 updated, 1 failed - chg-e4',
      ' (dry run for part of the run: 312 written, 288 only planned).',
    ],
    [
      'dry run switched on mid-run',
      { dryRun: false, updated: 5, planned: 3 },
      'Contact sync PARTIAL (partly dry run): 5 updated, 1 failed - chg-e4',
      ' (dry run for part of the run: 5 written, 3 only planned).',
    ],
    ['live throughout', { dryRun: false, updated: 5, planned: 0 }, 'Contact sync PARTIAL: 5 updated, 1 failed - chg-e4', '.'],
  ])('says truthfully what was written when %s', async (_case, counts, subject, headline) => {
    sns.on(PublishCommand).resolves({});
    await notifier().notify({ ...aReport(aRun('chg-e4', 1)), ...counts }, 'HIGH');
    const input = publishInput();
    expect(input?.Subject).toBe(subject);
    const bodies = JSON.parse(input?.Message as string);
    expect(bodies.email.split('\n')[0]).toBe(`Contact sync run chg-e4 PARTIAL${headline}`);
    expect(JSON.parse(bodies.sqs)).toMatchObject(counts);
  });

  it('throws PUBLISH_FAILED naming the AWS error', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('denied'), { name: 'AuthorizationErrorException' }));
    await expect(notifier().notify(aReport(aRun('chg-e2', 1)), 'NORMAL')).rejects.toMatchObject({
      code: 'PUBLISH_FAILED',
      message: 'SNS Publish failed: AuthorizationErrorException',
    });
  });

  describe('when publishing fails at the end of a run', () => {
    let local: LocalDynamoDb;
    beforeAll(async () => {
      local = await startLocalDynamoDb();
    });
    afterAll(async () => local.stop());

    it('the report is still stored, and the failure logged and counted', async () => {
      sns.on(PublishCommand).rejects(Object.assign(new Error('down'), { name: 'InternalErrorException' }));
      const time = new ManualTime(Date.parse('2026-11-22T09:10:00.000Z'));
      const state = new DynamoDbSyncState(local.doc, await local.createTable(STATE_TABLE), time, time);
      await state.createRun(aRun('chg-e3', 1, { targetCount: 1, kinds: ['BILLING'] }));
      await state.recordOutcomes([anOutcome('chg-e3', '222222222222', 'BILLING', '2026-11-22T09:05:00.000Z')]);
      const logger = new PowertoolsLogger(new Logger({ serviceName: 'contact-sync' }));
      const metrics = new PowertoolsMetrics(new Metrics({ namespace: 'ContactSync', serviceName: 'contact-sync' }));
      const logged = jest.spyOn(logger.logger, 'error').mockImplementation(() => undefined);
      const counted = jest.spyOn(metrics.metrics, 'addMetric');

      const report = await new FinishRun(
        state,
        state,
        state,
        notifier(),
        time,
        logger,
        metrics,
        new DynamoDbAuditLog(local.doc, await local.createTable(AUDIT_TABLE), time),
      ).execute('chg-e3');

      expect(report).toMatchObject({ status: 'SUCCEEDED', updated: 1 });
      expect(await state.getRun('chg-e3')).toMatchObject({ status: 'FINISHED', report });
      expect(logged).toHaveBeenCalledWith('notification failed; the report is stored and the sweeper will notify again', {
        runId: 'chg-e3',
        error: 'AwsAdapterError',
      });
      expect(await state.listOpenRuns()).toEqual(['chg-e3']);
      expect(counted).toHaveBeenCalledWith('NotificationFailures', 'Count', 1);
    });
  });
});
