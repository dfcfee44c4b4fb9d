import { parseSyncConfigText } from '@contact-sync/domain';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStages, stageSettings } from '../deploy/stage-settings.cjs';
import { actionsOf, Resource, roleStatements } from './testing/packaged-stack';

// Every stage deploys safe: nothing a fresh stack runs by itself (its schedules, and the events it
// reacts to) writes a member contact until an operator goes live with `config set --dry-run false`.
// Read from the templates the package and package-stages targets (which the test target depends on)
// packaged, one per stage of stages.yml.
const root = join(__dirname, '..');
interface Variant {
  readonly name: string;
  readonly stage: string;
  readonly dir: string;
}
const VARIANTS_FILE = join(root, '.serverless-stages', 'variants.json');
const variants: Variant[] = existsSync(VARIANTS_FILE) ? (JSON.parse(readFileSync(VARIANTS_FILE, 'utf8')) as Variant[]) : [];
interface Template {
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown }>;
}
const templateOf = (variant: Variant): Template =>
  JSON.parse(readFileSync(join(root, variant.dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;

/** Whether a role may change a member's contacts. */
const WRITES = ['account:PutAlternateContact', 'account:PutContactInformation', 'account:DeleteAlternateContact'];
const writesContacts = (resources: Record<string, Resource>, role: string): boolean =>
  roleStatements(resources, role).some((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => WRITES.includes(a) || a === 'account:*'));

/** Each function's logical id, its role and the INITIAL_SYNC_CONFIG it starts with. */
function functionsOf(template: Template) {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([id, r]) => ({
      id,
      role: ((r.Properties['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'] ?? [])[0],
      initial: (r.Properties['Environment'] as { Variables: Record<string, string> }).Variables['INITIAL_SYNC_CONFIG'],
    }));
}

describe('every stage deploys safe', () => {
  it('has a packaged template for prod', () => {
    expect(variants.map((v) => v.name)).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  describe.each(variants.map((v) => [v.name, v] as const))('the %s package', (_name, variant) => {
    const template = templateOf(variant);
    const functions = functionsOf(template);

    it('starts every function in dry run until a configuration is stored, and outputs that configuration for the CLI', () => {
      expect(functions.length).toBeGreaterThanOrEqual(7);
      for (const fn of functions) {
        const parsed = parseSyncConfigText(fn.initial ?? '');
        expect({ fn: fn.id, valid: parsed.ok, dryRun: parsed.ok && parsed.value.dryRun }).toEqual({ fn: fn.id, valid: true, dryRun: true });
        expect(fn.initial).toBe(template.Outputs['InitialSyncConfig']?.Value);
      }
    });

    it('has no enabled schedule that writes: each one starts a function that honours that configuration, and only the worker may write', () => {
      const schedules = Object.values(template.Resources).filter(
        (r) => r.Type === 'AWS::Events::Rule' && r.Properties['ScheduleExpression'],
      );
      const enabledTargets = schedules
        .filter((r) => r.Properties['State'] === 'ENABLED')
        .flatMap((r) => (r.Properties['Targets'] as { Arn: { 'Fn::GetAtt': [string, string] } }[]).map((t) => t.Arn['Fn::GetAtt'][0]))
        .sort();
      // The periodic resync stays on (issue 24): in dry run its run only compares. The sweeper only
      // carries on runs, which take their dry run from the configuration in force.
      expect(enabledTargets).toEqual(['ScheduledReconcileLambdaFunction', 'SweepRunsLambdaFunction']);
      for (const target of enabledTargets) {
        const fn = functions.find((f) => f.id === target);
        expect(fn && parseSyncConfigText(fn.initial ?? '')).toMatchObject({ ok: true, value: { dryRun: true } });
      }
      expect(functions.filter((f) => writesContacts(template.Resources, f.role as string)).map((f) => f.id)).toEqual([
        'AccountWorkerLambdaFunction',
      ]);
    });
  });

  it('gives every stage of stages.yml, and a stage it does not name, an initial configuration in dry run', () => {
    const stages = readStages(join(root, 'stages.yml'));
    const names = [...Object.keys(stages).filter((name) => name !== 'defaults'), 'staging'];
    for (const stage of names) {
      const { initialSyncConfig } = stageSettings({ stage, param: 'organizationId=o-a1b2c3d4e5', stages });
      expect({ stage, config: parseSyncConfigText(initialSyncConfig) }).toMatchObject({
        stage,
        config: { ok: true, value: { dryRun: true } },
      });
    }
  });

  describe('docs/DEPLOYMENT.md', () => {
    const guide = readFileSync(join(root, '..', '..', 'docs', 'DEPLOYMENT.md'), 'utf8');
    const blocks = [...guide.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
    const goLive = blocks.findIndex((block) => block.includes('npx contact-sync config set --dry-run false'));
    const beforeGoLive = blocks.slice(0, goLive);

    it('goes live in one step of its own: config set --dry-run false, which shows the plan and asks', () => {
      expect(goLive).toBeGreaterThan(0);
      expect(blocks[goLive]).toBe('source ./contact-sync.env\nnpx contact-sync config set --dry-run false\n');
      expect(guide).toMatch(/\n## 6\. Go live\n/);
    });

    it('deploys, before going live, a stage whose package starts every function in dry run', () => {
      const stage = /^export STAGE=(\S+)$/m.exec(blocks[0] ?? '')?.[1];
      const deploy = beforeGoLive.findIndex((block) => block.includes('serverless deploy --stage "$STAGE"'));
      expect(deploy).toBeGreaterThan(0);
      const variant = variants.find((v) => v.name === stage);
      expect(variant).toBeDefined();
      for (const fn of functionsOf(templateOf(variant as Variant)))
        expect({ fn: fn.id, config: parseSyncConfigText(fn.initial ?? '') }).toMatchObject({
          fn: fn.id,
          config: { ok: true, value: { dryRun: true } },
        });
    });

    it('writes no member contact before going live: no sync, no replay, no live configuration, no member write by hand', () => {
      const writes = [
        /contact-sync sync\b/,
        /contact-sync replay-failed-events/,
        /--dry-run false/,
        /"dryRun":\s*false/,
        /initialSyncConfig/,
        /aws account (put|delete)-[a-z-]+[^\n]*--account-id/,
      ];
      for (const [i, block] of beforeGoLive.entries())
        for (const pattern of writes)
          expect({ block: i, writes: pattern.test(block) ? String(pattern) : undefined }).toEqual({ block: i, writes: undefined });
    });

    it('stores, before going live, only configurations in dry run', () => {
      const text = beforeGoLive.join('\n');
      const sets = [...text.matchAll(/npx contact-sync config set ([^\n]*)/g)].map((m) => m[1] as string);
      expect(sets.length).toBeGreaterThan(0);
      for (const args of sets) {
        const file = /--file (\S+)/.exec(args)?.[1];
        const written = file && new RegExp(`cat > ${file.replace('.', '\\.')} <<'EOF'\\n([\\s\\S]*?)\\nEOF\\n`).exec(text)?.[1];
        const dry = args.includes('--dry-run true') || (written !== undefined && /"dryRun":\s*true/.test(written));
        expect({ args, dry }).toEqual({ args, dry: true });
      }
    });
  });
});
