import { TemplateResource } from '@contact-sync/adapters-aws/testing';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where `serverless package --stage dev` writes the template and the zips; the test target packages before it runs. */
export const PACKAGE_DIR = join(__dirname, '..', '..', '.serverless');

/** A function of the packaged stack, as CloudFormation would create it. */
export interface PackagedFunction {
  /** The name in serverless.yml, e.g. `accountWorker`. */
  readonly name: string;
  /** `dist/accountWorker/index.handler`: the file in the zip, then the export. */
  readonly handler: string;
  readonly timeoutSeconds: number;
  /** The zip `serverless deploy` would upload. */
  readonly artifact: string;
  /** Its environment variables, with the template's intrinsics still in them. */
  readonly environment: Readonly<Record<string, unknown>>;
  /** The logical id of its execution role (`AccountWorkerRole`). */
  readonly roleId: string;
}

/** An EventBridge rule of the stack that sends the events its pattern matches to one function. */
export interface PackagedEventRule {
  readonly name: string;
  readonly pattern: unknown;
  readonly functionName: string;
}

/** An SQS event source mapping of the stack. */
export interface PackagedQueueSource {
  /** The queue's logical id. */
  readonly queueId: string;
  readonly functionName: string;
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
  readonly maximumConcurrency: number;
}

/** The parts of the packaged CloudFormation template that say what runs, on what, and how it is triggered. */
export interface PackagedTemplate {
  readonly resources: Readonly<Record<string, TemplateResource>>;
  readonly functions: Readonly<Record<string, PackagedFunction>>;
  readonly eventRules: readonly PackagedEventRule[];
  readonly queueSources: readonly PackagedQueueSource[];
}

type Properties = Readonly<Record<string, unknown>>;

/** Reads the template `serverless package` wrote in `dir`; throws naming the command when it is missing. */
export function readPackagedTemplate(dir = PACKAGE_DIR): PackagedTemplate {
  const path = join(dir, 'cloudformation-template-update-stack.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npx nx run contact-sync:package\` first`);
  const resources = (JSON.parse(readFileSync(path, 'utf8')) as { Resources: Record<string, TemplateResource> }).Resources;
  const ofType = (type: string) =>
    Object.entries(resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => [id, r.Properties ?? {}] as const);
  const functions = Object.fromEntries(
    ofType('AWS::Lambda::Function').map(([id, p]) => {
      const name = functionNameOf(id);
      const code = p['Code'] as { S3Key: string };
      const environment = (p['Environment'] as { Variables?: Properties } | undefined)?.Variables ?? {};
      return [
        name,
        {
          name,
          handler: p['Handler'] as string,
          timeoutSeconds: p['Timeout'] as number,
          artifact: join(dir, basename(code.S3Key)),
          environment,
          roleId: getAttId(p['Role']),
        },
      ];
    }),
  );
  const eventRules = ofType('AWS::Events::Rule')
    .filter(([, p]) => p['EventPattern'] !== undefined && p['State'] === 'ENABLED')
    .flatMap(([, p]) =>
      (p['Targets'] as { Arn: unknown }[]).map((target) => ({
        name: p['Name'] as string,
        pattern: p['EventPattern'],
        functionName: functionNameOf(getAttId(target.Arn)),
      })),
    );
  const queueSources = ofType('AWS::Lambda::EventSourceMapping').map(([, p]) => ({
    queueId: getAttId(p['EventSourceArn']),
    functionName: functionNameOf(getAttId(p['FunctionName'])),
    batchSize: p['BatchSize'] as number,
    reportBatchItemFailures: ((p['FunctionResponseTypes'] as string[] | undefined) ?? []).includes('ReportBatchItemFailures'),
    maximumConcurrency: (p['ScalingConfig'] as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency ?? 1000,
  }));
  return { resources, functions, eventRules, queueSources };
}

/** `AccountWorkerLambdaFunction` → `accountWorker`, as Serverless names the functions' logical ids. */
function functionNameOf(logicalId: string): string {
  const name = logicalId.replace(/LambdaFunction$/, '');
  if (name === logicalId) throw new Error(`${logicalId} is not a function's logical id`);
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}

function getAttId(value: unknown): string {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown[] } | undefined)?.['Fn::GetAtt'];
  if (!Array.isArray(getAtt) || getAtt[1] !== 'Arn') throw new Error(`expected Fn::GetAtt [id, Arn], got ${JSON.stringify(value)}`);
  return String(getAtt[0]);
}
