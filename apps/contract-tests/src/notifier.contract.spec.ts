import { createSnsClient, SnsNotifier } from '@contact-sync/adapters-aws';
import { createMotoStack, drainMotoQueue, subscribeMotoQueue, useMotoServer } from '@contact-sync/adapters-aws/testing';
import { InMemoryNotifier } from '@contact-sync/adapters-memory';
import { NotificationPriority, RunReport } from '@contact-sync/domain';
import { notifierContract, NotifierFixture } from '@contact-sync/port-contracts';

const moto = useMotoServer();

async function memoryFixture(): Promise<NotifierFixture> {
  const port = new InMemoryNotifier();
  return { port, delivered: async () => port.sent.splice(0) };
}

/** The JSON an SQS subscriber reads from a notification: the report, its priority, and two fields of the message's own. */
interface SqsNotificationBody extends RunReport {
  readonly type: string;
  readonly priority: NotificationPriority;
  readonly failuresNotListed: number;
}

/** SnsNotifier publishing to a topic with an SQS subscription, read back as a subscriber reads it. */
async function motoFixture(): Promise<NotifierFixture> {
  await moto.reset();
  const stack = await createMotoStack(moto.clientOptions, {
    NotificationTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'contact-sync-test-notifications' } },
  });
  const topicArn = stack.refs['NotificationTopic'] as string;
  const queueUrl = await subscribeMotoQueue(moto.clientOptions, topicArn, 'subscriber');
  const client = moto.client(createSnsClient);
  return {
    port: new SnsNotifier(client, topicArn),
    delivered: async () =>
      (await drainMotoQueue(moto.clientOptions, queueUrl)).map(({ body }) => {
        const { type, priority, failuresNotListed, ...report } = JSON.parse(JSON.parse(body).Message) as SqsNotificationBody;
        expect([type, failuresNotListed]).toEqual(['contact-sync.run-finished', report.failed - report.failures.length]);
        return { report, priority };
      }),
  };
}

notifierContract('InMemoryNotifier', memoryFixture);
notifierContract('SnsNotifier on moto, read back through an SQS subscription', motoFixture);
