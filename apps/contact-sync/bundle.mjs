// Bundles each Lambda handler on its own with esbuild (Node 22, minified, CommonJS) into
// dist/<function>/index.js, and writes dist/bundle-sizes.json. serverless.yml zips each directory.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
export const FUNCTIONS = {
  contactChange: 'src/handlers/contact-change.ts',
  accountWorker: 'src/handlers/account-worker.ts',
  finishRun: 'src/handlers/finish-run.ts',
  newAccount: 'src/handlers/new-account.ts',
  accountChange: 'src/handlers/account-change.ts',
  scheduledReconcile: 'src/handlers/scheduled-reconcile.ts',
  sweepRuns: 'src/handlers/sweep-runs.ts',
};

const started = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
const sizes = {};
for (const [name, entry] of Object.entries(FUNCTIONS)) {
  const outfile = join(root, 'dist', name, 'index.js');
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    keepNames: true,
    metafile: true,
    legalComments: 'none',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  sizes[name] = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes;
}
writeFileSync(join(root, 'dist', 'bundle-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
for (const [name, bytes] of Object.entries(sizes)) console.log(`${name.padEnd(20)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
console.log(`bundled ${Object.keys(sizes).length} functions in ${Date.now() - started} ms`);
