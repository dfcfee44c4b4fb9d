import { SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { AwsClientOptions, createSnsClient, createSqsClient } from '../clients';

/** A message read from an SQS queue: its body and size as sent. */
export interface ReceivedMessage {
  readonly body: string;
  /** The body's size in bytes (UTF-8), as SQS counts it against its message size limit. */
  readonly bytes: number;
}

/**
 * Creates a queue and subscribes it to `topicArn`, as an SQS subscriber of the notifications would
 * (raw delivery off: each message is an SNS envelope). Returns the queue URL.
 */
export async function subscribeMotoQueue(
  options: AwsClientOptions,
  topicArn: string,
  queueName: string,
  filterPolicy?: Record<string, readonly string[]>,
): Promise<string> {
  const sqs = createSqsClient(options);
  const sns = createSnsClient(options);
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: Attributes?.['QueueArn'],
        ...(filterPolicy ? { Attributes: { FilterPolicy: JSON.stringify(filterPolicy) } } : {}),
      }),
    );
    return QueueUrl as string;
  } finally {
    sqs.destroy();
    sns.destroy();
  }
}

/** Every message waiting in the queue, received ten at a time and deleted, until a receive comes back empty. */
export async function drainMotoQueue(options: AwsClientOptions, queueUrl: string): Promise<ReceivedMessage[]> {
  const sqs = createSqsClient(options);
  const received: ReceivedMessage[] = [];
  try {
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return received;
      for (const message of Messages) received.push({ body: message.Body as string, bytes: Buffer.byteLength(message.Body as string) });
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  } finally {
    sqs.destroy();
  }
}
