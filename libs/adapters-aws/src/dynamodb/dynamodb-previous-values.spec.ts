import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KeptPreviousValue } from '@contact-sync/domain';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbPreviousValues } from './dynamodb-previous-values';

const doc = mockClient(DynamoDBDocumentClient);
afterEach(() => doc.reset());

const sleeper = { sleep: async () => undefined };
const store = () => new DynamoDbPreviousValues(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), 'state', sleeper);
const kept: KeptPreviousValue = {
  runId: 'run-1',
  accountId: '111122223333',
  kind: 'SECURITY',
  sealed: 'v1.aaaa.bbbb.cccc',
  afterFingerprint: 'hmac:0123456789abcdef0123456789abcdef',
  at: '2026-12-01T10:00:00.000Z',
};

describe('DynamoDbPreviousValues', () => {
  it('keeps a sealed value under its run’s partition, with no index key, expiring with the audit 90 days later', async () => {
    doc.on(PutCommand).resolves({});
    await store().keep(kept);
    expect(doc.commandCalls(PutCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: 'state',
        Item: {
          pk: 'RUN#run-1',
          sk: 'PREV#111122223333#SECURITY',
          kept,
          expiresAt: Math.floor(Date.parse('2026-12-01T10:00:00.000Z') / 1000) + 90 * 86_400,
        },
      },
    ]);
  });

  it('lists a run’s kept values, every page, strongly consistent', async () => {
    doc
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ pk: 'RUN#run-1', sk: 'PREV#111122223333#SECURITY', kept }],
        LastEvaluatedKey: { pk: 'RUN#run-1', sk: 'x' },
      })
      .resolvesOnce({
        Items: [{ pk: 'RUN#run-1', sk: 'PREV#444455556666#BILLING', kept: { ...kept, accountId: '444455556666', kind: 'BILLING' } }],
      });
    expect((await store().keptFor('run-1')).map((k) => `${k.accountId}#${k.kind}`)).toEqual([
      '111122223333#SECURITY',
      '444455556666#BILLING',
    ]);
    expect(doc.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'state',
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'RUN#run-1', ':prefix': 'PREV#' },
      ConsistentRead: true,
    });
  });
});
