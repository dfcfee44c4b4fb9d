import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand,
  StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AwsClientOptions } from '@contact-sync/adapters-aws';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { PACKAGE_DIR } from './packaged-template';

/** Client settings for an SDK client of a service the adapters do not wrap; the SDK marks the credentials object, so each client gets its own. */
export const sdkOptions = (options: AwsClientOptions) => ({
  ...options,
  ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
});

/** A CloudFormation template as `serverless package` writes it. */
export interface Template {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string; DependsOn?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
  readonly [section: string]: unknown;
}

/** What {@link deployAsServerless} did: the stack, its deployment bucket and where it put the package. */
export interface ServerlessDeployment {
  readonly stackName: string;
  /** The stack's ARN. */
  readonly stackId: string;
  readonly bucket: string;
  /** `serverless/<service>/<stage>/<timestamp>`: the S3 prefix the update template's functions name. */
  readonly artifactDirectory: string;
  /** The keys uploaded under {@link artifactDirectory}, with the SHA-256 (base64) of each. */
  readonly uploaded: Readonly<Record<string, string>>;
  /** The update template as packaged. */
  readonly template: Template;
  /** The logical ids of the resources left out of the template moto was given, because moto cannot create their types. */
  readonly leftOut: readonly string[];
  /** The stack's resources once the update completed. */
  readonly resources: readonly StackResourceSummary[];
}

/** The placeholder that stands for a resource left out, wherever the template names it. */
export const leftOutValue = (logicalId: string): string => `moto-cannot-create:${logicalId}`;

const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;

/**
 * Deploys a packaged service as `serverless deploy` (osls v4, change-set method, its default)
 * does on a first deploy:
 *
 * 1. no stack yet: a CREATE change set with the core template (`cloudformation-template-create-stack.json`,
 *    the `ServerlessDeploymentBucket` and its policy), executed;
 * 2. the bucket's name from the stack's `ServerlessDeploymentBucket` resource;
 * 3. the compiled template (`compiled-cloudformation-template.json`), `serverless-state.json` and each
 *    function's zip uploaded under the artifact directory the update template's functions name;
 * 4. an UPDATE change set from the template's S3 URL (`TemplateURL`), executed.
 *
 * The one difference is said in `leftOut`: resources of `cannotCreate` types are taken out of the uploaded
 * template (moto fails a stack that references a type it does not implement), and every reference to
 * one becomes {@link leftOutValue}. Everything else is uploaded and applied as packaged.
 */
export async function deployAsServerless(
  options: AwsClientOptions,
  cannotCreate: ReadonlySet<string>,
  packageDir = PACKAGE_DIR,
): Promise<ServerlessDeployment> {
  const read = (name: string) => readFileSync(join(packageDir, name));
  const state = JSON.parse(read('serverless-state.json').toString()) as {
    service: { service: string; provider: { stage: string } };
  };
  const stackName = `${state.service.service}-${state.service.provider.stage}`;
  const core = JSON.parse(read('cloudformation-template-create-stack.json').toString()) as Template;
  const template = JSON.parse(read('cloudformation-template-update-stack.json').toString()) as Template;
  const artifactDirectory = artifactDirectoryOf(template);
  const cloudFormation = new CloudFormationClient(sdkOptions(options));
  const s3 = new S3Client({ ...sdkOptions(options), forcePathStyle: true });
  try {
    const shared = { StackName: stackName, Capabilities: [...CAPABILITIES], Parameters: [], NotificationARNs: [] };
    const tags = [{ Key: 'STAGE', Value: state.service.provider.stage }];
    const changeSetName = `${stackName}-change-set`;
    const applyChangeSet = async (type: 'CREATE' | 'UPDATE', source: { TemplateBody: string } | { TemplateURL: string }) => {
      await cloudFormation.send(
        new CreateChangeSetCommand({ ...shared, ...source, Tags: tags, ChangeSetName: changeSetName, ChangeSetType: type }),
      );
      await waitFor(async () => {
        const { Status, StatusReason } = await cloudFormation.send(
          new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }),
        );
        if (Status === 'FAILED') throw new Error(`${type} change set of ${stackName} failed: ${StatusReason}`);
        return Status === 'CREATE_COMPLETE';
      });
      await cloudFormation.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
      await waitForStack(cloudFormation, stackName, type === 'CREATE' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE');
    };

    await applyChangeSet('CREATE', { TemplateBody: JSON.stringify(core) });
    const { StackResourceDetail } = await cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: 'ServerlessDeploymentBucket' }),
    );
    const bucket = StackResourceDetail?.PhysicalResourceId as string;

    const { applied, leftOut } = withoutTypes(template, cannotCreate);
    const uploads: [string, Buffer, string][] = [
      ['compiled-cloudformation-template.json', Buffer.from(JSON.stringify(applied)), 'application/json'],
      ['serverless-state.json', read('serverless-state.json'), 'application/json'],
      ...functionArtifacts(template).map((name): [string, Buffer, string] => [name, read(name), 'application/zip']),
    ];
    const uploaded: Record<string, string> = {};
    for (const [name, body, contentType] of uploads) {
      const key = posix.join(artifactDirectory, name);
      const sha256 = createHash('sha256').update(body).digest('base64');
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, Metadata: { filesha256: sha256 } }),
      );
      uploaded[key] = sha256;
    }

    // As osls: an earlier change set of the same name is removed first.
    await cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
    await applyChangeSet('UPDATE', {
      TemplateURL: `https://s3.amazonaws.com/${bucket}/${artifactDirectory}/compiled-cloudformation-template.json`,
    });

    const resources: StackResourceSummary[] = [];
    let NextToken: string | undefined;
    do {
      const page = await cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName, NextToken }));
      resources.push(...(page.StackResourceSummaries ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stackId = Stacks?.[0]?.StackId as string;
    return { stackName, stackId, bucket, artifactDirectory, uploaded, template, leftOut, resources };
  } finally {
    cloudFormation.destroy();
    s3.destroy();
  }
}

/** The one S3 directory every function's `Code.S3Key` is in; throws if they disagree. */
function artifactDirectoryOf(template: Template): string {
  const directories = new Set(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => dirname((r.Properties?.['Code'] as { S3Key: string }).S3Key)),
  );
  if (directories.size !== 1)
    throw new Error(`expected the functions' code in one artifact directory, found ${[...directories].join(', ')}`);
  return [...directories][0] as string;
}

/** The zips the functions' `Code.S3Key` name, as file names in the package directory. */
function functionArtifacts(template: Template): string[] {
  return [
    ...new Set(
      Object.values(template.Resources)
        .filter((r) => r.Type === 'AWS::Lambda::Function')
        .map((r) => posix.basename((r.Properties?.['Code'] as { S3Key: string }).S3Key)),
    ),
  ];
}

/** `template` without the resources of `types`; every Ref, GetAtt and Sub variable naming one becomes its placeholder. */
export function withoutTypes(template: Template, types: ReadonlySet<string>): { applied: Template; leftOut: string[] } {
  const leftOut = Object.entries(template.Resources)
    .filter(([, r]) => types.has(r.Type))
    .map(([id]) => id);
  const gone = new Set(leftOut);
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key === 'Ref' && gone.has(String(argument))) return leftOutValue(String(argument));
    if (entries.length === 1 && key === 'Fn::GetAtt' && Array.isArray(argument) && gone.has(String(argument[0])))
      return leftOutValue(String(argument[0]));
    if (entries.length === 1 && key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument) ? argument : [argument, undefined];
      const substituted = String(text).replace(/\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}/g, (whole, id: string) =>
        gone.has(id) ? leftOutValue(id) : whole,
      );
      return { 'Fn::Sub': variables === undefined ? substituted : [substituted, replace(variables)] };
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, replace(v)]));
  };
  const resources = Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([id]) => !gone.has(id))
      .map(([id, resource]) => {
        const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat().filter((d) => !gone.has(String(d)));
        const { DependsOn: _, ...rest } = replace(resource) as typeof resource;
        return [id, dependsOn.length > 0 ? { ...rest, DependsOn: dependsOn } : rest];
      }),
  );
  return { applied: { ...(replace(template) as Template), Resources: resources }, leftOut };
}

async function waitForStack(cloudFormation: CloudFormationClient, stackName: string, complete: string): Promise<void> {
  await waitFor(async () => {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const status = Stacks?.[0]?.StackStatus ?? 'MISSING';
    if (status === complete) return true;
    if (status.endsWith('_IN_PROGRESS')) return false;
    const { StackEvents } = await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackName }));
    const reasons = (StackEvents ?? [])
      .filter((e) => e.ResourceStatus?.endsWith('_FAILED'))
      .map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`);
    throw new Error(`${stackName} is ${status}, not ${complete}${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`);
  });
}

async function waitFor(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
