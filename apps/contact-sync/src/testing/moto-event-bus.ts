import {
  DescribeEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
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
 * its function, and {@link publish} reads what reached each inbox. The patterns' pseudo parameters
 * (`AWS::AccountId`, `AWS::Region`) are what CloudFormation would give them: the bus's own account
 * and Region. Like EventBridge, moto stamps an event with the account that put it, the bus's own.
 */
export class MotoEventBus {
  private constructor(
    private readonly options: AwsClientOptions,
    private readonly inboxes: readonly { readonly functionName: string; readonly url: string }[],
    /** The account of the bus, hence of the stack: the `account` of every event put on it. */
    readonly accountId: string,
  ) {}

  /** Creates every rule with its pattern, each targeting an inbox queue of its own. */
  static async create(options: AwsClientOptions, rules: readonly PackagedEventRule[]): Promise<MotoEventBus> {
    const events = eventBridge(options);
    const sqs = createSqsClient(options);
    try {
      const { Arn } = await events.send(new DescribeEventBusCommand({}));
      const [, , , region, accountId] = (Arn as string).split(':');
      const pseudo = { 'AWS::AccountId': accountId as string, 'AWS::Region': region as string };
      const inboxes = [];
      for (const rule of rules) {
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${rule.name}-inbox` }));
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
        const pattern = JSON.stringify(withPseudoParameters(rule.pattern, pseudo, rule.name));
        await events.send(new PutRuleCommand({ Name: rule.name, EventPattern: pattern, State: 'ENABLED' }));
        await events.send(new PutTargetsCommand({ Rule: rule.name, Targets: [{ Id: 'inbox', Arn: Attributes?.['QueueArn'] }] }));
        inboxes.push({ functionName: rule.functionName, url: QueueUrl as string });
      }
      return new MotoEventBus(options, inboxes, accountId as string);
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
      for (const message of await drainMotoQueue(this.options, inbox.url)) {
        // moto's delivery to SQS leaves out the event's account, which EventBridge delivers: put
        // back as moto stamped it when the event was put (the bus's own account).
        const delivered = JSON.parse(message.body) as Record<string, unknown>;
        routed.push({ functionName: inbox.functionName, event: { account: this.accountId, ...delivered } });
      }
    }
    return routed;
  }
}

/** `pattern` with each `{ Ref: <pseudo parameter> }` replaced by its value; any other intrinsic is an error naming the rule. */
function withPseudoParameters(pattern: unknown, values: Readonly<Record<string, string>>, rule: string): unknown {
  if (Array.isArray(pattern)) return pattern.map((item) => withPseudoParameters(item, values, rule));
  if (pattern === null || typeof pattern !== 'object') return pattern;
  const entries = Object.entries(pattern);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && (key === 'Ref' || key?.startsWith('Fn::'))) {
    const value = key === 'Ref' ? values[String(argument)] : undefined;
    if (value === undefined) throw new Error(`${rule}: cannot resolve ${key} ${JSON.stringify(argument)} in its event pattern`);
    return value;
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, withPseudoParameters(v, values, rule)]));
}

const eventBridge = (options: AwsClientOptions) =>
  new EventBridgeClient({ ...options, credentials: options.credentials && { ...options.credentials } });
