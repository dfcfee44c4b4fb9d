import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FailedEvent, FailedEventsPort } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { translateAwsError } from '../aws-error-translation';
import { unwrapDestinationRecord } from './lambda-destination-record';

/** ReceiveMessage's limit. */
const RECEIVE_LIMIT = 10;

/**
 * The failure destination of the asynchronous functions, an SQS queue: each message is Lambda's
 * record of an invocation that failed on every attempt, and the event inside it is given back.
 * A received message is hidden for the queue's visibility timeout, so a replay that fails leaves it
 * for a later one; a removed one is deleted.
 */
export class SqsFailedEvents implements FailedEventsPort {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async receive(max: number): Promise<FailedEvent[]> {
    const events: FailedEvent[] = [];
    while (events.length < max) {
      const response = await this.call('ReceiveMessage', () =>
        // A short wait polls every SQS server, so a nearly empty queue is not reported empty.
        this.client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: Math.min(RECEIVE_LIMIT, max - events.length),
            WaitTimeSeconds: 1,
            // How often each was received: the replay gives an event up on its last receive before the redrive policy's.
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        ),
      );
      const messages = (response.Messages ?? []).filter((m) => m.ReceiptHandle);
      if (messages.length === 0) break;
      for (const m of messages) {
        const receiveCount = Number(m.Attributes?.ApproximateReceiveCount);
        events.push({
          handle: m.ReceiptHandle as string,
          event: unwrapDestinationRecord(m.Body),
          ...(Number.isInteger(receiveCount) && receiveCount > 0 ? { receiveCount } : {}),
        });
      }
    }
    return events;
  }

  async remove(handle: string): Promise<void> {
    await this.call('DeleteMessage', () => this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: handle })));
  }

  async waiting(): Promise<number> {
    const response = await this.call('GetQueueAttributes', () =>
      this.client.send(new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] })),
    );
    return Number(response.Attributes?.['ApproximateNumberOfMessages'] ?? 0);
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const { code, name } = translateAwsError(error);
      if (code === 'ACCESS_DENIED') {
        throw new AwsAdapterError(
          'ACCESS_DENIED',
          `SQS ${operation} on the failed-events queue was denied: allow sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on it`,
          { cause: error },
        );
      }
      if (code === 'NOT_FOUND')
        throw new AwsAdapterError(
          'QUEUE_FAILED',
          `SQS ${operation} failed: the failed-events queue does not exist; check its URL and the region`,
          { cause: error },
        );
      throw new AwsAdapterError('QUEUE_FAILED', `SQS ${operation} on the failed-events queue failed: ${name}`, { cause: error });
    }
  }
}
