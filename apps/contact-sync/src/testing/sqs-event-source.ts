import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { AwsClientOptions, createSqsClient } from '@contact-sync/adapters-aws';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { Invocable } from './lambda-runtime';
import { PackagedQueueSource } from './packaged-template';

/** What one delivery of a batch did. */
export interface BatchDelivery {
  readonly records: readonly SQSRecord[];
  /** The message ids left in the queue for redelivery: those the function reported, or all when it failed. */
  readonly returned: readonly string[];
  /** The function's error type when it failed (threw, timed out, crashed). */
  readonly functionError?: string;
}

/** What {@link SqsEventSource.drain} did, over all its batches. */
export interface DrainStats {
  invocations: number;
  records: number;
  returned: number;
  functionErrors: number;
}

/**
 * The SQS event source mapping of the stack, as Lambda runs it: batches of `batchSize` received
 * from the queue become an `SQSEvent`; after the invocation, the records the function reported in
 * `batchItemFailures` (all of them when it failed, or when the report names a record not in the
 * batch) stay in the queue and the others are deleted; up to `maximumConcurrency` batches at once,
 * each in its own execution environment. One liberty, for speed: a record left in the queue is made
 * visible again at once instead of after the queue's visibility timeout.
 */
export class SqsEventSource {
  private readonly sqs: SQSClient;

  constructor(
    options: AwsClientOptions,
    private readonly queueUrl: string,
    private readonly queueArn: string,
    private readonly settings: PackagedQueueSource,
    private readonly fn: Invocable,
  ) {
    this.sqs = createSqsClient(options);
  }

  /** Receives one batch and delivers it to `fn` (by default the mapped function); undefined when the queue had nothing visible. */
  async deliverOnce(fn = this.fn): Promise<BatchDelivery | undefined> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: this.settings.batchSize,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return undefined;
    const records = Messages.map((m) => this.record(m));
    let returned: string[];
    let functionError: string | undefined;
    try {
      returned = this.toReturn(records, (await fn.invoke({ Records: records } satisfies SQSEvent)) as SQSBatchResponse | null);
    } catch (error) {
      functionError = (error as { errorType?: string }).errorType ?? 'Error';
      returned = records.map((r) => r.messageId);
    }
    const handles = (ids: readonly string[]) =>
      records.filter((r) => ids.includes(r.messageId)).map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle }));
    const done = records.map((r) => r.messageId).filter((id) => !returned.includes(id));
    if (done.length > 0) await this.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: handles(done) }));
    if (returned.length > 0)
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: handles(returned).map((e) => ({ ...e, VisibilityTimeout: 0 })),
        }),
      );
    return { records, returned, ...(functionError ? { functionError } : {}) };
  }

  /**
   * Delivers batches until the queue holds no message, visible or in flight; throws after
   * `maxInvocations`, so that work that never settles fails the test instead of hanging it.
   */
  async drain(maxInvocations = 100): Promise<DrainStats> {
    const stats: DrainStats = { invocations: 0, records: 0, returned: 0, functionErrors: 0 };
    let busy = 0;
    const poll = async (): Promise<void> => {
      for (;;) {
        if (stats.invocations >= maxInvocations) throw new Error(`the work queue did not settle within ${maxInvocations} invocations`);
        busy += 1;
        const delivery = await this.deliverOnce().finally(() => (busy -= 1));
        if (delivery) {
          stats.invocations += 1;
          stats.records += delivery.records.length;
          stats.returned += delivery.returned.length;
          if (delivery.functionError) stats.functionErrors += 1;
        } else if (busy === 0 && (await this.isEmpty())) return;
        else await sleep(20);
      }
    };
    await Promise.all(Array.from({ length: this.settings.maximumConcurrency }, poll));
    return stats;
  }

  destroy(): void {
    this.sqs.destroy();
  }

  private async isEmpty(): Promise<boolean> {
    const { Attributes = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Attributes['ApproximateNumberOfMessages'] === '0' && Attributes['ApproximateNumberOfMessagesNotVisible'] === '0';
  }

  /** Which records stay in the queue after a successful invocation, as Lambda reads the response. */
  private toReturn(records: readonly SQSRecord[], response: SQSBatchResponse | null): string[] {
    if (!this.settings.reportBatchItemFailures) return [];
    const reported = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
    const ids = records.map((r) => r.messageId);
    return reported.every((id) => ids.includes(id)) ? ids.filter((id) => reported.includes(id)) : ids;
  }

  private record(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId as string,
      receiptHandle: message.ReceiptHandle as string,
      body: message.Body as string,
      attributes: {
        ApproximateReceiveCount: attributes['ApproximateReceiveCount'] as string,
        SentTimestamp: attributes['SentTimestamp'] as string,
        SenderId: attributes['SenderId'] as string,
        ApproximateFirstReceiveTimestamp: attributes['ApproximateFirstReceiveTimestamp'] as string,
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, a]) => [
          name,
          { dataType: a.DataType as string, stringValue: a.StringValue, stringListValues: [], binaryListValues: [] },
        ]),
      ),
      md5OfBody: message.MD5OfBody as string,
      eventSource: 'aws:sqs',
      eventSourceARN: this.queueArn,
      awsRegion: this.queueArn.split(':')[3] as string,
    };
  }
}
