import { AwsClientOptions } from '@contact-sync/adapters-aws';
import { assumeMotoRole, MotoCredentials, PolicyDocument } from '@contact-sync/adapters-aws/testing';
import { PackagedTemplate } from './packaged-template';

/** A role of the packaged template: its trust policy and inline policies, intrinsics unresolved. */
interface TemplateRole {
  readonly AssumeRolePolicyDocument: unknown;
  readonly Policies?: readonly { readonly PolicyName: string; readonly PolicyDocument: PolicyDocument }[];
}

/**
 * Creates the execution role of every function of the packaged template in moto's IAM, with the
 * template's own statements, and assumes each: the credentials each function process is given.
 *
 * moto evaluates a statement's actions, but its Resource only for SQS (every other service is
 * checked against `*`, so a statement scoped to an ARN would allow nothing there) and none of the
 * conditions used here (ForAllValues:StringLike, Null). So in moto a statement keeps its actions, an
 * SQS statement keeps its queue, and any other statement applies to `*` without its condition. The
 * resources and the dynamodb:LeadingKeys conditions are checked by iam-least-privilege.spec.ts.
 * moto also names an SQS batch call's action after the call (sqs:SendMessageBatch), where IAM
 * authorizes it by the single action (sqs:SendMessage): an SQS statement lists both names in moto.
 */
export async function assumeFunctionRoles(
  options: AwsClientOptions,
  template: PackagedTemplate,
  queueArns: Readonly<Record<string, string>>,
): Promise<Record<string, MotoCredentials>> {
  const credentials: Record<string, MotoCredentials> = {};
  for (const fn of Object.values(template.functions)) {
    const role = template.resources[fn.roleId]?.Properties as TemplateRole | undefined;
    if (!role) throw new Error(`${fn.name}'s role ${fn.roleId} is not in the template`);
    const policies = Object.fromEntries(
      (role.Policies ?? []).map((p) => [p.PolicyName, { ...p.PolicyDocument, Statement: p.PolicyDocument.Statement.map(asMotoSees) }]),
    );
    credentials[fn.name] = await assumeMotoRole(options, fn.roleId, role.AssumeRolePolicyDocument, policies);
  }
  return credentials;

  function asMotoSees(statement: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    const { Condition: _condition, Resource, ...rest } = statement;
    const actions = [statement['Action']].flat() as string[];
    if (!actions.every((action) => action.startsWith('sqs:'))) return { ...rest, Resource: '*' };
    const queues = [Resource].flat().map((r) => {
      const getAtt = (r as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      const arn = getAtt && queueArns[getAtt[0]];
      if (!arn) throw new Error(`an SQS statement names ${JSON.stringify(r)}, not a queue of the template`);
      return arn;
    });
    const withBatches = actions.flatMap((action) => (SQS_BATCHES.has(action) ? [action, `${action}Batch`] : [action]));
    return { ...rest, Action: withBatches, Resource: queues };
  }
}

/** The SQS actions that also authorize their batch call. */
const SQS_BATCHES: ReadonlySet<string> = new Set(['sqs:SendMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']);
