import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { NotificationPriority, NotifierPort, RunReport } from '@contact-sync/domain';
import { AwsAdapterError } from '../aws-adapter-error';
import { translateAwsError } from '../aws-error-translation';
import { notificationJson, notificationSubject, notificationText } from './run-notification';

/**
 * One SNS message per finished run. With `MessageStructure: 'json'` each protocol gets its own
 * body: email and SMS the readable text, SQS, Lambda and HTTP(S) the JSON. `priority`, `status`
 * and `trigger` are message attributes, so subscriptions can filter on them.
 */
export class SnsNotifier implements NotifierPort {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async notify(report: RunReport, priority: NotificationPriority): Promise<void> {
    const text = notificationText(report);
    const json = notificationJson(report, priority);
    try {
      await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: notificationSubject(report),
          MessageStructure: 'json',
          Message: JSON.stringify({
            default: text,
            email: text,
            sms: notificationSubject(report),
            'email-json': json,
            sqs: json,
            lambda: json,
            http: json,
            https: json,
            firehose: json,
          }),
          MessageAttributes: {
            priority: { DataType: 'String', StringValue: priority },
            status: { DataType: 'String', StringValue: report.status },
            trigger: { DataType: 'String', StringValue: report.trigger },
          },
        }),
      );
    } catch (error) {
      throw new AwsAdapterError('PUBLISH_FAILED', `SNS Publish failed: ${translateAwsError(error).name}`, { cause: error });
    }
  }
}
