import { AwsClientOptions } from '@contact-sync/adapters-aws';
import { createMotoAdministrator, enforceMotoIam, MOTO_REGION, MotoServer } from '@contact-sync/adapters-aws/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assumeFunctionRoles } from './function-roles';
import { LambdaFunction } from './lambda-runtime';
import { MotoEventBus } from './moto-event-bus';
import { createPackagedStackInMoto, PackagedStackOnMoto } from './packaged-stack-on-moto';
import { PackagedTemplate, readPackagedTemplate } from './packaged-template';
import { AwsFront } from './aws-front';
import { SqsEventSource } from './sqs-event-source';
import { readZip } from './zip-archive';

/** The deployment packages of the stack's functions, unpacked as Lambda unpacks them. */
export interface UnpackedCode {
  readonly template: PackagedTemplate;
  /** The directory holding `name`'s unpacked package. */
  dirOf(name: string): string;
  remove(): void;
}

/** Unpacks every function's zip, as `serverless package` wrote it, into a directory of its own. */
export function unpackFunctions(template = readPackagedTemplate()): UnpackedCode {
  const root = mkdtempSync(join(tmpdir(), 'contact-sync-lambda-'));
  for (const fn of Object.values(template.functions)) {
    for (const [path, content] of readZip(fn.artifact)) {
      const target = join(root, fn.name, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  return { template, dirOf: (name) => join(root, name), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The packaged stack running on moto: its resources, its functions in Lambda-like processes, its event routing. */
export interface DeployedStack {
  readonly packaged: PackagedStackOnMoto;
  readonly functions: Readonly<Record<string, LambdaFunction>>;
  readonly events: MotoEventBus;
  /** The worker's event source on the work queue. */
  readonly work: SqsEventSource;
  /** What the functions reach instead of moto: it records every call refused to a function's role. */
  readonly front: AwsFront;
  /** Client options that act as an administrator (the operator, or AWS itself): moto refuses the dummy credentials once IAM is enforced. */
  readonly administrator: AwsClientOptions;
  /** Puts an event on the bus and invokes each function a rule routes it to; what each returned. */
  emit(event: Record<string, unknown>): Promise<{ readonly functionName: string; readonly result: unknown }[]>;
  /** The same function's code and environment with another timeout, as a second deployment of it. */
  withTimeout(name: string, timeoutSeconds: number): LambdaFunction;
  /** Every log line of every function so far. */
  logs(): string[];
  stop(): Promise<void>;
}

/**
 * Deploys the packaged stack to moto: its tables, queues and topic from the template, its rules on
 * moto's EventBridge, each function from its own zip with the environment the template gives it
 * (pointed at moto) plus `environment`, and the worker's SQS event source. Each function runs as
 * its own role of the template (created in moto's IAM and assumed, see {@link assumeFunctionRoles}),
 * its requests passing through an {@link AwsFront}; then moto enforces IAM. The event bus and
 * the event source, which stand for AWS's own services, act as an administrator.
 */
export async function deployOnMoto(
  moto: MotoServer,
  code: UnpackedCode,
  environment: Readonly<Record<string, string>> = {},
): Promise<DeployedStack> {
  const packaged = await createPackagedStackInMoto(moto.clientOptions, code.template);
  const { template } = code;
  const roles = await assumeFunctionRoles(moto.clientOptions, template, packaged.stack.arns);
  const administrator: AwsClientOptions = { ...moto.clientOptions, credentials: await createMotoAdministrator(moto.clientOptions) };
  const front = await AwsFront.start(moto.endpoint, administrator);
  for (const [name, credentials] of Object.entries(roles)) front.identify(credentials.accessKeyId, name);
  const deployment = (name: string, timeoutSeconds?: number) => {
    const fn = template.functions[name];
    const credentials = roles[name];
    if (!fn || !credentials) throw new Error(`${name} is not a function of the packaged stack`);
    // The queue URLs too: the SQS client sends to the host of the queue's URL, not to AWS_ENDPOINT_URL.
    const own = Object.entries(packaged.environmentOf(name)).map(([k, v]) => [k, v.split(moto.endpoint).join(front.endpoint)]);
    const env = {
      ...Object.fromEntries(own),
      AWS_ENDPOINT_URL: front.endpoint,
      AWS_REGION: MOTO_REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken as string,
      ...environment,
    };
    return new LambdaFunction({
      name,
      codeDir: code.dirOf(name),
      handler: fn.handler,
      timeoutSeconds: timeoutSeconds ?? fn.timeoutSeconds,
      environment: env,
    });
  };
  const functions: Record<string, LambdaFunction> = Object.fromEntries(
    Object.keys(template.functions).map((name) => [name, deployment(name)]),
  );
  const extra: LambdaFunction[] = [];
  const events = await MotoEventBus.create(administrator, template.eventRules);
  const [source] = template.queueSources;
  if (!source || template.queueSources.length !== 1) throw new Error('expected one SQS event source: the work queue');
  const work = new SqsEventSource(
    administrator,
    packaged.stack.refs[source.queueId] as string,
    packaged.stack.arns[source.queueId] as string,
    source,
    functions[source.functionName] as LambdaFunction,
  );
  await enforceMotoIam(moto.endpoint, true);
  return {
    packaged,
    functions,
    events,
    work,
    front,
    administrator,
    async emit(event) {
      const routed = await events.publish(event);
      return Promise.all(
        routed.map(async (r) => ({
          functionName: r.functionName,
          result: await (functions[r.functionName] as LambdaFunction).invoke(r.event),
        })),
      );
    },
    withTimeout(name, timeoutSeconds) {
      const fn = deployment(name, timeoutSeconds);
      extra.push(fn);
      return fn;
    },
    logs: () => [...Object.values(functions), ...extra].flatMap((fn) => fn.logs),
    async stop() {
      work.destroy();
      await Promise.all([...Object.values(functions), ...extra].map((fn) => fn.stop()));
      await front.stop();
    },
  };
}
