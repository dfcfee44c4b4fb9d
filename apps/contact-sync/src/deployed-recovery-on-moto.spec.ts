import { DeleteTopicCommand } from '@aws-sdk/client-sns';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createSnsClient, createSqsClient } from '@contact-sync/adapters-aws';
import {
  createMotoStack,
  drainMotoQueue,
  putMotoAlternateContact,
  subscribeMotoQueue,
  TemplateResource,
} from '@contact-sync/adapters-aws/testing';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { DEPLOYMENT } from '@contact-sync/functions';
import { contactOf, E2E_TIMEOUT_MS, personalDataOf, seedOrganization, SeededOrganization, useDeployedStack } from './testing/e2e-fixture';
import { contactsIn, expectNoPersonalData, readRunRecord, RunRecord, updateStoredRun } from './testing/e2e-readers';

// What the deployed stack does when delivery goes wrong, with the packaged functions on moto (see
// deployed-on-moto.spec.ts): a worker that leaves its record for redelivery, a record no worker can
// read, work items that never reach a worker, and a notification that cannot be sent. The sweeper
// is invoked as its schedule would invoke it.
const e2e = useDeployedStack({ WRITE_FENCE_MS: '0' });

const OLD = contactOf('SECURITY', 'Olivia Old');
const NEW = contactOf('SECURITY', 'Sam New');
const PERSONAL = personalDataOf([OLD, NEW]);
const MEMBERS = 4;

/** Four members holding the old SECURITY contact, and the management account's change to the new one, emitted. */
async function startChange(eventId: string): Promise<SeededOrganization> {
  const org = await seedOrganization(e2e.moto.clientOptions, { active: MEMBERS, management: [OLD], members: () => [OLD] });
  await putMotoAlternateContact(e2e.moto.clientOptions, NEW);
  const event = contactWriteEvent({
    eventId,
    alternateContactType: 'SECURITY',
    managementAccountId: org.management,
    eventTime: new Date().toISOString(),
  });
  expect(await e2e.stack.emit(event)).toEqual([{ functionName: 'contactChange', result: { status: 'STARTED', runId: `chg-${eventId}` } }]);
  return org;
}

/** The run finished with every member updated, one notification and one audit entry per member. */
async function expectSynced(org: SeededOrganization, runId: string): Promise<RunRecord> {
  expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual(org.active.map(() => NEW));
  const record = await readRunRecord(e2e, runId);
  expect(record.run).toMatchObject({
    status: 'FINISHED',
    notified: true,
    report: { targeted: MEMBERS, updated: MEMBERS, failed: 0, missing: 0, status: 'SUCCEEDED' },
  });
  expect(record.notifications.map((n) => [n.priority, n.report.runId, n.report.updated])).toEqual([['NORMAL', runId, MEMBERS]]);
  expect(record.audit.map((e) => [e.accountId, e.status]).sort()).toEqual(org.active.map((id) => [id, 'UPDATED']).sort());
  expectNoPersonalData(e2e, record, PERSONAL);
  return record;
}

/**
 * Lambda's record of an asynchronous invocation that failed its last retry, as the function's
 * on-failure destination (the stack's FailedEventsQueue) receives it: the event in requestPayload.
 */
const destinationRecord = (functionName: string, event: unknown) => ({
  version: '1.0',
  timestamp: new Date().toISOString(),
  requestContext: {
    requestId: 'c0ffee00-0000-4000-8000-000000000001',
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:contact-sync-dev-${functionName}:$LATEST`,
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload: event,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: { errorType: 'AwsAdapterError', errorMessage: 'DynamoDB PutItem failed: ServiceUnavailable' },
});

const sweep = () => e2e.stack.functions['sweepRuns']?.invoke({ id: 'sweep', source: 'aws.events', 'detail-type': 'Scheduled Event' });
const workQueue = () => e2e.stack.packaged.stack.refs['WorkQueue'] as string;

describe('the packaged functions on moto, when delivery goes wrong', () => {
  it(
    'a worker out of time returns its record in batchItemFailures; the record is delivered again and the run finishes',
    async () => {
      const org = await startChange('e2e-late');
      // The same function deployed with a timeout no longer than the handler's safety margin: it has
      // no time for a single call, so it leaves the item, as a worker near its timeout does.
      const outOfTime = e2e.stack.withTimeout('accountWorker', DEPLOYMENT.deadlineMarginMs / 1000);
      const first = await e2e.stack.work.deliverOnce(outOfTime);
      expect(first?.records.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1']);
      expect(first?.returned).toEqual(first?.records.map((r) => r.messageId));
      expect(first?.functionError).toBeUndefined();
      expect(await contactsIn(e2e, org.active, 'SECURITY')).toEqual(org.active.map(() => OLD));

      expect(await e2e.stack.work.drain()).toMatchObject({ invocations: 1, records: 1, returned: 0 });
      await expectSynced(org, 'chg-e2e-late');
      expect(outOfTime.logs.some((line) => line.includes('work item left for a later delivery'))).toBe(true);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'a record no worker can read is returned on every delivery until SQS moves it to the dead-letter queue; the run finishes',
    async () => {
      const org = await startChange('e2e-poison');
      await e2e.moto.client(createSqsClient).send(new SendMessageCommand({ QueueUrl: workQueue(), MessageBody: '{"runId":' }));

      // maxReceiveCount is 5 in the stack: five deliveries return it, and the sixth receive moves it.
      expect(await e2e.stack.work.drain()).toMatchObject({ records: 6, returned: 5, functionErrors: 0 });
      await expectSynced(org, 'chg-e2e-poison');
      const dlq = await drainMotoQueue(e2e.moto.clientOptions, e2e.stack.packaged.stack.refs['WorkDeadLetterQueue'] as string);
      expect(dlq.map((m) => m.body)).toEqual(['{"runId":']);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'the sweeper enqueues again the items of a run that stalled because its messages were lost, and the run finishes',
    async () => {
      const org = await startChange('e2e-lost');
      expect(await drainMotoQueue(e2e.moto.clientOptions, workQueue())).toHaveLength(1);
      expect(await sweep()).toMatchObject({ open: 1, redriven: 0, finished: 0 });

      // The sweeper's stall limit (45 minutes without progress) has passed.
      await updateStoredRun(e2e, 'chg-e2e-lost', { progressAt: new Date(Date.now() - 60 * 60_000).toISOString() });
      expect(await sweep()).toMatchObject({ open: 1, redriven: 1, finished: 0, errors: 0 });
      expect(await e2e.stack.work.drain()).toMatchObject({ records: 1, returned: 0 });
      const record = await expectSynced(org, 'chg-e2e-lost');
      expect(record.run?.redrives).toBe(1);
      expect(await sweep()).toMatchObject({ open: 0 });
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'the sweeper replays a change that failed every attempt and landed in the failure queue: the run starts and finishes, and the queue is emptied',
    async () => {
      const org = await seedOrganization(e2e.moto.clientOptions, { active: MEMBERS, management: [OLD], members: () => [OLD] });
      await putMotoAlternateContact(e2e.moto.clientOptions, NEW);
      // The change as the stack's rule delivered it to contactChange, which failed on every attempt.
      const [routed] = await e2e.stack.events.publish(
        contactWriteEvent({
          eventId: 'e2e-failed',
          alternateContactType: 'SECURITY',
          managementAccountId: org.management,
          eventTime: new Date().toISOString(),
        }),
      );
      expect(routed?.functionName).toBe('contactChange');
      const failedEvents = e2e.stack.packaged.stack.refs['FailedEventsQueue'] as string;
      await e2e.moto.client(createSqsClient).send(
        new SendMessageCommand({
          QueueUrl: failedEvents,
          MessageBody: JSON.stringify(destinationRecord('contactChange', routed?.event)),
        }),
      );

      expect(await sweep()).toMatchObject({ replay: { received: 1, replayed: 1, failed: 0, dropped: 0, runIds: ['chg-e2e-failed'] } });
      expect(await drainMotoQueue(e2e.moto.clientOptions, failedEvents)).toEqual([]);
      expect(await e2e.stack.work.drain()).toMatchObject({ records: 1, returned: 0 });
      await expectSynced(org, 'chg-e2e-failed');
      expect(await sweep()).toMatchObject({ open: 0 });
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'the sweeper sends the notification of a run finished while the topic was unavailable, once',
    async () => {
      const org = await startChange('e2e-unnotified');
      const topicArn = e2e.stack.packaged.stack.refs['NotificationTopic'] as string;
      await e2e.moto.client(createSnsClient).send(new DeleteTopicCommand({ TopicArn: topicArn }));

      expect(await e2e.stack.work.drain()).toMatchObject({ records: 1, returned: 0 });
      const unnotified = await readRunRecord(e2e, 'chg-e2e-unnotified');
      expect([unnotified.run?.status, unnotified.run?.notified, unnotified.notifications]).toEqual(['FINISHED', undefined, []]);
      expect(
        e2e.stack.logs().some((line) => line.includes('notification failed; the report is stored and the sweeper will notify again')),
      ).toBe(true);

      // The topic is back (the stack's own definition), with its subscriber.
      await createMotoStack(e2e.moto.clientOptions, {
        NotificationTopic: e2e.stack.packaged.template.resources['NotificationTopic'] as TemplateResource,
      });
      await subscribeMotoQueue(e2e.moto.clientOptions, topicArn, 'operators');
      expect(await sweep()).toMatchObject({ open: 1, finished: 1, errors: 0 });
      await expectSynced(org, 'chg-e2e-unnotified');
      expect(await sweep()).toMatchObject({ open: 0 });
    },
    E2E_TIMEOUT_MS,
  );
});
