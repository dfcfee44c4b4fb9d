import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkCommandLine } from './cli';

// docs/DEPLOYMENT.md is pasted into a shell block by block, each maybe in a new shell: these are the
// checks that can run without an AWS account.
const ROOT = resolve(__dirname, '..', '..', '..');
const GUIDE = readFileSync(join(ROOT, 'docs', 'DEPLOYMENT.md'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const shBlocks = (markdown: string) => [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
const blocks = shBlocks(GUIDE);
const [variables, ...steps] = blocks as [string, ...string[]];

/** The `contact-sync` command lines in shell text, with shell values ("$VAR", "$(…)") standing as one word. */
function contactSyncCommands(text: string): string[][] {
  const valued = text.replace(/"\$\([^"]*\)"|"\$[A-Za-z_]+"|\$[A-Za-z_]+/g, 'VALUE');
  return [...valued.matchAll(/npx contact-sync ([^|>;)&\n]*)/g)].map((m) =>
    [...(m[1] as string).matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((w) => w[1] ?? w[2] ?? (w[3] as string)),
  );
}

describe('docs/DEPLOYMENT.md', () => {
  it('starts every step after the variables by loading them, so that it works in a new shell', () => {
    expect(variables).toMatch(/^cat > contact-sync\.env <<'EOF'\n/);
    for (const step of steps) expect(step).toMatch(/^source \.\/contact-sync\.env\n/);
  });

  it('leaves only the organization id and an e-mail address to fill in, both in the variables, and no placeholder anywhere', () => {
    expect(variables.match(/# fill in/g)).toHaveLength(2);
    expect(variables).toMatch(/^export ORG_ID=o-\w+ +# fill in: your organization's id$/m);
    expect(variables).toMatch(/^export NOTIFY_EMAIL=\S+@\S+ +# fill in: who receives run and alarm notifications$/m);
    for (const block of blocks) expect(block).not.toMatch(/REPLACE|TODO|…|<[a-z][a-z -]*>|\.\.\./i);
  });

  it('has blocks bash can parse', () => {
    for (const block of blocks) {
      const check = spawnSync('bash', ['-n'], { input: block, encoding: 'utf8' });
      expect({ block, stderr: check.stderr }).toEqual({ block, stderr: '' });
    }
  });

  it('writes variables that load the stack outputs the CLI reads, and nothing when there is no stack yet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contact-sync-guide-'));
    // A stand-in for the AWS CLI: the stack's outputs as `--output text` prints them, when STACK_EXISTS is set.
    const aws = join(dir, 'aws');
    writeFileSync(
      aws,
      `#!/usr/bin/env bash
[ "$1 $2" = "cloudformation describe-stacks" ] || exit 3
[ -n "$STACK_EXISTS" ] || { echo "Stack with id $4 does not exist" >&2; exit 254; }
printf 'StateTableName\\tcontact-sync-prod-StateTable-1A\\nAuditTableName\\tcontact-sync-prod-AuditTable-2B\\nNotificationTopicArn\\tarn:aws:sns:us-east-1:111111111111:contact-sync-prod-notifications\\nWorkQueueUrl\\thttps://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-work\\nFailedEventsQueueUrl\\thttps://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-failed-events\\nEventsDeadLetterQueueUrl\\thttps://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-events-dlq\\nFailedEventsDeadLetterQueueUrl\\thttps://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-failed-events-dlq\\nFingerprintSecretArn\\tarn:aws:secretsmanager:us-east-1:111111111111:secret:FingerprintSecret-AbCdEf\\nInitialSyncConfig\\t{"kinds":["PRIMARY","BILLING","OPERATIONS","SECURITY"],"excludedAccountIds":[],"propagateDeletions":false,"dryRun":true}\\nServerlessDeploymentBucketName\\tcontact-sync-prod-serverlessdeploymentbucket-1\\n'
`,
    );
    chmodSync(aws, 0o755);
    const shell = (stackExists: boolean) =>
      execFileSync(
        'bash',
        ['-c', `{\n${variables}\n} > /dev/null\nenv | grep -E '^(CONTACT_SYNC_|STACK=|STAGE=|AWS_REGION=|ORG_ID=)' | sort`],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: `${dir}:${process.env['PATH']}`, ...(stackExists ? { STACK_EXISTS: '1' } : {}) },
        },
      );
    expect(shell(false)).toBe('AWS_REGION=us-east-1\nORG_ID=o-exampleorgid\nSTACK=contact-sync-prod\nSTAGE=prod\n');
    expect(shell(true)).toBe(
      [
        'AWS_REGION=us-east-1',
        'CONTACT_SYNC_AUDIT_TABLE=contact-sync-prod-AuditTable-2B',
        'CONTACT_SYNC_EVENTS_DLQ_URL=https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-events-dlq',
        'CONTACT_SYNC_FAILED_EVENTS_QUEUE_URL=https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-failed-events',
        'CONTACT_SYNC_FINGERPRINT_SECRET=arn:aws:secretsmanager:us-east-1:111111111111:secret:FingerprintSecret-AbCdEf',
        'CONTACT_SYNC_INITIAL_SYNC_CONFIG={"kinds":["PRIMARY","BILLING","OPERATIONS","SECURITY"],"excludedAccountIds":[],"propagateDeletions":false,"dryRun":true}',
        'CONTACT_SYNC_STATE_TABLE=contact-sync-prod-StateTable-1A',
        'CONTACT_SYNC_TOPIC_ARN=arn:aws:sns:us-east-1:111111111111:contact-sync-prod-notifications',
        'CONTACT_SYNC_WORK_QUEUE_URL=https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-prod-work',
        'ORG_ID=o-exampleorgid',
        'STACK=contact-sync-prod',
        'STAGE=prod',
        '',
      ].join('\n'),
    );
  });

  it('uses contact-sync commands and options that exist, here and in the README', () => {
    const commands = [...contactSyncCommands(blocks.join('\n')), ...contactSyncCommands(shBlocks(README).join('\n'))];
    expect(commands.length).toBeGreaterThan(20);
    for (const argv of commands) expect({ argv, spec: checkCommandLine(argv).name }).toEqual({ argv, spec: expect.any(String) });
  });

  // A pasted block goes on being read while a command runs: a question asked before the block's last
  // line would be answered by the next pasted line, not by the operator.
  it('asks only in a block’s last command: every command that asks, without --yes, ends its block', () => {
    const asking = (argv: readonly string[]) =>
      ['config set', 'sync', 'replay-failed-events'].includes(checkCommandLine(argv).name) && !argv.includes('--yes');
    for (const block of [...blocks, ...shBlocks(README)]) {
      const commands = contactSyncCommands(block);
      const lastLine = block.trimEnd().split('\n').at(-1) ?? '';
      commands.forEach((argv, i) => {
        if (asking(argv))
          expect({ argv, last: i === commands.length - 1 && lastLine.startsWith('npx contact-sync') }).toEqual({ argv, last: true });
      });
    }
  });

  it('reads the run id from what runs --json prints', () => {
    const snippets = [...GUIDE.matchAll(/node -p '([^']*\.runs[^']*)'/g)].map((m) => m[1] as string);
    expect(snippets).toHaveLength(2);
    const printed = JSON.stringify({ runs: [{ runId: 'chg-newer' }, { runId: 'chg-older' }] }, null, 2);
    expect(snippets.map((code) => execFileSync(process.execPath, ['-p', code], { input: printed, encoding: 'utf8' }))).toEqual([
      'chg-older\n',
      'chg-newer\n',
    ]);
  });
});
