import { createSqsClient, SqsWorkQueue, TimerSleeper } from '@contact-sync/adapters-aws';
import { createMotoStack, drainMotoQueue, useMotoServer } from '@contact-sync/adapters-aws/testing';
import { InMemoryWorkQueue } from '@contact-sync/adapters-memory';
import { WorkItem } from '@contact-sync/domain';
import { workQueueContract, WorkQueueFixture } from '@contact-sync/port-contracts';

const moto = useMotoServer();

/** The in-memory queue; a worker's "body" is the item as JSON, as a queue message would carry it. */
async function memoryFixture(): Promise<WorkQueueFixture> {
  const port = new InMemoryWorkQueue();
  const receive = async () => {
    const bodies: string[] = [];
    for (let item: WorkItem | undefined = port.take(); item; item = port.take()) bodies.push(JSON.stringify(item));
    return bodies;
  };
  return { port, receive };
}

/** SqsWorkQueue on a moto queue with the stack's work queue settings, read back ten messages at a time. */
async function motoFixture(): Promise<WorkQueueFixture> {
  await moto.reset();
  const stack = await createMotoStack(moto.clientOptions, {
    WorkQueue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'contact-sync-test-work',
        VisibilityTimeout: 1800,
        MessageRetentionPeriod: 1209600,
        SqsManagedSseEnabled: true,
      },
    },
  });
  const queueUrl = stack.refs['WorkQueue'] as string;
  const client = moto.client(createSqsClient);
  return {
    port: new SqsWorkQueue(client, queueUrl, new TimerSleeper()),
    receive: async () => (await drainMotoQueue(moto.clientOptions, queueUrl)).map((message) => message.body),
  };
}

workQueueContract('InMemoryWorkQueue', memoryFixture);
workQueueContract('SqsWorkQueue on moto', motoFixture);
