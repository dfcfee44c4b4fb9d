import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The README's "Try the CLI against moto" block, run as a reader pastes it: in bash, from the
// repository root, with nothing of the test runner's AWS or Contact Sync settings. Two things are
// changed, so that developers running the tests side by side do not share a server: the port (5000)
// and moto's log file. The block starts moto itself and stops it on its last line; the test stops
// the block's process group in any case.

const REPOSITORY = resolve(__dirname, '..', '..', '..');
const README = readFileSync(join(REPOSITORY, 'README.md'), 'utf8');

/** The ```sh block under the "Try the CLI against moto" heading. */
export function motoBlockOf(markdown: string): string {
  const section = markdown.split(/^### Try the CLI against moto$/m)[1];
  const block = section?.match(/^```sh\n([\s\S]*?)^```$/m)?.[1];
  if (!block) throw new Error('README.md has no sh block under "### Try the CLI against moto"');
  return block;
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a bash script in its own process group, which is killed when it ends or times out. */
function runBash(script: string, timeoutMs: number): Promise<Finished> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|CONTACT_SYNC_|WRITE_FENCE_MS$)/.test(name)));
  return new Promise((done, fail) => {
    const child = spawn('bash', ['-c', script], { cwd: REPOSITORY, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const killGroup = () => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(killGroup, timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup();
      done({ code, stdout, stderr });
    });
  });
}

describe("the README's moto block", () => {
  it('is found, and starts and stops moto on port 5000 itself', () => {
    const block = motoBlockOf(README);
    expect(block).toMatch(/^moto_server -H 127\.0\.0\.1 -p 5000 > \/tmp\/moto\.log 2>&1 &$/m);
    expect(block.trimEnd().split('\n').at(-1)).toMatch(/^kill "\$MOTO_PID"/);
  });

  it('runs word for word and prints what the README promises', async () => {
    const port = await freePort();
    const log = join(mkdtempSync(join(tmpdir(), 'contact-sync-readme-moto-')), 'moto.log');
    const script = motoBlockOf(README)
      .replaceAll('127.0.0.1:5000', `127.0.0.1:${port}`)
      .replace('-p 5000', `-p ${port}`)
      .replace('/tmp/moto.log', log);
    const { code, stdout, stderr } = await runBash(script, 240_000);
    const context = `stdout:\n${stdout}\nstderr:\n${stderr}`;
    expect({ code, context }).toEqual({ code: 0, context });
    const lines = stdout.split('\n');

    // The plan: four changes, exit 2 (asked for with --detailed-exitcode).
    const changes = lines.filter((l) => /^\d{12} {2}(BILLING|SECURITY) +PUT/.test(l));
    expect(changes).toHaveLength(4);
    expect(stdout).toContain(
      'Plan: 4 to update, 0 to delete, 2 unchanged, 0 skipped, 0 errors (6 account-kinds in 2 accounts).\nRun `contact-sync sync` to apply.\n',
    );
    const differs = changes.filter((l) => l.endsWith('differs: Name, EmailAddress, PhoneNumber'));
    expect(differs).toHaveLength(1);
    const first = (differs[0] as string).slice(0, 12);
    expect(changes.filter((l) => l.startsWith(first)).map((l) => l.split(/ +/)[1])).toEqual(['BILLING', 'SECURITY']);
    expect(lines.filter((l) => /^exit \d+$/.test(l))).toEqual(['exit 2', 'exit 0']);

    // sync writes them, after naming the organization and what it writes; drift then finds none.
    expect(stderr).toMatch(/Organization {8}o-[a-z0-9]{10,32} \(management account 123456789012\)\n/);
    expect(stderr).toContain('  Changes by kind\n    BILLING    2 to update\n    SECURITY   2 to update\n');
    expect(stdout).toMatch(/^Run cli-\S+ SUCCEEDED: 4 updated, 2 unchanged, 0 skipped, 0 failed\.$/m);
    expect(stdout).toContain('0 drifted account-kinds in 0 accounts (6 checked, 0 unreadable).\n');

    // history lists the first member's three outcomes, initiated by moto's principal.
    const history = lines.filter((l) => new RegExp(`^\\S+Z +cli-\\S+ +${first} `).test(l)).map((l) => l.split(/ +/).slice(3));
    expect(history.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['BILLING', 'UPDATED', 'PUT', expect.stringMatching(/^arn:aws:sts::123456789012:/)],
      ['OPERATIONS', 'UNCHANGED', expect.stringMatching(/^arn:aws:sts::123456789012:/)],
      ['SECURITY', 'UPDATED', 'PUT', expect.stringMatching(/^arn:aws:sts::123456789012:/)],
    ]);
    expect(stdout).toMatch(/^cli-\S+ +RECONCILE +SUCCEEDED +BILLING,OPERATIONS,SECURITY +1\/1 +4 +2 +0 +0 /m);

    // The second member's BILLING contact is now the management account's.
    const aws = lines.indexOf('Bo Billing');
    expect(aws).toBeGreaterThan(0);
    // The rollback's plan: the four contacts the sync wrote still hold its values, so all four would be restored.
    const rollback = lines.slice(aws + 1).join('\n');
    expect(rollback).toMatch(/^Rollback of run cli-\S+: the members it wrote, read now\.$/m);
    expect(rollback).toMatch(/^BILLING +2 +0 +0 +0 +0$/m);
    expect(rollback).toMatch(/^SECURITY +2 +0 +0 +0 +0$/m);
    expect(rollback).toMatch(/^Dry run: nothing was written\. Restore them with: contact-sync rollback cli-\S+ --apply$/m);
    // contact-sync printed no contact value.
    const printedByContactSync = `${lines.filter((_, i) => i !== aws).join('\n')}\n${stderr}`;
    for (const value of ['Sam Secure', 'sam@example.com', 'Bo Billing', 'bo@example.com', 'Old Contact', 'old@example.com', '+1 206 555'])
      expect(printedByContactSync).not.toContain(value);
  }, 300_000);
});
