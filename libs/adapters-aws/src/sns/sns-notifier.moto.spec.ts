import { aRunReport } from '@contact-sync/port-contracts';
import { createSnsClient } from '../clients';
import { createMotoStack } from '../testing/moto-stack';
import { drainMotoQueue, subscribeMotoQueue } from '../testing/moto-messages';
import { useMotoServer } from '../testing/use-moto-server';
import { notificationSubject } from './run-notification';
import { SnsNotifier } from './sns-notifier';

const moto = useMotoServer();

let topicArn: string;
let notifier: SnsNotifier;
beforeEach(async () => {
  await moto.reset();
  const stack = await createMotoStack(moto.clientOptions, {
    NotificationTopic: {
      Type: 'AWS::SNS::Topic',
      Properties: { TopicName: 'contact-sync-test-notifications', DisplayName: 'Contact Sync' },
    },
  });
  topicArn = stack.refs['NotificationTopic'] as string;
  notifier = new SnsNotifier(moto.client(createSnsClient), topicArn);
});

const envelopes = async (queueUrl: string) => (await drainMotoQueue(moto.clientOptions, queueUrl)).map(({ body }) => JSON.parse(body));

describe('SnsNotifier on moto: what subscribers receive', () => {
  it('gives an SQS subscriber the subject, the filterable attributes and the report as JSON, and nothing else', async () => {
    const queueUrl = await subscribeMotoQueue(moto.clientOptions, topicArn, 'everything');
    const report = aRunReport('chg-e1');
    await notifier.notify(report, 'HIGH');
    const [envelope, ...more] = await envelopes(queueUrl);
    expect(more).toEqual([]);
    expect(envelope).toEqual({
      Type: 'Notification',
      MessageId: expect.any(String),
      TopicArn: topicArn,
      Subject: notificationSubject(report),
      Message: expect.any(String),
      MessageAttributes: {
        priority: { Type: 'String', Value: 'HIGH' },
        status: { Type: 'String', Value: 'PARTIAL' },
        trigger: { Type: 'String', Value: 'CHANGE' },
      },
      Timestamp: expect.any(String),
      SignatureVersion: expect.any(String),
      Signature: expect.any(String),
      SigningCertURL: expect.any(String),
      UnsubscribeURL: expect.any(String),
    });
    expect(envelope.Subject).toBe('Contact sync PARTIAL: 1 updated, 1 failed - chg-e1');
    // The whole message is the report: ids, kinds, counts and codes, so no room for a contact value.
    expect(JSON.parse(envelope.Message)).toEqual({ type: 'contact-sync.run-finished', priority: 'HIGH', ...report, failuresNotListed: 0 });
  });

  it('lets subscriptions filter on priority, status and trigger', async () => {
    const high = await subscribeMotoQueue(moto.clientOptions, topicArn, 'high-only', { priority: ['HIGH'] });
    const reconcile = await subscribeMotoQueue(moto.clientOptions, topicArn, 'reconcile-succeeded', {
      status: ['SUCCEEDED'],
      trigger: ['RECONCILE'],
    });
    await notifier.notify(aRunReport('chg-partial'), 'HIGH');
    await notifier.notify(aRunReport('rec-clean', { trigger: 'RECONCILE', failed: 0, failures: [], status: 'SUCCEEDED' }), 'NORMAL');
    await notifier.notify(aRunReport('chg-clean', { failed: 0, failures: [], status: 'SUCCEEDED' }), 'NORMAL');
    const runIds = async (queueUrl: string) => (await envelopes(queueUrl)).map((e) => JSON.parse(e.Message).runId);
    expect(await runIds(high)).toEqual(['chg-partial']);
    expect(await runIds(reconcile)).toEqual(['rec-clean']);
  });

  it('lists 50 failures of a larger run and counts the rest', async () => {
    const queueUrl = await subscribeMotoQueue(moto.clientOptions, topicArn, 'big');
    const failures = Array.from({ length: 60 }, (_, i) => ({
      accountId: String(100_000_000_000 + i),
      kind: 'BILLING' as const,
      errorCode: 'THROTTLED',
    }));
    const report = aRunReport('rec-big', { targeted: 60, updated: 0, failed: 60, failures, status: 'FAILED' });
    await notifier.notify(report, 'HIGH');
    const [envelope] = await envelopes(queueUrl);
    expect(JSON.parse(envelope.Message)).toEqual({
      type: 'contact-sync.run-finished',
      priority: 'HIGH',
      ...report,
      failures: failures.slice(0, 50),
      failuresNotListed: 10,
    });
  });
});
