import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStages } from '../deploy/stage-settings.cjs';
import { findCfnLint, lintTemplates } from './testing/cfn-lint';

const root = join(__dirname, '..');
const TEMPLATE = 'cloudformation-template-update-stack.json';

/** One packaged template: a stage, with the --param values it was packaged with, and where it is. */
interface Variant {
  readonly name: string;
  readonly stage: string;
  readonly params: readonly string[];
  readonly dir: string;
}

/** What the package and package-stages targets (which the test target depends on) packaged. */
const VARIANTS_FILE = join(root, '.serverless-stages', 'variants.json');
const variants: Variant[] = existsSync(VARIANTS_FILE) ? (JSON.parse(readFileSync(VARIANTS_FILE, 'utf8')) as Variant[]) : [];
const templateOf = (variant: Variant) => join(root, variant.dir, TEMPLATE);

let findings: Map<string, string[]>;
beforeAll(() => {
  if (variants.length === 0) throw new Error(`${VARIANTS_FILE} is missing: run \`npx nx run contact-sync:package-stages\` first`);
  // Fails every test with one line when cfn-lint is missing: never a silent skip.
  findings = lintTemplates(findCfnLint(), variants.map(templateOf));
}, 300_000);

describe('cfn-lint on the packaged templates', () => {
  it('has a packaged template for every stage of stages.yml, and one with every optional resource on', () => {
    const stages = Object.keys(readStages(join(root, 'stages.yml'))).filter((name) => name !== 'defaults');
    expect(stages).toEqual(expect.arrayContaining(['dev', 'prod']));
    expect([...new Set(variants.map((v) => v.stage))].sort()).toEqual(stages.sort());
    expect(
      variants.some(
        (v) => v.params.includes('--param=notificationHub=create') && v.params.some((p) => p.startsWith('--param=notificationEmail=')),
      ),
    ).toBe(true);
    for (const variant of variants) expect(existsSync(templateOf(variant))).toBe(true);
  });

  it.each(variants.map((v) => [v.name, v] as const))(
    'finds no error and no warning in the %s template (warnings accepted are suppressed in serverless.yml, each with why)',
    (_name, variant) => {
      expect(findings.get(templateOf(variant))).toEqual([]);
    },
  );
});
