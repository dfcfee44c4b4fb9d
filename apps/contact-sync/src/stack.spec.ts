import { MAX_REPLAY_ATTEMPTS, parseSyncConfig, WORK_ITEM_LIMITS } from '@contact-sync/domain';
import { DEPLOYMENT } from '@contact-sync/functions';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  actionsOf as actions,
  leadingKeyPatterns,
  packagedConditions,
  packagedResources,
  packagedStackPolicy,
  printedStack,
  Resource,
  roleStatements,
  stateWriteStatements,
  Statement,
  stringLike,
  TEMPLATE_PATH,
} from './testing/packaged-stack';

// `serverless package` runs before these tests (the test target depends on the package target).
const root = join(__dirname, '..');
const template = { Resources: packagedResources() };
const conditions = packagedConditions();
const resources = Object.entries(template.Resources);
const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
const resource = (name: string): Resource => {
  const found = template.Resources[name];
  if (!found) throw new Error(`${name} is not in the template`);
  return found;
};
const FUNCTIONS = ['contactChange', 'accountWorker', 'finishRun', 'newAccount', 'accountChange', 'scheduledReconcile', 'sweepRuns'];
const logicalName = (fn: string) => fn[0]?.toUpperCase() + fn.slice(1);
const ROLES = FUNCTIONS.map((fn) => `${logicalName(fn)}Role`);
const statementsOf = (role: string): Statement[] => roleStatements(template.Resources, role);
const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const policyStatements = (policy: Resource): Statement[] => (policy.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement;

describe('the packaged stack', () => {
  it('was packaged', () => {
    expect(existsSync(TEMPLATE_PATH)).toBe(true);
  });

  describe('functions', () => {
    it.each(FUNCTIONS)('%s runs Node 22 on arm64 with its own role', (fn) => {
      const props = resource(`${logicalName(fn)}LambdaFunction`).Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Role: { 'Fn::GetAtt': [`${logicalName(fn)}Role`, 'Arn'] },
      });
    });

    it.each(FUNCTIONS)('%s is bundled on its own, under 5 MB', (fn) => {
      const zip = join(root, '.serverless', `${fn}.zip`);
      expect(statSync(zip).size).toBeLessThan(5 * 1024 * 1024);
      const sizes = JSON.parse(readFileSync(join(root, 'dist', 'bundle-sizes.json'), 'utf8')) as Record<string, number>;
      expect(sizes[fn]).toBeLessThan(5 * 1024 * 1024);
    });

    it('sweeps one at a time: the sweeper reserves one concurrent execution, and a throttled tick expires before the next', () => {
      const reserved = FUNCTIONS.map((fn) => [fn, resource(`${logicalName(fn)}LambdaFunction`).Properties['ReservedConcurrentExecutions']]);
      expect(reserved).toEqual(FUNCTIONS.map((fn) => [fn, fn === 'sweepRuns' ? 1 : undefined]));
      const schedule = ofType('AWS::Events::Rule').find(([, r]) => r.Properties['ScheduleExpression'] === 'rate(5 minutes)');
      expect(JSON.stringify(schedule?.[1].Properties['Targets'])).toContain('SweepRunsLambdaFunction');
      const maxAge = resource('SweepRunsLambdaEvConf').Properties['MaximumEventAgeInSeconds'] as number;
      expect(maxAge).toBeGreaterThanOrEqual(60);
      expect(maxAge).toBeLessThan(5 * 60);
    });

    it('publishes no function versions, which osls would keep for ever', () => {
      expect(ofType('AWS::Lambda::Version')).toEqual([]);
    });

    it('no function uses a shared default role', () => {
      expect(template.Resources['IamRoleLambdaExecution']).toBeUndefined();
    });

    it('ships a valid initial sync configuration', () => {
      const env = (resource('ContactChangeLambdaFunction').Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(parseSyncConfig(JSON.parse(env['INITIAL_SYNC_CONFIG'] as string)).ok).toBe(true);
    });
  });

  describe('event rules', () => {
    const patterns = ofType('AWS::Events::Rule').map(([, r]) => r.Properties['EventPattern'] as Record<string, unknown> | undefined);

    it('routes only successful contact writes recorded in the stack’s own account and naming no member, in either key case, to the contact change handler', () => {
      const stackAccount = [{ Ref: 'AWS::AccountId' }];
      expect(patterns).toContainEqual({
        source: ['aws.account'],
        'detail-type': ['AWS API Call via CloudTrail'],
        account: stackAccount,
        detail: {
          eventSource: ['account.amazonaws.com'],
          eventName: ['PutContactInformation', 'PutAlternateContact', 'DeleteAlternateContact'],
          recipientAccountId: stackAccount,
          errorCode: [{ exists: false }],
          requestParameters: { accountId: [{ exists: false }], AccountId: [{ exists: false }] },
        },
      });
    });

    it('routes accounts that join: created, invited, and created or re-enrolled by Control Tower', () => {
      expect(patterns).toContainEqual(
        expect.objectContaining({ source: ['aws.organizations'], detail: expect.objectContaining({ eventName: ['CreateAccountResult'] }) }),
      );
      expect(patterns).toContainEqual({
        source: ['aws.organizations'],
        'detail-type': ['AWS Service Event via CloudTrail', 'AWS API Call via CloudTrail'],
        detail: { eventSource: ['organizations.amazonaws.com'], eventName: ['AccountJoinedOrganization'], errorCode: [{ exists: false }] },
      });
      for (const [eventName, status] of [
        ['CreateManagedAccount', 'createManagedAccountStatus'],
        ['UpdateManagedAccount', 'updateManagedAccountStatus'],
      ] as const) {
        expect(patterns).toContainEqual({
          source: ['aws.controltower'],
          'detail-type': ['AWS Service Event via CloudTrail'],
          detail: { eventName: [eventName], serviceEventDetails: { [status]: { state: ['SUCCEEDED'] } } },
        });
      }
    });

    it('routes successful moves and tag changes of accounts to the account change handler', () => {
      expect(patterns).toContainEqual({
        source: ['aws.organizations'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['organizations.amazonaws.com'],
          eventName: ['MoveAccount', 'TagResource', 'UntagResource'],
          errorCode: [{ exists: false }],
        },
      });
    });

    it('gives every event target retries and a dead-letter queue', () => {
      const targets = ofType('AWS::Events::Rule')
        .filter(([, r]) => r.Properties['EventPattern'])
        .flatMap(([, r]) => r.Properties['Targets'] as Record<string, unknown>[]);
      expect(targets.length).toBe(6);
      for (const target of targets)
        expect(target).toMatchObject({
          RetryPolicy: { MaximumRetryAttempts: 8 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] } },
        });
    });

    it('sends an event its asynchronous function failed on every attempt (two retries, or older than an hour) to the failure queue', () => {
      for (const fn of ['contactChange', 'newAccount', 'accountChange', 'scheduledReconcile']) {
        expect(resource(`${logicalName(fn)}LambdaEvConf`).Properties).toEqual({
          FunctionName: { Ref: `${logicalName(fn)}LambdaFunction` },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: 2,
          MaximumEventAgeInSeconds: 3600,
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedEventsQueue', 'Arn'] } } },
        });
      }
      // The sweeper's retry is its next run; a schedule event in the failure queue is always the reconcile's.
      expect(resource('SweepRunsLambdaEvConf').Properties).toMatchObject({ MaximumRetryAttempts: 0, DestinationConfig: {} });
      expect(ofType('AWS::Lambda::EventInvokeConfig')).toHaveLength(5);
    });

    it('resyncs every day by default (dev included: its configuration is dry, so the resync only plans), and sweeps runs every five minutes', () => {
      const schedules = ofType('AWS::Events::Rule').filter(([, r]) => r.Properties['ScheduleExpression']);
      expect(schedules.map(([, r]) => [r.Properties['ScheduleExpression'], r.Properties['State']])).toEqual([
        ['rate(1 day)', 'ENABLED'],
        ['rate(5 minutes)', 'ENABLED'],
      ]);
    });
  });

  describe('IAM, per function', () => {
    const roles = FUNCTIONS.map((fn) => `${logicalName(fn)}Role`);

    it.each(roles)('%s grants no wildcard action', (role) => {
      for (const statement of statementsOf(role)) for (const action of actions(statement)) expect(action).not.toMatch(/\*/);
    });

    it.each(roles)('%s scopes every resource, except the Organizations reads of the organization and its tree', (role) => {
      const unscoped = [
        'organizations:DescribeOrganization',
        'organizations:ListAccounts',
        'organizations:ListRoots',
        'organizations:ListAccountsForParent',
        'organizations:ListOrganizationalUnitsForParent',
        'organizations:ListParents',
      ];
      for (const statement of statementsOf(role)) {
        if (statement.Resource === '*') for (const action of actions(statement)) expect(unscoped).toContain(action);
        for (const action of actions(statement))
          if (action === 'organizations:DescribeAccount' || action === 'organizations:ListTagsForResource')
            expect(statement.Resource).toEqual({ 'Fn::Sub': 'arn:aws:organizations::${AWS::AccountId}:account/o-a1b2c3d4e5/*' });
      }
    });

    it('gives the tree walk to the functions that list the organization, ListParents to those that onboard and to the worker, and tags to the worker and onboarding', () => {
      const granted = (action: string) => roles.filter((role) => statementsOf(role).some((s) => actions(s).includes(action)));
      const listing = ['ContactChangeRole', 'ScheduledReconcileRole', 'SweepRunsRole'];
      for (const action of ['ListRoots', 'ListAccountsForParent', 'ListOrganizationalUnitsForParent'])
        expect(granted(`organizations:${action}`)).toEqual(listing);
      // The worker reads an account's parent again before each write when OU rules exist (the check before the write).
      expect(granted('organizations:ListParents')).toEqual(['AccountWorkerRole', 'NewAccountRole', 'AccountChangeRole', 'SweepRunsRole']);
      // An onboarding's run is named after the account's parent and tags when rules read them (and the sweeper replays onboardings).
      expect(granted('organizations:ListTagsForResource')).toEqual(['AccountWorkerRole', 'NewAccountRole', 'SweepRunsRole']);
    });

    it('only the account worker writes contacts, and only on member accounts of the organization', () => {
      const writers = roles.filter((role) => statementsOf(role).some((s) => actions(s).some((a) => /^account:(Put|Delete)/.test(a))));
      expect(writers).toEqual(['AccountWorkerRole']);
      const write = statementsOf('AccountWorkerRole').find((s) => actions(s).includes('account:PutAlternateContact'));
      expect(write?.Resource).toEqual({ 'Fn::Sub': 'arn:aws:account::${AWS::AccountId}:account/o-a1b2c3d4e5/*' });
    });

    it('gives each role only its own table, queue and topic', () => {
      const refs = new Set(roles.flatMap((role) => statementsOf(role).map((s) => JSON.stringify(s.Resource))));
      for (const ref of refs)
        expect(ref).toMatch(
          /StateTable|AuditTable|WorkQueue|FailedEventsQueue|NotificationTopic|FingerprintSecret|UndoKeySecret|arn:aws:account|arn:aws:organizations|arn:aws:logs|"\*"/,
        );
      expect(statementsOf('FinishRunRole').map((s) => s.Sid)).toEqual([
        'WriteOwnLogs',
        'ReadRunState',
        'WriteRunState',
        'AppendAudit',
        'NotifyRunFinished',
      ]);
    });

    it('lets the worker consume its queue with exactly what the event source mapping needs (no ChangeMessageVisibility)', () => {
      expect(statementsOf('AccountWorkerRole').find((s) => s.Sid === 'ConsumeWorkItems')?.Action).toEqual([
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
      ]);
    });
  });

  describe('state table writes, scoped by partition key', () => {
    // The key prefixes each function's use cases write (README, "Table design"); no function writes CONFIG.
    const WRITES: Record<string, string[]> = {
      ContactChangeRole: ['EVENT#*', 'HEAD#*', 'OPEN_RUNS', 'RUN#*'],
      AccountWorkerRole: ['DOUBTS', 'OPEN_RUNS', 'RUN#*'],
      FinishRunRole: ['OPEN_RUNS', 'RUN#*'],
      NewAccountRole: ['OPEN_RUNS', 'RUN#*'],
      AccountChangeRole: ['EVENT#*', 'OPEN_RUNS', 'RUN#*'],
      ScheduledReconcileRole: ['HEAD#*', 'OPEN_RUNS', 'RUN#*'],
      SweepRunsRole: ['DOUBTS', 'EVENT#*', 'HEAD#*', 'OPEN_RUNS', 'RUN#*'],
    };

    it('covers every role', () => {
      expect(Object.keys(WRITES).sort()).toEqual([...ROLES].sort());
    });

    it.each(Object.entries(WRITES))('%s writes only under %j, and only with the key present', (role, prefixes) => {
      const writes = stateWriteStatements(template.Resources, role);
      expect(writes.length).toBeGreaterThan(0);
      for (const statement of writes) {
        expect(statement.Condition).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes },
          Null: { 'dynamodb:LeadingKeys': 'false' },
        });
      }
    });

    it('lets no function write the configuration item', () => {
      const patterns = ROLES.flatMap((role) => stateWriteStatements(template.Resources, role).flatMap(leadingKeyPatterns));
      expect(patterns.length).toBeGreaterThan(0);
      for (const pattern of patterns) expect(stringLike(pattern, 'CONFIG')).toBe(false);
      expect(stringLike('RUN#*', 'RUN#chg-e1')).toBe(true);
    });
  });

  describe('queues and the topic', () => {
    const denyWithoutTls = (statement: Statement, action: string, resource: unknown) =>
      statement.Effect === 'Deny' &&
      statement.Principal === '*' &&
      actions(statement).includes(action) &&
      list(statement.Resource).some((r) => JSON.stringify(r) === JSON.stringify(resource)) &&
      JSON.stringify(statement.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } });

    it.each(ofType('AWS::SQS::Queue').map(([name]) => name))('%s refuses every request not sent over TLS', (queue) => {
      const policies = ofType('AWS::SQS::QueuePolicy').filter(([, p]) =>
        list(p.Properties['Queues']).some((q) => JSON.stringify(q) === JSON.stringify({ Ref: queue })),
      );
      expect(
        policies.flatMap(([, p]) => policyStatements(p)).some((s) => denyWithoutTls(s, 'sqs:*', { 'Fn::GetAtt': [queue, 'Arn'] })),
      ).toBe(true);
    });

    it.each(ofType('AWS::SNS::Topic').map(([name]) => name))('%s refuses publishing and subscribing not over TLS', (topic) => {
      const policies = ofType('AWS::SNS::TopicPolicy').filter(([, p]) =>
        list(p.Properties['Topics']).some((t) => JSON.stringify(t) === JSON.stringify({ Ref: topic })),
      );
      const statements = policies.flatMap(([, p]) => policyStatements(p));
      expect(statements.some((s) => denyWithoutTls(s, 'sns:Publish', { Ref: topic }) && actions(s).includes('sns:Subscribe'))).toBe(true);
    });

    it('takes dead letters only from the rules that use the events DLQ, by rule ARN', () => {
      const rules = ofType('AWS::Events::Rule').filter(([, r]) =>
        JSON.stringify(r.Properties['Targets'] ?? []).includes('"EventsDeadLetterQueue"'),
      );
      const ruleArns = rules.map(([, r]) => ({
        'Fn::Sub': `arn:aws:events:\${AWS::Region}:\${AWS::AccountId}:rule/${r.Properties['Name'] as string}`,
      }));
      const allows = policyStatements(resource('EventsDeadLetterQueuePolicy')).filter((s) => s.Effect === 'Allow');
      expect(allows).toEqual([
        {
          Sid: 'EventRulesDeadLetters',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] },
          Condition: { ArnEquals: { 'aws:SourceArn': expect.arrayContaining(ruleArns) } },
        },
      ]);
      expect((allows[0]?.Condition?.['ArnEquals']?.['aws:SourceArn'] as unknown[]).length).toBe(ruleArns.length);
    });

    // A moved message keeps its first enqueue time, so its DLQ must keep it longer than the queue did.
    // Work items expire after 4 days (a run is over within hours), so a dead letter stays at least 10
    // days. Failed events are kept 14 days until the sweeper replays them; one that fails moves within
    // hours while the sweeper runs, so it too stays in its DLQ for about 14 days.
    const RETENTION_DAYS: Record<string, [queue: number, dlq: number]> = { WorkQueue: [4, 14], FailedEventsQueue: [4, 14] };

    it('redrives exactly the queues whose retention is decided', () => {
      const redriven = ofType('AWS::SQS::Queue').filter(([, q]) => q.Properties['RedrivePolicy']);
      expect(redriven.map(([name]) => name).sort()).toEqual(Object.keys(RETENTION_DAYS).sort());
    });

    it.each(Object.entries(RETENTION_DAYS))(
      '%s and its DLQ keep messages %j days, so that a dead letter does not expire early',
      (queue, [queueDays, dlqDays]) => {
        const dlq = (resource(queue).Properties['RedrivePolicy'] as { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] } })
          .deadLetterTargetArn['Fn::GetAtt'][0];
        const retention = (name: string) => resource(name).Properties['MessageRetentionPeriod'] as number;
        expect([retention(queue), retention(dlq)]).toEqual([queueDays * 86_400, dlqDays * 86_400]);
      },
    );
  });

  describe('the audit fingerprint key', () => {
    const environmentOf = (fn: string) =>
      (resource(`${logicalName(fn)}LambdaFunction`).Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;

    it('is generated by Secrets Manager (no value in the template) and kept with the audit table', () => {
      const secret = resource('FingerprintSecret');
      expect(secret.Type).toBe('AWS::SecretsManager::Secret');
      expect(secret.Properties['SecretString']).toBeUndefined();
      expect(secret.Properties['GenerateSecretString']).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
      expect([secret.DeletionPolicy, resource('AuditTable').DeletionPolicy]).toEqual(['Retain', 'Retain']);
    });

    it('is read only by the function that writes the audit, through its role and its environment', () => {
      const readers = FUNCTIONS.filter((fn) =>
        statementsOf(`${logicalName(fn)}Role`).some((s) => actions(s).some((a) => a.startsWith('secretsmanager:'))),
      );
      expect(readers).toEqual(['accountWorker']);
      expect(statementsOf('AccountWorkerRole').filter((s) => actions(s).some((a) => a.startsWith('secretsmanager:')))).toEqual([
        { Sid: 'ReadFingerprintKey', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: { Ref: 'FingerprintSecret' } },
        { Sid: 'ReadUndoKey', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: { Ref: 'UndoKeySecret' } },
      ]);
      expect(FUNCTIONS.filter((fn) => environmentOf(fn)['FINGERPRINT_SECRET_ARN'] !== undefined)).toEqual(['accountWorker']);
      expect(environmentOf('accountWorker')['FINGERPRINT_SECRET_ARN']).toEqual({ Ref: 'FingerprintSecret' });
    });
  });

  describe('the undo key (the previous values are sealed with it)', () => {
    const environmentOf = (fn: string) =>
      (resource(`${logicalName(fn)}LambdaFunction`).Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
    const allRoles = () => resources.filter(([, r]) => r.Type === 'AWS::IAM::Role').map(([id]) => id);
    const mentions = (role: string, id: string) => statementsOf(role).some((s) => JSON.stringify(s.Resource).includes(id));

    it('is generated by Secrets Manager (no value in the template), kept on deletion and protected from replacement', () => {
      const secret = resource('UndoKeySecret');
      expect(secret.Type).toBe('AWS::SecretsManager::Secret');
      expect(secret.Properties['SecretString']).toBeUndefined();
      expect(secret.Properties['GenerateSecretString']).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
      expect([secret.DeletionPolicy, secret.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
      expect(packagedStackPolicy()[0]?.Resource).toContain('LogicalResourceId/UndoKeySecret');
    });

    it('is readable only by the worker’s role and RollbackRole, and given only to the worker', () => {
      expect(allRoles().filter((role) => mentions(role, 'UndoKeySecret'))).toEqual(['AccountWorkerRole', 'RollbackRole']);
      for (const role of ['AccountWorkerRole', 'RollbackRole'])
        expect(statementsOf(role).filter((s) => JSON.stringify(s.Resource).includes('UndoKeySecret'))).toEqual([
          { Sid: 'ReadUndoKey', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: { Ref: 'UndoKeySecret' } },
        ]);
      // No wildcard secret grant anywhere reaches it by another way.
      for (const role of allRoles())
        for (const s of statementsOf(role).filter((st) => actions(st).some((a) => a.startsWith('secretsmanager:'))))
          expect(JSON.stringify(s.Resource)).toMatch(/^\{"Ref":"(FingerprintSecret|UndoKeySecret)"\}$/);
      expect(FUNCTIONS.filter((fn) => environmentOf(fn)['UNDO_KEY_SECRET_ARN'] !== undefined)).toEqual(['accountWorker']);
      expect(environmentOf('accountWorker')['UNDO_KEY_SECRET_ARN']).toEqual({ Ref: 'UndoKeySecret' });
    });

    it('RollbackRole is assumable from the management account only, restores only member accounts, and is output with the key', () => {
      const role = resource('RollbackRole');
      expect(role.Properties['AssumeRolePolicyDocument']).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } }, Action: 'sts:AssumeRole' },
        ],
      });
      for (const statement of statementsOf('RollbackRole')) for (const action of actions(statement)) expect(action).not.toMatch(/\*/);
      const write = statementsOf('RollbackRole').find((s) => actions(s).includes('account:PutAlternateContact'));
      expect(write?.Resource).toEqual({ 'Fn::Sub': 'arn:aws:account::${AWS::AccountId}:account/o-a1b2c3d4e5/*' });
      const outputs = (
        JSON.parse(readFileSync(join(root, '.serverless/cloudformation-template-update-stack.json'), 'utf8')) as {
          Outputs: Record<string, { Value: unknown }>;
        }
      ).Outputs;
      expect([outputs['UndoKeySecretArn']?.Value, outputs['RollbackRoleArn']?.Value]).toEqual([
        { Ref: 'UndoKeySecret' },
        { 'Fn::GetAtt': ['RollbackRole', 'Arn'] },
      ]);
    });
  });

  describe('the failure queue', () => {
    const onFailureQueue = (s: Statement) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': ['FailedEventsQueue', 'Arn'] });

    // 4 days: less than its dead-letter queue's 14 (a dead letter keeps its first enqueue time), and far more than the 24 receives
    // (about six hours) after which the replay gives an event up.
    it('is encrypted, keeps an event 4 days, and hides a received one for longer than a sweep', () => {
      expect(resource('FailedEventsQueue').Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 345600 });
      expect(resource('FailedEventsQueue').Properties['VisibilityTimeout']).toBeGreaterThan(
        resource('SweepRunsLambdaFunction').Properties['Timeout'] as number,
      );
    });

    it('may be written only by the asynchronous functions (Lambda delivers with their roles), and read only by the sweeper', () => {
      const access = FUNCTIONS.map((fn) => [
        fn,
        statementsOf(`${logicalName(fn)}Role`)
          .filter(onFailureQueue)
          .flatMap(actions),
      ]);
      expect(access).toEqual([
        ['contactChange', ['sqs:SendMessage']],
        ['accountWorker', []],
        ['finishRun', []],
        ['newAccount', ['sqs:SendMessage']],
        ['accountChange', ['sqs:SendMessage']],
        ['scheduledReconcile', ['sqs:SendMessage']],
        ['sweepRuns', ['sqs:ReceiveMessage', 'sqs:DeleteMessage']],
      ]);
    });

    it('the sweeper may describe the member accounts whose onboarding it replays', () => {
      expect(statementsOf('SweepRunsRole').find((s) => actions(s).includes('organizations:DescribeAccount'))?.Resource).toEqual({
        'Fn::Sub': 'arn:aws:organizations::${AWS::AccountId}:account/o-a1b2c3d4e5/*',
      });
    });

    it('is alarmed on every event that lands or waits there, and the alarm is on the dashboard', () => {
      const alarm = resource('FailedEventsQueueAlarm').Properties;
      expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
      const metrics = alarm['Metrics'] as { Id: string; MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } } }[];
      expect(metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat?.Metric.MetricName)).toEqual([
        'NumberOfMessagesSent',
        'ApproximateNumberOfMessagesVisible',
        'ApproximateNumberOfMessagesNotVisible',
      ]);
      for (const m of metrics.filter((m) => m.MetricStat))
        expect(m.MetricStat?.Metric.Dimensions).toEqual([
          { Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailedEventsQueue', 'QueueName'] } },
        ]);
      expect(JSON.stringify(resource('Dashboard').Properties['DashboardBody'])).toContain('${FailedEventsQueueAlarm.Arn}');
    });

    it('moves an event whose replay failed on the replay’s last try to a dead-letter queue of its own, encrypted and kept 14 days', () => {
      expect(resource('FailedEventsQueue').Properties['RedrivePolicy']).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': ['FailedEventsDeadLetterQueue', 'Arn'] },
        maxReceiveCount: MAX_REPLAY_ATTEMPTS,
      });
      expect(resource('FailedEventsDeadLetterQueue')).toEqual({
        Type: 'AWS::SQS::Queue',
        Properties: { QueueName: 'contact-sync-dev-failed-events-dlq', MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
      });
      // No function reads or writes it: SQS moves the events there, and an operator's redrive moves them back.
      for (const role of ROLES) expect(JSON.stringify(statementsOf(role))).not.toContain('FailedEventsDeadLetterQueue');
    });

    it('alarms as soon as an event lands in its dead-letter queue, and the alarm is on the dashboard', () => {
      expect(resource('FailedEventsDeadLetterQueueAlarm').Properties).toMatchObject({
        AlarmName: 'contact-sync-dev-failed-events-dlq-not-empty',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailedEventsDeadLetterQueue', 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      const dashboard = JSON.stringify(resource('Dashboard').Properties['DashboardBody']);
      expect(dashboard).toContain('${FailedEventsDeadLetterQueueAlarm.Arn}');
      expect(dashboard).toContain('${FailedEventsDeadLetterQueue.QueueName}');
    });

    it('is where the sweeper finds failed events', () => {
      const env = (resource('SweepRunsLambdaFunction').Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(env['FAILED_EVENTS_QUEUE_URL']).toEqual({ Ref: 'FailedEventsQueue' });
    });
  });

  describe('storage', () => {
    it.each(['StateTable', 'AuditTable'])(
      '%s is on-demand with TTL, point-in-time recovery, encryption at rest and deletion protection, and outlives the stack',
      (table) => {
        expect(resource(table).Properties).toMatchObject({
          BillingMode: 'PAY_PER_REQUEST',
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true },
          DeletionProtectionEnabled: true,
        });
        expect([resource(table).DeletionPolicy, resource(table).UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
      },
    );

    it('is protected by the stack policy: no update may replace or delete the tables or the fingerprint key, and every other update is allowed', () => {
      expect(packagedStackPolicy()).toEqual([
        {
          Effect: 'Deny',
          Principal: '*',
          Action: ['Update:Replace', 'Update:Delete'],
          Resource: [
            'LogicalResourceId/StateTable',
            'LogicalResourceId/AuditTable',
            'LogicalResourceId/FingerprintSecret',
            'LogicalResourceId/UndoKeySecret',
          ],
        },
        { Effect: 'Allow', Principal: '*', Action: ['Update:*'], Resource: '*' },
      ]);
      for (const id of ['StateTable', 'AuditTable', 'FingerprintSecret', 'UndoKeySecret']) expect(resource(id)).toBeDefined();
    });

    it('sets an UpdateReplacePolicy beside every DeletionPolicy, in every notification hub mode', async () => {
      const created = (await printedStack(['notificationHub=create'])).resources.Resources;
      const kept = [...resources, ...Object.entries(created)].filter(([, r]) => r.DeletionPolicy !== undefined);
      expect(kept.map(([name]) => name)).toEqual(
        expect.arrayContaining(['StateTable', 'AuditTable', 'FingerprintSecret', 'UndoKeySecret', 'NotificationHub']),
      );
      for (const [name, r] of kept) expect([name, r.UpdateReplacePolicy]).toEqual([name, r.DeletionPolicy]);
    }, 60_000);

    it('the table definitions are the ones the adapters are tested with', () => {
      const definitions = JSON.parse(readFileSync(join(root, '../../libs/adapters-aws/src/tables/table-definitions.json'), 'utf8'));
      expect(resource('StateTable').Properties).toEqual(definitions.StateTable);
      expect(resource('AuditTable').Properties).toEqual(definitions.AuditTable);
    });
  });

  describe('the work queue', () => {
    it('moves a work item to the dead-letter queue after five receives', () => {
      expect(resource('WorkQueue').Properties['RedrivePolicy']).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDeadLetterQueue', 'Arn'] },
        maxReceiveCount: 5,
      });
    });

    it('hides a message long enough for six worker timeouts', () => {
      const timeout = resource('AccountWorkerLambdaFunction').Properties['Timeout'] as number;
      expect(timeout).toBeLessThanOrEqual(300);
      expect(resource('WorkQueue').Properties['VisibilityTimeout']).toBeGreaterThanOrEqual(6 * timeout);
    });

    // The configuration refuses rates too slow to finish a work item within these (minimumRatePerSecond): they must be the stack's.
    it('has the limits the slowest accepted rate is derived from', () => {
      const [, mapping] = ofType('AWS::Lambda::EventSourceMapping')[0] as [string, Resource];
      const redrive = resource('WorkQueue').Properties['RedrivePolicy'] as { maxReceiveCount: number };
      expect({
        workerTimeoutMs: (resource('AccountWorkerLambdaFunction').Properties['Timeout'] as number) * 1000,
        deadlineMarginMs: DEPLOYMENT.deadlineMarginMs,
        itemsPerDelivery: mapping.Properties['BatchSize'],
        deliveriesBeforeDeadLetter: redrive.maxReceiveCount,
        fleetAccountsPerItem: WORK_ITEM_LIMITS.fleetAccountsPerItem,
      }).toEqual(WORK_ITEM_LIMITS);
    });

    it('feeds the worker with partial batch responses and a concurrency equal to the quota share', () => {
      const [, mapping] = ofType('AWS::Lambda::EventSourceMapping')[0] as [string, Resource];
      const env = (resource('AccountWorkerLambdaFunction').Properties['Environment'] as { Variables: Record<string, string> }).Variables;
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: Number(env['WORKER_CONCURRENCY']) },
      });
    });
  });

  describe('monitoring and notifications', () => {
    it('has the alarms: DLQs not empty, failed events, failed accounts, handler errors, throttling', () => {
      const alarms = ofType('AWS::CloudWatch::Alarm')
        .map(([name]) => name)
        .sort();
      expect(alarms).toEqual([
        'EventsDeadLetterQueueAlarm',
        'FailedAccountsAlarm',
        'FailedEventsDeadLetterQueueAlarm',
        'FailedEventsQueueAlarm',
        'HandlerErrorsAlarm',
        'ThrottlingAlarm',
        'WorkDeadLetterQueueAlarm',
      ]);
      expect(ofType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
    });

    it('counts the errors of every function in the handler-errors alarm', () => {
      const metrics = resource('HandlerErrorsAlarm').Properties['Metrics'] as { Id: string }[];
      expect(metrics.map((m) => m.Id)).toEqual(['errors', ...FUNCTIONS]);
    });

    const USER_NOTIFICATIONS = /^AWS::Notifications(Contacts)?::/;
    const userNotifications = (all: Record<string, Resource>) =>
      Object.fromEntries(Object.entries(all).filter(([, r]) => USER_NOTIFICATIONS.test(r.Type)));

    it('by default creates nothing that needs a User Notifications hub, so that a first deploy cannot fail for want of one', () => {
      expect(userNotifications(template.Resources)).toEqual({});
    });

    describe('with a notification hub mode said', () => {
      let modes: Record<'none' | 'existing' | 'create', Record<string, Resource>>;
      beforeAll(async () => {
        const email = 'notificationEmail=ops@example.com';
        const print = async (mode: string) => (await printedStack([email, `notificationHub=${mode}`])).resources.Resources;
        const [none, existing, create] = await Promise.all([print('none'), print('existing'), print('create')]);
        modes = { none, existing, create };
      }, 90_000);

      it('none: no User Notifications resources (run notifications still go to the topic, by e-mail)', () => {
        expect(userNotifications(modes.none)).toEqual({});
        expect(modes.none['NotificationEmailSubscription']?.Properties['Endpoint']).toBe('ops@example.com');
      });

      it('existing: routes the alarms state changes through the account’s hub, registering none', () => {
        const found = userNotifications(modes.existing);
        expect(Object.keys(found).sort()).toEqual([
          'AlarmEmailChannel',
          'AlarmEmailContact',
          'AlarmNotificationConfiguration',
          'AlarmNotificationEventRule',
        ]);
        expect(found['AlarmNotificationEventRule']?.Properties).toEqual({
          NotificationConfigurationArn: { Ref: 'AlarmNotificationConfiguration' },
          Source: 'aws.cloudwatch',
          EventType: 'CloudWatch Alarm State Change',
          Regions: ['us-east-1'],
          EventPattern: '{"detail":{"alarmName":[{"prefix":"contact-sync-dev-"}]}}',
        });
        expect(found['AlarmEmailContact']?.Properties['EmailAddress']).toBe('ops@example.com');
        for (const r of Object.values(found)) expect(r.DependsOn).toBeUndefined();
      });

      it('create: registers the us-east-1 hub, kept on removal, before the configuration and its event rule', () => {
        const found = userNotifications(modes.create);
        expect(found['NotificationHub']).toEqual({
          Type: 'AWS::Notifications::NotificationHub',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: { Region: 'us-east-1' },
        });
        // osls makes a single DependsOn a list in the template; either spelling means the same to CloudFormation.
        for (const name of ['AlarmNotificationConfiguration', 'AlarmNotificationEventRule'])
          expect([name, list(found[name]?.DependsOn ?? [])]).toEqual([name, ['NotificationHub']]);
        // The channel waits for the configuration it names, so for the hub too.
        expect(found['AlarmEmailChannel']?.Properties['NotificationConfigurationArn']).toEqual({ Ref: 'AlarmNotificationConfiguration' });
        const { NotificationHub: _hub, ...rest } = found;
        const withoutDependsOn = (all: Record<string, Resource>) =>
          Object.fromEntries(Object.entries(all).map(([name, { DependsOn: _d, ...r }]) => [name, r]));
        expect(withoutDependsOn(rest)).toEqual(withoutDependsOn(userNotifications(modes.existing)));
      });
    });

    it('subscribes no e-mail address unless one is given', () => {
      expect(conditions['HasNotificationEmail']).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
    });
  });
});
