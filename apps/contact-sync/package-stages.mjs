// Packages the stack's template for every stage of stages.yml other than the one the package target
// packages (dev, in .serverless/), and once with every optional resource on, each into
// .serverless-stages/<name>/, for the cfn-lint test (src/cfn-lint.spec.ts). Runs after the package
// target: osls always builds in .serverless/ and then moves the result, so the package target's
// output is set aside while the others are packaged and put back afterwards, even on failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { readStages } = require('./deploy/stage-settings.cjs');

const PACKAGE_TARGET_STAGE = 'dev';
const OUT = join(root, '.serverless-stages');
const project = JSON.parse(readFileSync(join(root, 'project.json'), 'utf8'));
// The --param values of the package target (organizationId), which every stage needs too.
const params = project.targets.package.options.command.split(/\s+/).filter((word) => word.startsWith('--param='));

const variants = [
  ...Object.keys(readStages(join(root, 'stages.yml')))
    .filter((stage) => stage !== 'defaults' && stage !== PACKAGE_TARGET_STAGE)
    .map((stage) => ({ name: stage, stage, params: [] })),
  {
    name: `${PACKAGE_TARGET_STAGE}-all-optional`,
    stage: PACKAGE_TARGET_STAGE,
    params: ['--param=notificationEmail=ops@example.com', '--param=notificationHub=create'],
  },
];

const packageTarget = join(root, '.serverless');
const setAside = join(root, '.serverless-package-target');
if (!existsSync(join(packageTarget, 'cloudformation-template-update-stack.json')))
  throw new Error(`${packageTarget} holds no template: run \`npx nx run contact-sync:package\` first`);
rmSync(OUT, { recursive: true, force: true });
rmSync(setAside, { recursive: true, force: true });
renameSync(packageTarget, setAside);
try {
  for (const variant of variants) {
    console.log(`packaging ${variant.name}: --stage ${variant.stage} ${[...params, ...variant.params].join(' ')}`);
    execFileSync(
      process.execPath,
      [
        join(root, '..', '..', 'node_modules', 'osls', 'bin', 'serverless.js'),
        'package',
        '--stage',
        variant.stage,
        ...params,
        ...variant.params,
        '--package',
        join(OUT, variant.name),
      ],
      // The same code for every stage: the handlers the package target bundled are packaged again, not rebuilt.
      { cwd: root, stdio: 'inherit', env: { ...process.env, CONTACT_SYNC_REUSE_BUNDLE: '1' } },
    );
  }
} finally {
  rmSync(packageTarget, { recursive: true, force: true });
  renameSync(setAside, packageTarget);
}
mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'variants.json'),
  `${JSON.stringify(
    [
      { name: PACKAGE_TARGET_STAGE, stage: PACKAGE_TARGET_STAGE, params, dir: '.serverless' },
      ...variants.map((v) => ({ ...v, params: [...params, ...v.params], dir: join('.serverless-stages', v.name) })),
    ],
    null,
    2,
  )}\n`,
);
