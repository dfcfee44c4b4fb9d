import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** A function as deployed: its unpacked code, handler, timeout and environment. */
export interface FunctionDeployment {
  readonly name: string;
  /** The directory the deployment package was unpacked into (Lambda's `LAMBDA_TASK_ROOT`). */
  readonly codeDir: string;
  readonly handler: string;
  readonly timeoutSeconds: number;
  readonly environment: Readonly<Record<string, string>>;
}

/** The function failed: it threw, timed out or its runtime exited. Lambda's `errorType` and `errorMessage`. */
export class LambdaFunctionError extends Error {
  override readonly name = 'LambdaFunctionError';

  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
  ) {
    super(`${errorType}: ${errorMessage}`);
  }
}

/** What an event source needs of a function: a synchronous invocation that rejects when the function fails. */
export interface Invocable {
  invoke(event: unknown): Promise<unknown>;
}

const RUNNER = join(__dirname, 'lambda-runner.cjs');

/**
 * A Lambda function run as Lambda runs it: each execution environment is a Node.js process of its
 * own that loads the handler once (cold start) and then serves one invocation at a time; an
 * invocation finding every environment busy starts another. The environment holds only what Lambda
 * sets and the function's own variables. An invocation past the timeout ends its environment.
 */
export class LambdaFunction implements Invocable {
  /** Every line the function's environments wrote to stdout and stderr (its CloudWatch logs). */
  readonly logs: string[] = [];
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly running = new Set<ExecutionEnvironment>();
  private coldStarts = 0;

  constructor(readonly deployment: FunctionDeployment) {}

  /** How many execution environments were started. */
  get environments(): number {
    return this.coldStarts;
  }

  /** Invokes the function synchronously; resolves with its result, rejects with {@link LambdaFunctionError}. */
  async invoke(event: unknown): Promise<unknown> {
    const environment = this.idle.pop() ?? (await this.start());
    try {
      return await environment.invoke(event, this.deployment.timeoutSeconds);
    } finally {
      if (environment.alive) this.idle.push(environment);
      else this.running.delete(environment);
    }
  }

  /** Ends every environment and waits until their processes are gone. */
  async stop(): Promise<void> {
    const all = [...this.running];
    this.running.clear();
    this.idle.length = 0;
    await Promise.all(all.map((environment) => environment.end()));
  }

  private async start(): Promise<ExecutionEnvironment> {
    const { name, codeDir, handler, environment } = this.deployment;
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      TZ: ':UTC',
      LAMBDA_TASK_ROOT: codeDir,
      _HANDLER: handler,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      ...environment,
    };
    const child = fork(RUNNER, [codeDir, handler, name, String(this.deployment.timeoutSeconds * 1000)], {
      cwd: codeDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.coldStarts += 1;
    const created = new ExecutionEnvironment(child, this.logs);
    this.running.add(created);
    await created.ready;
    return created;
  }
}

interface Reply {
  readonly id?: number;
  readonly ready?: boolean;
  readonly result?: unknown;
  readonly error?: { errorType: string; errorMessage: string };
}

/** One runtime process and the invocation it is serving. */
class ExecutionEnvironment {
  readonly ready: Promise<void>;
  private pending?: { id: number; resolve: (reply: Reply) => void };
  private nextId = 0;
  private exited = false;

  constructor(
    private readonly child: ChildProcess,
    logs: string[],
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        logs.push(...lines.filter((line) => line !== ''));
      });
    }
    const exit = once(child, 'exit').then(() => {
      this.exited = true;
      this.pending?.resolve({ error: { errorType: 'Runtime.ExitError', errorMessage: 'the runtime exited' } });
    });
    this.ready = new Promise<void>((resolve, reject) => {
      child.once('message', (message: Reply) => (message.ready ? resolve() : reject(new Error('the runtime did not start'))));
      void exit.then(() =>
        reject(new LambdaFunctionError('Runtime.ExitError', 'the runtime exited while starting (Runtime.ImportModuleError?)')),
      );
    });
    child.on('message', (message: Reply) => {
      if (this.pending && message.id === this.pending.id) this.pending.resolve(message);
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  async invoke(event: unknown, timeoutSeconds: number): Promise<unknown> {
    const id = (this.nextId += 1);
    let timer: NodeJS.Timeout | undefined;
    const reply = await new Promise<Reply>((resolve) => {
      this.pending = { id, resolve };
      timer = setTimeout(() => {
        resolve({ error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${timeoutSeconds} seconds` } });
        void this.end();
      }, timeoutSeconds * 1000);
      this.child.send({ id, event });
    }).finally(() => {
      clearTimeout(timer);
      this.pending = undefined;
    });
    if (reply.error) throw new LambdaFunctionError(reply.error.errorType, reply.error.errorMessage);
    return reply.result;
  }

  async end(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}
