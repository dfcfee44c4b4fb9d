import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AwsClientOptions } from '../clients';
import { processGroupAlive, signalGroup, waitFor } from './process-group';

/** The one line a test run fails with when moto cannot be started. */
export const MOTO_REQUIRED = 'moto is required for the AWS over-the-wire tests: pip install "moto[server]"';

/** Thrown when no way of starting moto works. Its message and stack are {@link MOTO_REQUIRED}, nothing more. */
export class MotoMissingError extends Error {
  override readonly name = 'MotoMissingError';

  constructor() {
    super(MOTO_REQUIRED);
    this.stack = MOTO_REQUIRED;
  }
}

/** How moto's server is started, in the order they are tried: the `moto_server` script, then the module. */
export const MOTO_COMMANDS: readonly (readonly string[])[] = [['moto_server'], ['python3', '-m', 'moto.server']];

/** Long enough for moto to start on a loaded machine; use it as the timeout of the `beforeAll` that starts it. */
export const MOTO_START_TIMEOUT_MS = 60_000;

/** The dummy credentials and the one region the tests use; moto accepts any credentials. */
export const MOTO_REGION = 'us-east-1';
export const MOTO_CREDENTIALS = Object.freeze({ accessKeyId: 'testing', secretAccessKey: 'testing' });

/** A moto server of this process: its own process group, on 127.0.0.1 and a port the kernel chose. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** The server's pid, which is also its process group's id. */
  readonly pid: number;
  /** For the client factories of `clients.ts`: this endpoint, the dummy credentials, us-east-1. */
  readonly clientOptions: AwsClientOptions;
  /** The same as environment variables, for code that builds its clients from the environment (the CLI). */
  readonly environment: Readonly<Record<string, string>>;
  /** Forgets every resource of every service (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stops the server and waits until no process of its group is left. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startMotoServer}; tests of the harness itself change them. */
export interface MotoServerOptions {
  readonly commands?: readonly (readonly string[])[];
  readonly startTimeoutMs?: number;
}

// `sh` forks a watchdog, then becomes moto (exec keeps the pid). The watchdog polls this Node process
// and kills moto if it is gone without having stopped it (Ctrl-C, a killed Jest worker). The server
// gets its own process group (`detached`), so stopping it signals that group and nothing else.
const WATCHDOG =
  'parent=$1; shift; (while kill -0 "$parent" 2>/dev/null; do sleep 1; done; kill "$$" 2>/dev/null) </dev/null >/dev/null 2>&1 & exec "$@"';
const READY = /Running on http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * Starts a moto server for this test file (each file its own server, so that projects and Jest
 * workers running side by side never share state or stop each other's server). Tries
 * {@link MOTO_COMMANDS} in order; throws {@link MotoMissingError} when none starts.
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const timeoutMs = options.startTimeoutMs ?? MOTO_START_TIMEOUT_MS;
  for (const command of options.commands ?? MOTO_COMMANDS) {
    const started = await launch(command, timeoutMs);
    if (started) return started;
  }
  throw new MotoMissingError();
}

/** Starts one command; undefined when it exits before serving (not installed). */
async function launch(command: readonly string[], timeoutMs: number): Promise<MotoServer | undefined> {
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'moto-watchdog', String(process.pid), ...command, '-H', '127.0.0.1', '-p', '0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const pid = child.pid as number; // undefined only when /bin/sh cannot be spawned: then 'error' rejects below
  const killOnExit = () => signalGroup(pid, 'SIGKILL');
  process.on('exit', killOnExit);
  let output = '';
  const port = await new Promise<number | undefined>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`moto did not start within ${timeoutMs} ms; its last output: ${output.slice(-500)}`)),
      timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      const match = READY.exec(output);
      if (match) settle(Number(match[1]));
    };
    const exited = () => settle(undefined);
    const settle = (value: number | undefined) => {
      clearTimeout(timer);
      child.off('exit', exited);
      resolve(value);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', exited);
    child.once('error', reject);
  }).catch(async (error: unknown) => {
    process.off('exit', killOnExit);
    if (pid !== undefined) await stopGroup(child, pid);
    throw error;
  });
  if (port === undefined) {
    process.off('exit', killOnExit);
    await stopGroup(child, pid);
    return undefined;
  }
  // Keep draining the request log, or moto blocks once the pipe is full; and let this process exit
  // without waiting for the server (the exit hook and the watchdog end it then).
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', () => undefined);
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  child.unref();
  const endpoint = `http://127.0.0.1:${port}`;
  await expectOk(fetch(`${endpoint}/moto-api/`), 'answer');
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    pid,
    clientOptions: { endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS },
    environment: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
      AWS_REGION: MOTO_REGION,
    },
    reset: () => expectOk(fetch(`${endpoint}/moto-api/reset`, { method: 'POST' }), 'reset'),
    stop: () =>
      (stopping ??= stopGroup(child, pid).finally(() => {
        process.off('exit', killOnExit);
      })),
  };
}

async function expectOk(response: Promise<Response>, what: string): Promise<void> {
  const answer = await response;
  await answer.arrayBuffer();
  if (answer.status !== 200) throw new Error(`moto did not ${what}: HTTP ${answer.status}`);
}

/** SIGTERM to the group, SIGKILL if it lingers; resolves when no process of the group runs. */
async function stopGroup(child: ChildProcess, pgid: number): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit').then(() => undefined);
  signalGroup(pgid, 'SIGTERM');
  if (!(await waitFor(() => !processGroupAlive(pgid), 5_000))) {
    signalGroup(pgid, 'SIGKILL');
    if (!(await waitFor(() => !processGroupAlive(pgid), 5_000)))
      throw new Error(`moto's process group ${pgid} is still running after SIGKILL`);
  }
  await exited;
}
