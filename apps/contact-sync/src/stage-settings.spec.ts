import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readStages, SettingsError, stageSettings } from '../deploy/stage-settings.cjs';

const root = join(__dirname, '..');
const stages = readStages(join(root, 'stages.yml'));
const ORG = 'organizationId=o-a1b2c3d4e5';
const refusal = (input: Parameters<typeof stageSettings>[0]): string => {
  try {
    stageSettings(input);
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  throw new Error('the settings were accepted');
};

describe('stage settings', () => {
  it('are the defaults, then the stage entry, then --param', () => {
    expect(stageSettings({ stage: 'prod', param: [ORG, 'workerConcurrency=8'], stages })).toMatchObject({
      organizationId: 'o-a1b2c3d4e5',
      workerConcurrency: 8,
      reconcileEnabled: true,
      logRetentionDays: 90,
      notificationEmail: '',
      notificationHub: 'none',
    });
  });

  it('fall back to the documented defaults for a stage stages.yml does not name', () => {
    expect(stageSettings({ stage: 'staging', param: ORG, stages })).toEqual({
      ...(stages['defaults'] as object),
      organizationId: 'o-a1b2c3d4e5',
      notificationHub: 'none',
    });
  });

  it('leave AWS User Notifications out unless a hub mode is said, and take the one said', () => {
    expect((stages['defaults'] as Record<string, unknown>)['notificationHub']).toBe('');
    for (const mode of ['none', 'existing', 'create'] as const) {
      expect(stageSettings({ stage: 'prod', param: [ORG, `notificationHub=${mode}`], stages }).notificationHub).toBe(mode);
      const withEmail = stageSettings({
        stage: 'prod',
        param: [ORG, 'notificationEmail=ops@example.com', `notificationHub=${mode}`],
        stages,
      });
      expect([withEmail.notificationEmail, withEmail.notificationHub]).toEqual(['ops@example.com', mode]);
    }
  });

  it.each([
    [
      'no organization id',
      { stage: 'prod', stages },
      /^organizationId \(not set for stage "prod"\) must be your organization's id .*--param="organizationId=/,
    ],
    [
      'the placeholder id',
      { stage: 'prod', param: 'organizationId=o-exampleorgid', stages },
      /^--param organizationId must be your organization's id/,
    ],
    ['a malformed id', { stage: 'prod', param: 'organizationId=garbage', stages }, /^--param organizationId must be/],
    [
      'another Region',
      { stage: 'prod', param: [ORG], region: 'eu-west-1', stages },
      /^--region eu-west-1: Contact Sync deploys to us-east-1 only/,
    ],
    [
      'a bad e-mail',
      { stage: 'prod', param: [ORG, 'notificationEmail=not-an-email'], stages },
      /^--param notificationEmail must be an e-mail address/,
    ],
    [
      'one worker',
      { stage: 'prod', param: [ORG, 'workerConcurrency=1'], stages },
      /^--param workerConcurrency must be a whole number from 2 to 1000$/,
    ],
    [
      'an e-mail address without a notification hub mode',
      { stage: 'prod', param: [ORG, 'notificationEmail=ops@example.com'], stages },
      /^notificationHub must be said when notificationEmail is set \(alarm e-mails go through AWS User Notifications, which needs a notification hub in us-east-1\): pass --param="notificationHub=…" with existing if `aws notifications list-notification-hubs --region us-east-1` lists a us-east-1 hub, create if it lists none, or none for no alarm notifications/,
    ],
    [
      'a notification hub mode that is not one',
      { stage: 'prod', param: [ORG, 'notificationHub=yes'], stages },
      /^--param notificationHub must be existing if .* create if it lists none, or none for no alarm notifications/,
    ],
    ['an unknown --param', { stage: 'prod', param: [ORG, 'stage=x'], stages }, /^--param stage: not a setting --param takes/],
    [
      'a misspelt setting',
      { stage: 'dev', param: ORG, stages: { ...stages, dev: { workerConcurency: 4 } } },
      /^stages.yml "dev.workerConcurency" is not a setting/,
    ],
    [
      'a retention CloudWatch lacks',
      { stage: 'dev', param: ORG, stages: { ...stages, dev: { logRetentionDays: 10 } } },
      /^stages.yml "dev.logRetentionDays" must be one of CloudWatch Logs' retention periods/,
    ],
    ['no defaults', { stage: 'dev', param: ORG, stages: { dev: {} } }, /^stages.yml has no "defaults:" entry/],
  ])('refuses %s in one line that says what to do', (_name, input, message) => {
    const said = refusal(input as Parameters<typeof stageSettings>[0]);
    expect(said).toMatch(message);
    expect(said).not.toContain('\n');
  });

  it('never repeats the value it refuses', () => {
    expect(refusal({ stage: 'prod', param: [ORG, 'notificationEmail=jane.doe at example'], stages })).not.toContain('jane');
    expect(refusal({ stage: 'prod', param: [ORG, 'notificationEmail=jane.doe@example.com'], stages })).not.toContain('jane');
  });
});

describe('serverless package with a bad setting', () => {
  const serverless = (args: string[]) =>
    promisify(execFile)(process.execPath, [join(root, '../../node_modules/osls/bin/serverless.js'), 'package', ...args], {
      cwd: root,
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string; stdout: string }) => ({ code: error.code, stderr: `${error.stdout}${error.stderr}` }),
    );

  it.each([
    [['--stage', 'prod'], 'organizationId (not set for stage "prod")'],
    [['--stage', 'prod', `--param=${ORG}`, '--region', 'eu-west-1'], '--region eu-west-1: Contact Sync deploys to us-east-1 only'],
    [
      ['--stage', 'prod', `--param=${ORG}`, '--param=notificationEmail=ops@example.com'],
      'notificationHub must be said when notificationEmail is set',
    ],
  ])(
    '%p fails in under 10 seconds, with the reason on one line',
    async (args, reason) => {
      const started = Date.now();
      const result = await serverless(args);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n').filter((line) => line.includes(reason))).toHaveLength(1);
    },
    20_000,
  );
});
