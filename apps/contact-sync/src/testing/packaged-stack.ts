import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A resource of the packaged template. */
export interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  Condition?: string;
}

/** A statement of an IAM or resource policy. */
export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Where `serverless package` (run before the tests: the test target depends on the package target) leaves the template. */
export const TEMPLATE_PATH = join(__dirname, '..', '..', '.serverless', 'cloudformation-template-update-stack.json');

/** The packaged CloudFormation template's resources. */
export const packagedResources = (): Record<string, Resource> =>
  (JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as { Resources: Record<string, Resource> }).Resources;

/** The packaged template's conditions. */
export const packagedConditions = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as { Conditions: Record<string, unknown> }).Conditions;

/** The statements of a role's inline policies. */
export const roleStatements = (resources: Record<string, Resource>, role: string): Statement[] =>
  ((resources[role]?.Properties['Policies'] ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  );

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The actions that write items. */
export const ITEM_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'];

/** The statements of a role that grant writes on the state table. */
export const stateWriteStatements = (resources: Record<string, Resource>, role: string): Statement[] =>
  roleStatements(resources, role).filter(
    (s) => JSON.stringify(s.Resource).includes('"StateTable"') && actionsOf(s).some((a) => ITEM_WRITES.includes(a)),
  );

/** The `dynamodb:LeadingKeys` patterns a statement's condition allows. */
export const leadingKeyPatterns = (s: Statement): string[] => {
  const patterns = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  return patterns === undefined ? [] : Array.isArray(patterns) ? (patterns as string[]) : [patterns as string];
};

/** IAM's StringLike: `*` any characters, `?` any one. */
export const stringLike = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(value);
