import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// What the operator's shell sees: the `contact-sync` bin run as a process, its exit code, stdout and stderr.
const BIN = resolve(__dirname, '..', 'bin', 'contact-sync.cjs');

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without the runner's AWS or Contact Sync settings, so that only what a test gives counts. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|CONTACT_SYNC_)/.test(name)));
  return { ...env, ...extra };
}

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const cli = (args: readonly string[], cwd: string, env: Record<string, string> = {}) => run(process.execPath, [BIN, ...args], cwd, env);
const newDir = () => mkdtempSync(join(tmpdir(), 'contact-sync-process-'));

describe('the contact-sync process', () => {
  it('prints its version, and its help with help, exiting 0 with nothing on stderr', async () => {
    const dir = newDir();
    expect(await cli(['--version'], dir)).toEqual({ code: 0, stdout: 'contact-sync 0.1.0\n', stderr: '' });
    const help = await cli(['help'], dir);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('64   usage error');
  });

  it('exits 64 on a usage error, with one line on stderr; with --json that line is a JSON object', async () => {
    const dir = newDir();
    expect(await cli(['plan', '--colour'], dir)).toEqual({
      code: 64,
      stdout: '',
      stderr: "error: Unknown option '--colour'. Run contact-sync --help for usage.\n",
    });
    const json = await cli(['plan', '--json', '--backend', 'memory', '--kinds', 'fax'], dir);
    expect(json).toMatchObject({ code: 64, stdout: '' });
    expect(JSON.parse(json.stderr)).toEqual({
      error: { code: 'USAGE', message: '--kinds: "FAX" is not one of PRIMARY, BILLING, OPERATIONS, SECURITY', exitCode: 64 },
    });
  });

  it('keeps the simulated organization in .contact-sync/ of the current directory: plan exits 0, 2 with --detailed-exitcode until a sync, then 0; reset starts afresh', async () => {
    const dir = newDir();
    const memory = ['--backend', 'memory', '--kinds', 'SECURITY'];
    expect((await cli(['plan', ...memory], dir)).code).toBe(0);
    expect((await cli(['plan', '--detailed-exitcode', ...memory], dir)).code).toBe(2);
    expect(existsSync(join(dir, '.contact-sync', 'memory-seed-1.json'))).toBe(true);
    const sync = await cli(['sync', '--yes', ...memory], dir);
    expect(sync).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Run cli-\S+ SUCCEEDED: \d+ updated/) });
    expect((await cli(['drift', '--detailed-exitcode', ...memory], dir)).code).toBe(0);
    expect((await cli(['reset', '--backend', 'memory'], dir)).code).toBe(0);
    expect((await cli(['drift', '--detailed-exitcode', ...memory], dir)).code).toBe(2);
  });

  it('ends quietly when the reader closes the pipe early (contact-sync plan | head -3)', async () => {
    const dir = newDir();
    const piped = await run(
      'bash',
      ['-c', `"${process.execPath}" "${BIN}" plan --backend memory 2> stderr.txt | head -3; echo "exit \${PIPESTATUS[0]}"; cat stderr.txt`],
      dir,
    );
    expect(piped.stdout).toMatch(/^ACCOUNT +KIND +ACTION +DETAIL\n-+ .*\n\d{12} .*\nexit 0\n$/);
    expect(piped.stderr).toBe('');
  });

  it('shows the underlying cause of an AWS failure in one line, and nothing from the SDK (its Node.js notice included)', async () => {
    const dir = newDir();
    const aws = ['plan', '--backend', 'aws', '--state-table', 'contact-sync-state', '--audit-table', 'contact-sync-audit'];
    const refused = await cli(aws, dir, {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
    });
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: cannot connect to AWS (ECONNREFUSED): check the network connection and any proxy\n',
    });

    const config = join(dir, 'aws-config');
    writeFileSync(config, '[profile ops]\nregion = us-east-1\n');
    const credentials = join(dir, 'aws-credentials');
    writeFileSync(credentials, '');
    const nope = await cli([...aws, '--profile', 'nope'], dir, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    expect(nope).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: the AWS profile "nope" (--profile) is in neither ${config} nor ${credentials}: aws configure list-profiles lists the profiles there\n`,
    });
  });
});
