import { DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createDynamoDbClient, createSecretsManagerClient, createSnsClient, createSqsClient } from '../clients';
import { AUDIT_TABLE, STATE_TABLE } from '../tables/table-definitions';
import { createMotoStack, createMotoTables, TemplateResource } from './moto-stack';
import { useMotoServer } from './use-moto-server';

const moto = useMotoServer();
beforeEach(() => moto.reset());

// The shape `serverless package` gives the stack's resources (see apps/contact-sync/serverless.yml).
const template: Record<string, TemplateResource> = {
  StateTable: { Type: 'AWS::DynamoDB::Table', Properties: STATE_TABLE },
  WorkQueue: {
    Type: 'AWS::SQS::Queue',
    Properties: {
      QueueName: 'stack-work',
      VisibilityTimeout: 1800,
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'] }, maxReceiveCount: 5 },
    },
  },
  WorkDeadLetterQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'stack-work-dlq', MessageRetentionPeriod: 1209600 } },
  NotificationTopic: {
    Type: 'AWS::SNS::Topic',
    Properties: { TopicName: 'stack-notifications', DisplayName: 'Contact Sync', KmsMasterKeyId: 'alias/aws/sns' },
  },
  FingerprintSecret: {
    Type: 'AWS::SecretsManager::Secret',
    Properties: { Description: 'the key', GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
  },
  WorkerRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'not-created' } },
};
const SECRET_ARN = /^arn:aws:secretsmanager:us-east-1:123456789012:secret:stack-FingerprintSecret-\w{6}$/;

describe('createMotoStack', () => {
  it('creates the tables, queues, topic and secret with the template properties, and resolves Ref and Fn::GetAtt to them', async () => {
    const stack = await createMotoStack(moto.clientOptions, template, 'stack');
    const queueUrl = (name: string) => `${moto.endpoint}/123456789012/${name}`;
    expect(stack.refs).toEqual({
      StateTable: 'stack-StateTable',
      WorkQueue: queueUrl('stack-work'),
      WorkDeadLetterQueue: queueUrl('stack-work-dlq'),
      NotificationTopic: 'arn:aws:sns:us-east-1:123456789012:stack-notifications',
      FingerprintSecret: expect.stringMatching(SECRET_ARN),
    });
    expect(stack.arns).toEqual({
      StateTable: 'arn:aws:dynamodb:us-east-1:123456789012:table/stack-StateTable',
      WorkQueue: 'arn:aws:sqs:us-east-1:123456789012:stack-work',
      WorkDeadLetterQueue: 'arn:aws:sqs:us-east-1:123456789012:stack-work-dlq',
      NotificationTopic: 'arn:aws:sns:us-east-1:123456789012:stack-notifications',
      FingerprintSecret: stack.refs['FingerprintSecret'],
    });
    expect(stack.skipped).toEqual(['WorkerRole']);
    expect(
      stack.resolve({ Variables: { TABLE: { Ref: 'StateTable' }, DLQ: { 'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'] }, PLAIN: '2' } }),
    ).toEqual({
      Variables: { TABLE: 'stack-StateTable', DLQ: 'arn:aws:sqs:us-east-1:123456789012:stack-work-dlq', PLAIN: '2' },
    });

    const sqs = createSqsClient(moto.clientOptions);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack.refs['WorkQueue'],
        AttributeNames: ['VisibilityTimeout', 'MessageRetentionPeriod', 'RedrivePolicy'],
      }),
    );
    sqs.destroy();
    expect({ ...Attributes, RedrivePolicy: JSON.parse(Attributes?.['RedrivePolicy'] ?? 'null') }).toEqual({
      VisibilityTimeout: '1800',
      MessageRetentionPeriod: '1209600',
      RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:stack-work-dlq', maxReceiveCount: 5 },
    });
    const sns = createSnsClient(moto.clientOptions);
    const topic = await sns.send(new GetTopicAttributesCommand({ TopicArn: stack.refs['NotificationTopic'] }));
    sns.destroy();
    expect(topic.Attributes).toMatchObject({ DisplayName: 'Contact Sync', KmsMasterKeyId: 'alias/aws/sns' });
  });

  it('creates a secret as CloudFormation does with GenerateSecretString: a new random value of the given length and characters', async () => {
    const values: string[] = [];
    for (const prefix of ['one', 'two']) {
      const stack = await createMotoStack(
        moto.clientOptions,
        { FingerprintSecret: template['FingerprintSecret'] as TemplateResource },
        prefix,
      );
      const secrets = createSecretsManagerClient(moto.clientOptions);
      const { SecretString, Name } = await secrets.send(new GetSecretValueCommand({ SecretId: stack.refs['FingerprintSecret'] }));
      const { Description } = await secrets.send(new DescribeSecretCommand({ SecretId: stack.refs['FingerprintSecret'] }));
      secrets.destroy();
      expect([Name, Description]).toEqual([`${prefix}-FingerprintSecret`, 'the key']);
      expect(SecretString).toMatch(/^[A-Za-z0-9]{64}$/);
      values.push(SecretString as string);
    }
    expect(values[0]).not.toBe(values[1]);
  });

  it('creates the tables from table-definitions.json with their keys, indexes, TTL and point-in-time recovery', async () => {
    const { stateTable, auditTable } = await createMotoTables(moto.clientOptions, 'cli');
    expect([stateTable, auditTable]).toEqual(['cli-StateTable', 'cli-AuditTable']);
    const dynamo = createDynamoDbClient(moto.clientOptions);
    for (const [name, definition] of [
      [stateTable, STATE_TABLE],
      [auditTable, AUDIT_TABLE],
    ] as const) {
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.KeySchema).toEqual(definition.KeySchema);
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema }))).toEqual(
        (definition.GlobalSecondaryIndexes ?? []).map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema })),
      );
      const ttl = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: name }));
      expect(ttl.TimeToLiveDescription).toEqual({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
      const backups = await dynamo.send(new DescribeContinuousBackupsCommand({ TableName: name }));
      expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('ENABLED');
    }
    dynamo.destroy();
  });

  it('refuses a property it does not know, so that the created resources never silently differ from the stack', async () => {
    const fifo = { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q.fifo', FifoQueue: true } } };
    await expect(createMotoStack(moto.clientOptions, fifo)).rejects.toThrow(
      'Queue: createMotoStack does not know FifoQueue; teach it, so that tests keep matching the stack',
    );
    const json = {
      Secret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { GenerateSecretString: { SecretStringTemplate: '{}', GenerateStringKey: 'key' } },
      },
    };
    await expect(createMotoStack(moto.clientOptions, json)).rejects.toThrow(
      'Secret.GenerateSecretString: createMotoStack does not know SecretStringTemplate, GenerateStringKey',
    );
    const given = { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: 'chosen' } } };
    await expect(createMotoStack(moto.clientOptions, given)).rejects.toThrow('Secret: createMotoStack does not know SecretString');
  });

  it('refuses an intrinsic it cannot resolve, and a redrive policy naming a queue that is not in the template', async () => {
    const stack = await createMotoStack(moto.clientOptions, {});
    expect(() => stack.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}' })).toThrow('cannot resolve Fn::Sub against moto');
    expect(() => stack.resolve({ Ref: 'Missing' })).toThrow(
      'cannot resolve Ref Missing: not a table, queue, topic or secret of the template',
    );
    const orphan = {
      Queue: {
        Type: 'AWS::SQS::Queue',
        Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Gone', 'Arn'] }, maxReceiveCount: 5 } },
      },
    };
    await expect(createMotoStack(moto.clientOptions, orphan)).rejects.toThrow('queues Queue name queues that are not in the template');
  });
});
