import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A resource of the packaged template. */
export interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
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

/** The stack policy `serverless deploy` sets with the packaged template (osls keeps the service's settings beside it). */
export const packagedStackPolicy = (): Statement[] =>
  (
    JSON.parse(readFileSync(join(TEMPLATE_PATH, '..', 'serverless-state.json'), 'utf8')) as {
      service: { provider: { stackPolicy?: Statement[] } };
    }
  ).service.provider.stackPolicy ?? [];

/**
 * The stack's configuration as `serverless print` resolves it for the dev stage with these extra
 * `--param` settings: its `resources` are what osls copies into the template as they are. Printing
 * builds nothing, so a test can read several stages' settings without re-bundling the functions.
 */
export async function printedStack(params: readonly string[]): Promise<{ resources: { Resources: Record<string, Resource> } }> {
  const serverless = join(__dirname, '..', '..', '..', '..', 'node_modules', 'osls', 'bin', 'serverless.js');
  const args = [
    serverless,
    'print',
    '--format',
    'json',
    '--stage',
    'dev',
    '--param=organizationId=o-a1b2c3d4e5',
    ...params.map((p) => `--param=${p}`),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: join(__dirname, '..', '..'), timeout: 60_000 });
  return JSON.parse(stdout) as { resources: { Resources: Record<string, Resource> } };
}

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
