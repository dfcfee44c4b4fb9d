import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPackagedTemplate } from './testing/packaged-template';
import { EntryPaths, ReachableAction, reachableActions } from './testing/reachable-actions';

// Least privilege, both ways: per function, the actions its code can call (found in the source by the
// TypeScript checker, from the handler through the use cases and ports into the AWS adapters, see
// reachableActions) plus the ones Lambda performs with the function's role (derived from the
// template), against the actions its role in the packaged template grants. A grant no code path uses
// fails this test, and so does a call no grant allows (which the end-to-end tests on moto, IAM
// enforced, also catch when a test reaches it). Where the code tells the resource (a table, a queue,
// the topic, the secret), the grant must name that resource and no other.

const template = readPackagedTemplate();

/** Each function's handler source, as bundle.mjs bundles it. */
const ENTRIES: Record<string, string> = Object.fromEntries(
  [...readFileSync(join(__dirname, '..', 'bundle.mjs'), 'utf8').matchAll(/^\s+(\w+): '(src\/handlers\/[\w-]+\.ts)',$/gm)].map(
    ([, name, file]) => [name, `apps/contact-sync/${file}`],
  ),
);

/**
 * What the source cannot tell by itself, because it depends on the data and not on the code, each
 * with its reason. The fingerprint secret is read only where the function's environment names it
 * (composition.ts). A run with `onlyAccounts` is an onboarding's: it describes its accounts (and
 * asks for the OUs above them) instead of listing the organization (chooseListing gives it a
 * DescribedListing, never a PagedListing, whose listPages its constructor calls), and only
 * newAccount and accountChange start one (the sweeper may resume one, and lists for the others). Reconcile.plan
 * is the CLI's dry run: the scheduled reconcile, and the sweeper when it replays a schedule event,
 * launch the run (dryRun false).
 */
function pathsOf(name: string): EntryPaths {
  const environment = template.functions[name]?.environment ?? {};
  const closed = new Set<string>();
  const skipped = new Set<string>();
  if (environment['FINGERPRINT_SECRET_ARN'] === undefined) closed.add('fingerprintSecretArn');
  if (environment['UNDO_KEY_SECRET_ARN'] === undefined) closed.add('undoKeySecretArn');
  if (name === 'contactChange' || name === 'scheduledReconcile') skipped.add('DescribedListing.next');
  if (name === 'newAccount' || name === 'accountChange') skipped.add('listPages');
  if (name === 'scheduledReconcile' || name === 'sweepRuns') skipped.add('Reconcile.plan');
  return { closed, skipped };
}

/** The environment variable through which each adapter is given its resource (awsAdaptersModule). */
const SETTING_OF_ADAPTER: Readonly<Record<string, string>> = {
  DynamoDbSyncState: 'STATE_TABLE',
  DynamoDbPreviousValues: 'STATE_TABLE',
  DynamoDbSyncConfig: 'STATE_TABLE',
  DynamoDbAuditLog: 'AUDIT_TABLE',
  SqsWorkQueue: 'WORK_QUEUE_URL',
  SqsFailedEvents: 'FAILED_EVENTS_QUEUE_URL',
  SnsNotifier: 'NOTIFICATION_TOPIC_ARN',
};
/**
 * The same for calls made outside an adapter class: the composition root reads the fingerprint secret
 * and the undo key's, each only when the function's environment names it (the others' paths are closed).
 */
const SETTINGS_OF_ACTION: Readonly<Record<string, readonly string[]>> = {
  'secretsmanager:GetSecretValue': ['FINGERPRINT_SECRET_ARN', 'UNDO_KEY_SECRET_ARN'],
};
/** The services whose resources are checked: their calls name one resource of the stack. */
const RESOURCE_CHECKED = /^(dynamodb|sqs|sns|secretsmanager):/;

/** IAM authorizes an SQS batch call by the single action. */
const iamAction = (action: string) => action.replace(/^sqs:(SendMessage|DeleteMessage|ChangeMessageVisibility)Batch$/, 'sqs:$1');

/** The logical id a `Ref` or `Fn::GetAtt [id, Arn]` names; undefined for anything else. */
function logicalId(value: unknown): string | undefined {
  const ref = (value as { Ref?: unknown } | undefined)?.Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[1] === 'Arn' ? String(getAtt[0]) : undefined;
}

/** `action` or `action on Resource`, for the services whose resources are checked. */
const grantKey = (action: string, resource: string | undefined) => (RESOURCE_CHECKED.test(action) ? `${action} on ${resource}` : action);

/** What Lambda does with a function's role: its logs; polling its SQS event source; its on-failure destination. */
function lambdaNeeds(name: string): string[] {
  const needs = ['logs:CreateLogStream', 'logs:PutLogEvents'];
  for (const resource of Object.values(template.resources)) {
    const p = resource.Properties ?? {};
    const fn = logicalId(p['FunctionName'])?.replace(/LambdaFunction$/, '');
    if (!fn || `${fn.charAt(0).toLowerCase()}${fn.slice(1)}` !== name) continue;
    if (resource.Type === 'AWS::Lambda::EventSourceMapping') {
      const queue = logicalId(p['EventSourceArn']);
      needs.push(...['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'].map((a) => grantKey(a, queue)));
    }
    const onFailure = (p['DestinationConfig'] as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination;
    if (resource.Type === 'AWS::Lambda::EventInvokeConfig' && onFailure) needs.push(grantKey('sqs:SendMessage', logicalId(onFailure)));
  }
  return needs;
}

/** What the function's code can call, with the resource the composition gives it. */
function codeNeeds(name: string, reached: readonly ReachableAction[]): string[] {
  const environment = template.functions[name]?.environment ?? {};
  return reached.flatMap(({ action, adapter }) => {
    const settings = adapter && SETTING_OF_ADAPTER[adapter] ? [SETTING_OF_ADAPTER[adapter]] : (SETTINGS_OF_ACTION[action] ?? []);
    const resources = settings.map((setting) => logicalId(environment[setting])).filter((id) => id !== undefined);
    if (RESOURCE_CHECKED.test(action) && resources.length === 0)
      throw new Error(`${name}: ${action} through ${adapter ?? 'a function'}: which resource? (teach this test the adapter's setting)`);
    return resources.length === 0 ? [grantKey(iamAction(action), undefined)] : resources.map((r) => grantKey(iamAction(action), r));
  });
}

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** What the function's role grants: each action, on each resource for the services whose resources are checked. */
function granted(name: string): string[] {
  const role = template.resources[template.functions[name]?.roleId ?? '']?.Properties as
    { Policies: { PolicyDocument: { Statement: Statement[] } }[] } | undefined;
  if (!role) throw new Error(`${name} has no role in the template`);
  return role.Policies.flatMap((p) => p.PolicyDocument.Statement)
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => [s.Action].flat().flatMap((action) => [s.Resource].flat().map((r) => grantKey(action, logicalId(r)))));
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('least privilege: each function’s role grants exactly what its code and Lambda call', () => {
  let reached: Record<string, ReachableAction[]>;
  beforeAll(() => {
    reached = reachableActions(ENTRIES, pathsOf);
  }, 180_000);

  it('finds the handler of every function of the template', () => {
    expect(Object.keys(ENTRIES).sort()).toEqual(Object.keys(template.functions).sort());
  });

  it.each(Object.keys(template.functions).sort())('%s: granted = can call, action by action and resource by resource', (name) => {
    const needs = sorted([...codeNeeds(name, reached[name] ?? []), ...lambdaNeeds(name)]);
    const grants = sorted(granted(name));
    expect({
      grantedButNeverCalled: grants.filter((g) => !needs.includes(g)),
      calledButNotGranted: needs.filter((n) => !grants.includes(n)),
    }).toEqual({
      grantedButNeverCalled: [],
      calledButNotGranted: [],
    });
  });

  it('finds what the adapters send: the worker reaches every contact write and the audit, and no DescribeOrganization', () => {
    const worker = (reached['accountWorker'] ?? []).map((a) => `${a.action} ${a.adapter ?? ''}`.trim());
    expect(worker).toEqual(
      expect.arrayContaining([
        'account:PutAlternateContact AccountManagementContacts',
        'account:DeleteAlternateContact AccountManagementContacts',
        'dynamodb:PutItem DynamoDbAuditLog',
        'organizations:DescribeAccount AwsOrganization',
        'secretsmanager:GetSecretValue',
      ]),
    );
    expect(worker).not.toContain('organizations:DescribeOrganization AwsOrganization');
  });
});
