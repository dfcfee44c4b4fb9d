import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { auditExpiresAt, CONTACT_KINDS, ValidationError } from '@contact-sync/domain';
import { ManualTime } from '@contact-sync/domain/testing';
import { accountIdFor, anIntent, anOutcome, aReport, aRun, someItems } from '@contact-sync/port-contracts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbSyncState, OUTCOME_PUT_CONCURRENCY, STORED_FAILURES_LIMIT } from './dynamodb-sync-state';

// The state table's conditions are the design: these tests pin every request; the contract suite
// (dynamodb-adapters.spec.ts) shows on dynalite that the requests behave.
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const TableName = 'contact-sync-state';
const NOW = Date.parse('2026-11-22T09:00:00.000Z');
const AT = '2026-11-22T09:10:00.000Z';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const make = (time = new ManualTime(NOW)) =>
  new DynamoDbSyncState(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), TableName, time, time);
/** Every request sent, in order, as [command, input]. */
const requests = () => ddb.calls().map((call) => [(call.args[0] as object).constructor.name, (call.args[0] as { input: unknown }).input]);

const OPEN_RUNS = { pk: 'OPEN_RUNS', sk: 'OPEN_RUNS' };
const headKey = { pk: 'HEAD#BILLING', sk: 'HEAD' };
const runKey = (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' });
const itemKey = { pk: 'RUN#run-1', sk: 'ITEM#000003' };

describe('DynamoDbSyncState requests', () => {
  describe('kind heads', () => {
    const advance = {
      TableName,
      Key: headKey,
      UpdateExpression: 'SET kind = :kind, runId = :run, requestedAt = :at, requestedAtMs = :ms ADD generation :one',
      ConditionExpression: 'attribute_not_exists(pk) OR runId <> :run',
      ExpressionAttributeValues: {
        ':kind': 'BILLING',
        ':run': 'run-2',
        ':at': '2026-11-22T10:00:00.000Z',
        ':ms': Date.parse('2026-11-22T10:00:00.000Z'),
        ':one': 1,
      },
      ReturnValues: 'UPDATED_NEW',
    };
    const stored = (runId: string, requestedAt: string, generation: number) => ({
      Item: { ...headKey, kind: 'BILLING', runId, requestedAt, requestedAtMs: Date.parse(requestedAt), generation },
    });

    it('reads the head, then increments the generation unless the head became the caller', async () => {
      ddb.on(GetCommand).resolves(stored('run-1', '2026-11-22T09:00:00.000Z', 1));
      ddb.on(UpdateCommand).resolves({ Attributes: { generation: 2 } });
      expect(await make().advanceHead('BILLING', 'run-2', '2026-11-22T10:00:00.000Z')).toBe(2);
      expect(requests()).toEqual([
        ['GetCommand', { TableName, Key: headKey, ConsistentRead: true }],
        ['UpdateCommand', advance],
      ]);
    });

    it('gives the run that holds the head its generation without writing', async () => {
      ddb.on(GetCommand).resolves(stored('run-2', '2026-11-22T10:00:00.000Z', 4));
      expect(await make().advanceHead('BILLING', 'run-2', '2026-11-22T10:00:00.000Z')).toBe(4);
      expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
    });

    it('advances for a run that names an earlier time: the claim orders runs, not an event time', async () => {
      ddb.on(GetCommand).resolves(stored('run-2', '2026-11-22T10:00:00.000Z', 4));
      ddb.on(UpdateCommand).resolves({ Attributes: { generation: 5 } });
      expect(await make().advanceHead('BILLING', 'run-0', '2026-11-22T09:59:59.999Z')).toBe(5);
    });

    it('reads again when the head changed between the read and the increment', async () => {
      ddb
        .on(GetCommand)
        .resolvesOnce(stored('run-1', '2026-11-22T09:00:00.000Z', 1))
        .resolves(stored('run-2', '2026-11-22T10:00:00.000Z', 2));
      ddb.on(UpdateCommand).rejects(conditionFailed());
      expect(await make().advanceHead('BILLING', 'run-2', '2026-11-22T10:00:00.000Z')).toBe(2);
      expect(requests().map(([command]) => command)).toEqual(['GetCommand', 'UpdateCommand', 'GetCommand']);
    });

    it('refuses a requestedAt that is not a date-time, before any request', async () => {
      await expect(make().advanceHead('BILLING', 'run-2', 'yesterday')).rejects.toBeInstanceOf(ValidationError);
      expect(requests()).toEqual([]);
    });
  });

  describe('writes in doubt', () => {
    const doubtKey = { pk: 'DOUBTS', sk: 'DOUBT#111111111111#SECURITY' };

    it('records a doubt keeping the later due time, with the audit retention', async () => {
      ddb.on(UpdateCommand).resolves({});
      await make().recordDoubt({ accountId: '111111111111', kind: 'SECURITY', dueAtMs: 1_000 });
      expect(requests()).toEqual([
        [
          'UpdateCommand',
          {
            TableName,
            Key: doubtKey,
            UpdateExpression: 'SET accountId = :account, kind = :kind, dueAtMs = :due, expiresAt = :expires',
            ConditionExpression: 'attribute_not_exists(dueAtMs) OR dueAtMs < :due',
            ExpressionAttributeValues: { ':account': '111111111111', ':kind': 'SECURITY', ':due': 1_000, ':expires': 1 + 90 * 86_400 },
          },
        ],
      ]);
    });

    it('clears a doubt only while its due time is the one verified', async () => {
      ddb.on(UpdateCommand).rejects(conditionFailed());
      await make().clearDoubt({ accountId: '111111111111', kind: 'SECURITY', dueAtMs: 1_000 });
      expect(requests()).toEqual([
        [
          'UpdateCommand',
          {
            TableName,
            Key: doubtKey,
            UpdateExpression: 'REMOVE dueAtMs',
            ConditionExpression: 'dueAtMs = :due',
            ExpressionAttributeValues: { ':due': 1_000 },
          },
        ],
      ]);
    });
  });

  describe('runs', () => {
    it('adds a new run to the open set, then puts it on condition that it does not exist', async () => {
      ddb.on(UpdateCommand).resolves({});
      ddb.on(PutCommand).resolvesOnce({}).rejects(conditionFailed());
      const run = aRun('run-1', 3, { completedItems: 1, notified: true, report: aReport(aRun('run-1', 3)) });
      expect(await make().createRun(run)).toBe(true);
      expect(await make().createRun(run)).toBe(false);
      const { completedItems: _c, status: _s, report: _r, notified: _n, ...stored } = run;
      const add = [
        'UpdateCommand',
        { TableName, Key: OPEN_RUNS, UpdateExpression: 'ADD runIds :run', ExpressionAttributeValues: { ':run': new Set(['run-1']) } },
      ];
      const put = [
        'PutCommand',
        {
          TableName,
          Item: {
            ...runKey('run-1'),
            run: stored,
            status: 'RUNNING',
            gsi1pk: 'RUNS',
            gsi1sk: `${run.startedAt}#run-1`,
            expiresAt: auditExpiresAt(Date.parse(run.startedAt)),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      ];
      expect(requests()).toEqual([add, put, add, put]);
    });

    it('sets only the fields given, inside the stored run, and only on a run that exists', async () => {
      ddb.on(UpdateCommand).resolves({});
      await make().updateRun('run-1', { launch: 'LAUNCHED', totalItems: 5, progressAt: undefined });
      await make().updateRun('run-1', {});
      expect(requests()).toEqual([
        [
          'UpdateCommand',
          {
            TableName,
            Key: runKey('run-1'),
            UpdateExpression: 'SET run.#f0 = :f0, run.#f1 = :f1',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#f0': 'launch', '#f1': 'totalItems' },
            ExpressionAttributeValues: { ':f0': 'LAUNCHED', ':f1': 5 },
          },
        ],
      ]);
    });

    it('writes a condition in the same UpdateItem: not finished, in the phase, each counter named equal (0 also when absent)', async () => {
      ddb.on(UpdateCommand).resolvesOnce({}).rejects(conditionFailed());
      expect(await make().updateRun('run-1', { enqueuedItems: 3 }, { launch: 'CLAIMED', listedItems: 3, enqueuedItems: 0 })).toBe(true);
      expect(await make().updateRun('run-1', { redrives: 1 }, { launch: 'LAUNCHED', redrives: 0 })).toBe(false);
      expect(requests()).toEqual([
        [
          'UpdateCommand',
          {
            TableName,
            Key: runKey('run-1'),
            UpdateExpression: 'SET run.#f0 = :f0',
            ConditionExpression:
              'attribute_exists(pk) AND #cStatus <> :cFinished AND run.#cLaunch = :cLaunch AND (run.#c0 = :c0) AND (run.#c1 = :c1 OR attribute_not_exists(run.#c1))',
            ExpressionAttributeNames: {
              '#f0': 'enqueuedItems',
              '#cStatus': 'status',
              '#cLaunch': 'launch',
              '#c0': 'listedItems',
              '#c1': 'enqueuedItems',
            },
            ExpressionAttributeValues: { ':f0': 3, ':cFinished': 'FINISHED', ':cLaunch': 'CLAIMED', ':c0': 3, ':c1': 0 },
          },
        ],
        [
          'UpdateCommand',
          {
            TableName,
            Key: runKey('run-1'),
            UpdateExpression: 'SET run.#f0 = :f0',
            ConditionExpression:
              'attribute_exists(pk) AND #cStatus <> :cFinished AND run.#cLaunch = :cLaunch AND (run.#c0 = :c0 OR attribute_not_exists(run.#c0))',
            ExpressionAttributeNames: { '#f0': 'redrives', '#cStatus': 'status', '#cLaunch': 'launch', '#c0': 'redrives' },
            ExpressionAttributeValues: { ':f0': 1, ':cFinished': 'FINISHED', ':cLaunch': 'LAUNCHED', ':c0': 0 },
          },
        ],
      ]);
    });

    it('lists the open runs that are not notified, and drops the notified ones from the open set', async () => {
      ddb.on(GetCommand).resolves({ Item: { ...OPEN_RUNS, runIds: new Set(['run-a', 'run-b', 'run-c']) } });
      const stored = (runId: string, notified?: boolean) => ({
        ...runKey(runId),
        run: { runId },
        status: 'FINISHED',
        ...(notified ? { notified } : {}),
      });
      ddb.on(BatchGetCommand).resolves({ Responses: { [TableName]: [stored('run-b', true), stored('run-a')] } });
      ddb.on(UpdateCommand).resolves({});
      expect(await make().listOpenRuns()).toEqual(['run-a']);
      expect(requests()).toEqual([
        ['GetCommand', { TableName, Key: OPEN_RUNS, ConsistentRead: true }],
        ['BatchGetCommand', { RequestItems: { [TableName]: { Keys: ['run-a', 'run-b', 'run-c'].map(runKey), ConsistentRead: true } } }],
        [
          'UpdateCommand',
          {
            TableName,
            Key: OPEN_RUNS,
            UpdateExpression: 'DELETE runIds :runs',
            ExpressionAttributeValues: { ':runs': new Set(['run-b']) },
          },
        ],
      ]);
    });

    it('lists recent runs from index byAccount under RUNS, newest first, one query of at most the limit', async () => {
      const run = aRun('run-2', 3, { completedItems: 0 });
      const { completedItems: _c, status: _s, report: _r, notified: _n, ...stored } = run;
      ddb.on(QueryCommand).resolves({ Items: [{ ...runKey('run-2'), run: stored, status: 'RUNNING', doneCount: 2 }] });
      expect(await make().recentRuns(5)).toEqual([{ ...run, completedItems: 2 }]);
      expect(requests()).toEqual([
        [
          'QueryCommand',
          {
            TableName,
            IndexName: 'byAccount',
            KeyConditionExpression: 'gsi1pk = :account',
            ExpressionAttributeValues: { ':account': 'RUNS' },
            ScanIndexForward: false,
            Limit: 5,
          },
        ],
      ]);
    });

    it('stores the first report only, its failures cut to the limit, drops the desired contacts, and answers the stored report after', async () => {
      const run = aRun('run-1', 1);
      const failures = Array.from({ length: STORED_FAILURES_LIMIT + 5 }, (_, i) => ({
        accountId: accountIdFor(i),
        kind: 'SECURITY' as const,
        errorCode: 'THROTTLED',
      }));
      const first = aReport(run, { failures, failed: failures.length });
      const kept = { ...first, failures: failures.slice(0, STORED_FAILURES_LIMIT) };
      ddb.on(UpdateCommand).resolvesOnce({}).rejects(conditionFailed());
      ddb.on(GetCommand).resolves({ Item: { ...runKey('run-1'), run, status: 'FINISHED', report: kept } });
      expect(await make().finishRun('run-1', first)).toEqual(kept);
      expect(await make().finishRun('run-1', aReport(run))).toEqual(kept);
      expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
        TableName,
        Key: runKey('run-1'),
        UpdateExpression: 'SET #status = :finished, report = :report REMOVE run.desired',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :finished',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':finished': 'FINISHED', ':report': kept },
      });
    });

    it('marks a run notified, then takes it out of the open set', async () => {
      ddb.on(UpdateCommand).resolves({});
      await make().markNotified('run-1');
      expect(requests()).toEqual([
        [
          'UpdateCommand',
          {
            TableName,
            Key: runKey('run-1'),
            UpdateExpression: 'SET notified = :true',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':true': true },
          },
        ],
        [
          'UpdateCommand',
          { TableName, Key: OPEN_RUNS, UpdateExpression: 'DELETE runIds :run', ExpressionAttributeValues: { ':run': new Set(['run-1']) } },
        ],
      ]);
    });
  });

  describe('items', () => {
    const claim = {
      TableName,
      Key: itemKey,
      UpdateExpression: 'SET holder = :me, leaseUntil = :until',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(done) AND (attribute_not_exists(holder) OR holder = :me OR leaseUntil <= :now)',
      ExpressionAttributeValues: { ':me': 'w1', ':until': NOW + 60_000, ':now': NOW },
    };

    it('stores items in batches of 25 under zero-padded indexes, replacing', async () => {
      ddb.on(BatchWriteCommand).resolves({});
      const items = someItems('run-1', 30);
      await make().putItems(items);
      const expiresAt = auditExpiresAt(NOW);
      const put = (i: number) => ({
        PutRequest: { Item: { pk: 'RUN#run-1', sk: `ITEM#${String(i).padStart(6, '0')}`, item: items[i], expiresAt } },
      });
      expect(requests()).toEqual([
        ['BatchWriteCommand', { RequestItems: { [TableName]: Array.from({ length: 25 }, (_, i) => put(i)) } }],
        ['BatchWriteCommand', { RequestItems: { [TableName]: [25, 26, 27, 28, 29].map(put) } }],
      ]);
    });

    it('leases an item with one conditional update', async () => {
      ddb.on(UpdateCommand).resolves({});
      expect(await make().claimItem('run-1', 'run-1:3', 'w1', NOW, 60_000)).toBe('CLAIMED');
      expect(requests()).toEqual([['UpdateCommand', claim]]);
    });

    it.each([
      [{ Item: { ...itemKey, done: true, holder: 'w0' } }, 'DONE'],
      [{ Item: { ...itemKey, holder: 'w0', leaseUntil: NOW + 1 } }, 'BUSY'],
      [{}, 'UNKNOWN'],
    ])('reads the item when the lease condition fails: %j is %s', async (found, answer) => {
      ddb.on(UpdateCommand).rejects(conditionFailed());
      ddb.on(GetCommand).resolves(found);
      expect(await make().claimItem('run-1', 'run-1:3', 'w1', NOW, 60_000)).toBe(answer);
      expect(requests()).toEqual([
        ['UpdateCommand', claim],
        ['GetCommand', { TableName, Key: itemKey, ConsistentRead: true }],
      ]);
    });

    it('knows without a request that an id not of the form <runId>:<index> is no item', async () => {
      const state = make();
      expect(await state.claimItem('run-1', 'run-2:3', 'w1', NOW, 60_000)).toBe('UNKNOWN');
      expect(await state.claimItem('run-1', 'run-1:03', 'w1', NOW, 60_000)).toBe('UNKNOWN');
      expect(await state.completeItem('run-1', 'run-1:x', AT)).toBeUndefined();
      expect(requests()).toEqual([]);
    });

    it('releases an item only for its holder', async () => {
      ddb.on(UpdateCommand).rejects(conditionFailed());
      await make().releaseItem('run-1', 'run-1:3', 'w1');
      expect(requests()).toEqual([
        [
          'UpdateCommand',
          {
            TableName,
            Key: itemKey,
            UpdateExpression: 'REMOVE holder, leaseUntil',
            ConditionExpression: 'holder = :me',
            ExpressionAttributeValues: { ':me': 'w1' },
          },
        ],
      ]);
    });

    const markDone = [
      'UpdateCommand',
      {
        TableName,
        Key: itemKey,
        UpdateExpression: 'SET done = :true',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(done)',
        ExpressionAttributeValues: { ':true': true },
      },
    ];
    const claimFinisher = [
      'UpdateCommand',
      {
        TableName,
        Key: runKey('run-1'),
        UpdateExpression: 'SET finisher = :item',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(finisher)',
        ExpressionAttributeValues: { ':item': 'run-1:3' },
      },
    ];

    it('marks the item done, then counts it on the run, and answers where the run stands after the count', async () => {
      ddb
        .on(UpdateCommand)
        .resolvesOnce({})
        .resolvesOnce({ Attributes: { ...runKey('run-1'), run: { totalItems: 4, launch: 'LAUNCHED' }, doneCount: 4 } });
      expect(await make().completeItem('run-1', 'run-1:3', AT)).toEqual({ launch: 'LAUNCHED', remaining: 0, finishClaimed: false });
      expect(requests()).toEqual([
        markDone,
        [
          'UpdateCommand',
          {
            TableName,
            Key: runKey('run-1'),
            UpdateExpression: 'SET run.progressAt = :now ADD doneCount :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': AT, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          },
        ],
      ]);
    });

    it('counts a repeated completion nothing, and reads the run instead (whose finish may be claimed)', async () => {
      ddb.on(UpdateCommand).rejects(conditionFailed());
      ddb.on(GetCommand, { TableName, Key: itemKey, ConsistentRead: true }).resolves({ Item: { ...itemKey, done: true } });
      ddb
        .on(GetCommand, { TableName, Key: runKey('run-1'), ConsistentRead: true })
        .resolves({ Item: { run: { totalItems: 4, launch: 'CLAIMED' }, doneCount: 3, finisher: 'run-1:0' } });
      expect(await make().completeItem('run-1', 'run-1:3', AT)).toEqual({ launch: 'CLAIMED', remaining: 1, finishClaimed: true });
      expect(requests()).toEqual([
        markDone,
        ['GetCommand', { TableName, Key: itemKey, ConsistentRead: true }],
        ['GetCommand', { TableName, Key: runKey('run-1'), ConsistentRead: true }],
      ]);
    });

    it('answers undefined for an item that is not stored, without reading the run', async () => {
      ddb.on(UpdateCommand).rejects(conditionFailed());
      ddb.on(GetCommand).resolves({});
      expect(await make().completeItem('run-1', 'run-1:3', AT)).toBeUndefined();
      expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
    });

    it('claims the finish with one conditional update; a failed condition means another claimed it', async () => {
      ddb.on(UpdateCommand).resolvesOnce({}).rejects(conditionFailed());
      expect(await make().claimFinish('run-1', 'run-1:3')).toBe(true);
      expect(await make().claimFinish('run-1', 'run-1:3')).toBe(false);
      expect(requests()).toEqual([claimFinisher, claimFinisher]);
    });
  });

  describe('outcomes and intents', () => {
    it('puts each outcome on condition that none is stored, the first of a repeated key, a few at a time', async () => {
      let inFlight = 0;
      let most = 0;
      ddb.on(PutCommand).callsFake(async (input: { Item: { sk: string } }) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        // Stored before: not an error.
        if (input.Item.sk === `OUTCOME#${accountIdFor(1)}#SECURITY`) throw conditionFailed();
        return {};
      });
      const outcomes = Array.from({ length: 25 }, (_, i) => anOutcome('run-1', accountIdFor(i), 'SECURITY', AT));
      await make().recordOutcomes([...outcomes, anOutcome('run-1', accountIdFor(0), 'SECURITY', AT, { status: 'FAILED' })]);
      expect(most).toBe(OUTCOME_PUT_CONCURRENCY);
      expect(ddb.commandCalls(PutCommand).map((call) => call.args[0].input)).toEqual(
        outcomes.map((outcome) => ({
          TableName,
          Item: {
            pk: 'RUN#run-1',
            sk: `OUTCOME#${outcome.accountId}#SECURITY`,
            outcome,
            expiresAt: auditExpiresAt(Date.parse(AT)),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        })),
      );
    });

    it('replaces a write intent with a plain put', async () => {
      ddb.on(PutCommand).resolves({});
      const intent = anIntent('run-1', accountIdFor(1), 'PRIMARY');
      await make().recordIntent(intent);
      expect(requests()).toEqual([
        [
          'PutCommand',
          {
            TableName,
            Item: { pk: 'RUN#run-1', sk: `INTENT#${accountIdFor(1)}#PRIMARY`, intent, expiresAt: auditExpiresAt(Date.parse(intent.at)) },
          },
        ],
      ]);
    });

    it('reads an item progress by key, 100 keys a request, asking again for unprocessed keys after a backoff', async () => {
      const accounts = Array.from({ length: 13 }, (_, i) => accountIdFor(i));
      // Account by account, kind by kind: the outcome key, then the intent key.
      const keys = accounts
        .flatMap((a) => CONTACT_KINDS.flatMap((k) => [`OUTCOME#${a}#${k}`, `INTENT#${a}#${k}`]))
        .map((sk) => ({ pk: 'RUN#run-1', sk }));
      const intentKey = { pk: 'RUN#run-1', sk: `INTENT#${accountIdFor(0)}#SECURITY` };
      const outcomeKey = { pk: 'RUN#run-1', sk: `OUTCOME#${accountIdFor(12)}#PRIMARY` };
      const intent = anIntent('run-1', accountIdFor(0), 'SECURITY');
      const outcome = anOutcome('run-1', accountIdFor(12), 'PRIMARY', AT);
      ddb
        .on(BatchGetCommand)
        .resolvesOnce({ Responses: { [TableName]: [{ ...intentKey, intent }] }, UnprocessedKeys: { [TableName]: { Keys: [outcomeKey] } } })
        .resolvesOnce({ Responses: { [TableName]: [{ ...outcomeKey, outcome }] } })
        .resolves({ Responses: { [TableName]: [] } });
      const time = new ManualTime(NOW);
      expect(await make(time).itemProgress('run-1', [...accounts, accountIdFor(0)])).toEqual({ outcomes: [outcome], intents: [intent] });
      expect(requests()).toEqual([
        ['BatchGetCommand', { RequestItems: { [TableName]: { Keys: keys.slice(0, 100), ConsistentRead: true } } }],
        ['BatchGetCommand', { RequestItems: { [TableName]: { Keys: [outcomeKey], ConsistentRead: true } } }],
        ['BatchGetCommand', { RequestItems: { [TableName]: { Keys: keys.slice(100), ConsistentRead: true } } }],
      ]);
      expect(time.sleeps).toEqual([50]);
    });

    it('lists a run intents with a consistent query, page after page', async () => {
      const intents = [anIntent('run-1', accountIdFor(1), 'PRIMARY'), anIntent('run-1', accountIdFor(2), 'PRIMARY')];
      ddb
        .on(QueryCommand)
        .resolvesOnce({ Items: [{ intent: intents[0] }], LastEvaluatedKey: { pk: 'RUN#run-1', sk: 'INTENT#x' } })
        .resolves({ Items: [{ intent: intents[1] }] });
      expect(await make().listIntents('run-1')).toEqual(intents);
      const query = {
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'RUN#run-1', ':prefix': 'INTENT#' },
        ConsistentRead: true,
      };
      expect(requests()).toEqual([
        ['QueryCommand', query],
        ['QueryCommand', { ...query, ExclusiveStartKey: { pk: 'RUN#run-1', sk: 'INTENT#x' } }],
      ]);
    });
  });

  it.each([
    ['THROTTLED', new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} })],
    ['ACCESS_DENIED', new DynamoDBServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: {}, message: 'no' })],
    ['STORAGE_FAILED', new ResourceNotFoundException({ message: 'no table', $metadata: {} })],
    ['STORAGE_FAILED', new InternalServerError({ message: 'oops', $metadata: {} })],
  ])('turns a DynamoDB failure into an AwsAdapterError %s naming the operation, never a value', async (code, error) => {
    ddb.on(PutCommand).rejects(error);
    const intent = anIntent('run-1', accountIdFor(1), 'PRIMARY');
    const failure = make().recordIntent(intent);
    await expect(failure).rejects.toMatchObject({
      name: 'AwsAdapterError',
      code,
      message: `DynamoDB PutItem failed: ${error.name}`,
      cause: error,
    });
    expect(requests()).toEqual([
      [
        'PutCommand',
        {
          TableName,
          Item: { pk: 'RUN#run-1', sk: `INTENT#${accountIdFor(1)}#PRIMARY`, intent, expiresAt: auditExpiresAt(Date.parse(intent.at)) },
        },
      ],
    ]);
  });
});
