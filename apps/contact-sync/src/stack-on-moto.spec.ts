import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import {
  createDynamoDbClient,
  createSnsClient,
  createSqsClient,
  DynamoDbSyncConfig,
  SnsNotifier,
  SqsWorkQueue,
  TimerSleeper,
} from '@contact-sync/adapters-aws';
import { drainMotoQueue, MOTO_START_TIMEOUT_MS, subscribeMotoQueue, useMotoServer } from '@contact-sync/adapters-aws/testing';
import { syncConfigOf } from '@contact-sync/domain';
import { aRunReport, readWorkItem, workItemsFor } from '@contact-sync/port-contracts';
import { readLambdaEnvironment } from './environment';
import { createPackagedStackInMoto, PackagedStackOnMoto } from './testing/packaged-stack-on-moto';

// The packaged stack's own resource definitions, created in moto: what the handlers would find.
const moto = useMotoServer();
let packaged: PackagedStackOnMoto;
beforeAll(async () => {
  packaged = await createPackagedStackInMoto(moto.clientOptions);
}, MOTO_START_TIMEOUT_MS);

const env = () => readLambdaEnvironment(packaged.environmentOf('accountWorker'));

describe('the packaged stack on moto', () => {
  it('creates the tables, queues, topic and fingerprint secret of the template, and leaves out everything else', () => {
    const url = (name: string) => `${moto.endpoint}/123456789012/${name}`;
    expect(packaged.stack.refs).toEqual({
      StateTable: 'contact-sync-dev-StateTable',
      AuditTable: 'contact-sync-dev-AuditTable',
      NotificationTopic: 'arn:aws:sns:us-east-1:123456789012:contact-sync-dev-notifications',
      WorkDeadLetterQueue: url('contact-sync-dev-work-dlq'),
      EventsDeadLetterQueue: url('contact-sync-dev-events-dlq'),
      WorkQueue: url('contact-sync-dev-work'),
      FailedEventsQueue: url('contact-sync-dev-failed-events'),
      FingerprintSecret: expect.stringMatching(
        /^arn:aws:secretsmanager:us-east-1:123456789012:secret:contact-sync-dev-FingerprintSecret-\w{6}$/,
      ),
    });
    expect(packaged.stack.skipped).toEqual(
      expect.arrayContaining([
        'AccountWorkerLambdaFunction',
        'AccountWorkerRole',
        'NotificationEmailSubscription',
        'WorkDeadLetterQueueAlarm',
      ]),
    );
  });

  it.each(['contactChange', 'accountWorker', 'finishRun', 'newAccount', 'accountChange', 'scheduledReconcile', 'sweepRuns'])(
    'gives %s an environment whose tables, queues, topic and (the worker only) secret are the moto resources',
    (fn) => {
      const refs = packaged.stack.refs;
      expect(readLambdaEnvironment(packaged.environmentOf(fn))).toMatchObject({
        stateTable: refs['StateTable'],
        auditTable: refs['AuditTable'],
        workQueueUrl: refs['WorkQueue'],
        topicArn: refs['NotificationTopic'],
        failedEventsQueueUrl: refs['FailedEventsQueue'],
        // Only the worker writes audit entries, so only it is given the fingerprint key.
        fingerprintSecretArn: fn === 'accountWorker' ? refs['FingerprintSecret'] : undefined,
      });
    },
  );

  it('serves the adapters the handlers build from that environment: configuration, work queue and notifications', async () => {
    const { stateTable, workQueueUrl, topicArn } = env();
    const config = syncConfigOf({ kinds: ['SECURITY'] });
    const configPort = new DynamoDbSyncConfig(moto.client(createDynamoDbClient), stateTable);
    expect(await configPort.save(config, 0)).toBe(1);
    expect(await configPort.load()).toEqual({ config, version: 1 });

    const items = workItemsFor('run-stack', 3);
    await new SqsWorkQueue(moto.client(createSqsClient), workQueueUrl, new TimerSleeper()).enqueue(items);
    const bodies = (await drainMotoQueue(moto.clientOptions, workQueueUrl)).map((m) => readWorkItem(m.body));
    expect(bodies.sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual(items);

    const subscriber = await subscribeMotoQueue(moto.clientOptions, topicArn, 'stack-subscriber');
    await new SnsNotifier(moto.client(createSnsClient), topicArn).notify(aRunReport('run-stack'), 'HIGH');
    expect((await drainMotoQueue(moto.clientOptions, subscriber)).map((m) => JSON.parse(JSON.parse(m.body).Message).runId)).toEqual([
      'run-stack',
    ]);
  });

  it('moves a work item received five times without being deleted to the dead-letter queue', async () => {
    const { workQueueUrl } = env();
    const dlq = packaged.stack.refs['WorkDeadLetterQueue'] as string;
    const sqs = moto.client(createSqsClient);
    await sqs.send(new SendMessageCommand({ QueueUrl: workQueueUrl, MessageBody: 'poison' }));
    const receive = async () =>
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: workQueueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }))).Messages ?? [];
    for (let attempt = 1; attempt <= 5; attempt += 1) expect((await receive()).map((m) => m.Body)).toEqual(['poison']);
    expect(await receive()).toEqual([]);
    expect((await drainMotoQueue(moto.clientOptions, dlq)).map((m) => m.body)).toEqual(['poison']);
  });
});
