import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AwsClientOptions, createSqsClient } from '@contact-sync/adapters-aws';
import { drainMotoQueue } from '@contact-sync/adapters-aws/testing';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { PackagedEventRule } from './packaged-template';

/** An event as EventBridge delivers it to the function a rule targets. */
export interface RoutedEvent {
  readonly functionName: string;
  readonly event: Record<string, unknown>;
}

/**
 * The stack's EventBridge rules in moto, with their own patterns: moto decides which rule matches an
 * event. moto cannot invoke a Lambda function, so each rule's target is an SQS inbox standing for
 * its function, and {@link publish} reads what reached each inbox.
 */
export class MotoEventBus {
  private constructor(
    private readonly options: AwsClientOptions,
    private readonly inboxes: readonly { readonly functionName: string; readonly url: string }[],
  ) {}

  /** Creates every rule with its pattern, each targeting an inbox queue of its own. */
  static async create(options: AwsClientOptions, rules: readonly PackagedEventRule[]): Promise<MotoEventBus> {
    const events = eventBridge(options);
    const sqs = createSqsClient(options);
    try {
      const inboxes = [];
      for (const rule of rules) {
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${rule.name}-inbox` }));
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
        await events.send(new PutRuleCommand({ Name: rule.name, EventPattern: JSON.stringify(rule.pattern), State: 'ENABLED' }));
        await events.send(new PutTargetsCommand({ Rule: rule.name, Targets: [{ Id: 'inbox', Arn: Attributes?.['QueueArn'] }] }));
        inboxes.push({ functionName: rule.functionName, url: QueueUrl as string });
      }
      return new MotoEventBus(options, inboxes);
    } finally {
      events.destroy();
      sqs.destroy();
    }
  }

  /**
   * Puts an event on the default bus, as the service that emits it would (source, detail type,
   * detail, time), and returns what the rules delivered: one entry per matching rule.
   */
  async publish(event: Record<string, unknown>): Promise<RoutedEvent[]> {
    const events = eventBridge(this.options);
    try {
      const { FailedEntryCount } = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              Source: event['source'] as string,
              DetailType: event['detail-type'] as string,
              Detail: JSON.stringify(event['detail']),
              Time: new Date(event['time'] as string),
              Resources: event['resources'] as string[],
            },
          ],
        }),
      );
      if (FailedEntryCount) throw new Error('EventBridge refused the event');
    } finally {
      events.destroy();
    }
    const routed: RoutedEvent[] = [];
    for (const inbox of this.inboxes) {
      for (const message of await drainMotoQueue(this.options, inbox.url))
        routed.push({ functionName: inbox.functionName, event: JSON.parse(message.body) as Record<string, unknown> });
    }
    return routed;
  }
}

const eventBridge = (options: AwsClientOptions) =>
  new EventBridgeClient({ ...options, credentials: options.credentials && { ...options.credentials } });
