import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

// `npm start` as the operator's terminal sees it: the simulator's main, bundled and run in a process of its own.
const ROOT = resolve(__dirname, '..', '..', '..');

function simulate(args: readonly string[], onStderr: (text: string, signal: (name: NodeJS.Signals) => void) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, ['tools/run-bundled/run-bundled.mjs', 'apps/simulator/src/main.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr(stderr, (name) => child.kill(name));
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm start, interrupted', () => {
  it('stops on Ctrl-C, says so, prints a partial report and exits 130', async () => {
    let sent = false;
    const { code, stdout, stderr } = await simulate(['--scenario', 'change-all', '--accounts', '20000'], (text, signal) => {
      if (!sent && text.includes('Simulating change-all')) {
        sent = true;
        signal('SIGINT');
      }
    });
    expect(code).toBe(130);
    expect(stderr).toContain('Interrupted: stopping the simulation and reporting what was done (Ctrl-C again to quit now)…\n');
    expect(stdout).toMatch(/^Contact Sync simulation: change-all \(seed 42\): INTERRUPTED, a partial report of what was done\n/);
    expect(stdout).toMatch(/\n {2}Result {12}INTERRUPTED \(Ctrl-C\): runs still open were left as they were\n$/);
  });

  it('says which option is wrong, by name, for a negative number', async () => {
    const { code, stderr } = await simulate(['--accounts', '-5'], () => undefined);
    expect(code).toBe(2);
    expect(stderr).toBe('error: --accounts must be a whole number from 1 to 100000\n');
  });
});
