import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FailedEvent, FailedEventsPort } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { translateAwsError } from '../aws-error-translation';
import { unwrapDestinationRecord } from './lambda-destination-record';

/** ReceiveMessage's limit. */
const RECEIVE_LIMIT = 10;

/** A queue the failed events are read from, and how messages and errors name it. */
interface Source {
  readonly url: string;
  readonly name: string;
}

/**
 * The events the stack's start functions never handled, from two SQS queues:
 * - the failure destination of the asynchronous functions: each message is Lambda's record of an
 *   invocation that failed on every attempt, and the event inside it is given back;
 * - when given, the dead-letter queue of the stack's EventBridge rules: each message is an event that
 *   EventBridge could not deliver to its function, as it is.
 * Both shapes go through the one reading of a message ({@link unwrapDestinationRecord}). The failure
 * destination is drained first; the dead-letter queue gets what is left of `max`.
 * A received message is hidden for its queue's visibility timeout, so a replay that fails leaves it
 * for a later one; a removed one is deleted from the queue it came from (its handle says which).
 */
export class SqsFailedEvents implements FailedEventsPort {
  private readonly sources: readonly Source[];

  constructor(
    private readonly client: SQSClient,
    queueUrl: string,
    eventsDeadLetterQueueUrl?: string,
  ) {
    this.sources = [
      { url: queueUrl, name: 'failed-events queue' },
      ...(eventsDeadLetterQueueUrl ? [{ url: eventsDeadLetterQueueUrl, name: 'events dead-letter queue' }] : []),
    ];
  }

  async receive(max: number): Promise<FailedEvent[]> {
    const events: FailedEvent[] = [];
    for (const [index, source] of this.sources.entries()) {
      while (events.length < max) {
        const response = await this.call('ReceiveMessage', source, () =>
          // A short wait polls every SQS server, so a nearly empty queue is not reported empty.
          this.client.send(
            new ReceiveMessageCommand({
              QueueUrl: source.url,
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
            handle: handleOf(index, m.ReceiptHandle as string),
            event: unwrapDestinationRecord(m.Body),
            ...(Number.isInteger(receiveCount) && receiveCount > 0 ? { receiveCount } : {}),
          });
        }
      }
    }
    return events;
  }

  async remove(handle: string): Promise<void> {
    const { index, receiptHandle } = parseHandle(handle);
    const source = this.sources[index];
    if (!source) throw new AwsAdapterError('QUEUE_FAILED', 'SQS DeleteMessage: the handle names a queue this replay does not read');
    await this.call('DeleteMessage', source, () =>
      this.client.send(new DeleteMessageCommand({ QueueUrl: source.url, ReceiptHandle: receiptHandle })),
    );
  }

  async waiting(): Promise<number> {
    let total = 0;
    for (const source of this.sources) {
      const response = await this.call('GetQueueAttributes', source, () =>
        this.client.send(new GetQueueAttributesCommand({ QueueUrl: source.url, AttributeNames: ['ApproximateNumberOfMessages'] })),
      );
      total += Number(response.Attributes?.['ApproximateNumberOfMessages'] ?? 0);
    }
    return total;
  }

  private async call<T>(operation: string, source: Source, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const { code, name } = translateAwsError(error);
      if (code === 'ACCESS_DENIED') {
        throw new AwsAdapterError(
          'ACCESS_DENIED',
          `SQS ${operation} on the ${source.name} was denied: allow sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on it`,
          { cause: error },
        );
      }
      if (code === 'NOT_FOUND')
        throw new AwsAdapterError(
          'QUEUE_FAILED',
          `SQS ${operation} failed: the ${source.name} does not exist; check its URL and the region`,
          { cause: error },
        );
      throw new AwsAdapterError('QUEUE_FAILED', `SQS ${operation} on the ${source.name} failed: ${name}`, { cause: error });
    }
  }
}

/** A received message's handle: which queue it came from, then its receipt handle (which never holds a space). */
const handleOf = (index: number, receiptHandle: string): string => `${index} ${receiptHandle}`;

function parseHandle(handle: string): { index: number; receiptHandle: string } {
  const at = handle.indexOf(' ');
  return { index: at > 0 ? Number(handle.slice(0, at)) : Number.NaN, receiptHandle: handle.slice(at + 1) };
}
