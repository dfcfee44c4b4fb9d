import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const DOMAIN = join(ROOT, 'libs', 'domain');
const HERE = join(__dirname, '..');

/** What `npm pack --json` says of the tarball. */
export interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly { readonly path: string }[];
}

/**
 * Runs a command as a user would in their own project: none of the `npm_*` settings of the `npm test`
 * that runs this reach it (they would point npm back at this repository).
 */
export function run(command: string, args: readonly string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${basename(command)} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Packs the built domain into `directory`. */
export function packDomain(directory: string): Packed {
  if (!existsSync(join(DOMAIN, 'dist', 'cjs', 'index.js')))
    throw new Error('libs/domain/dist is missing: run `npx nx run domain:build` (the Nx test target does it first)');
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', directory], DOMAIN)) as Packed[];
  if (!packed) throw new Error('npm pack reported no tarball');
  return packed;
}

/**
 * A fresh npm project under the system's temp folder with the tarball installed offline (the package
 * has no dependencies), the consumer scripts and the README example beside it, and a tsconfig for a
 * consumer's TypeScript. The optional peer fast-check (for `./testing`) and Node's types are linked
 * from this repository's install, so that nothing is downloaded.
 */
export function createConsumerProject(): { readonly directory: string; readonly packed: Packed } {
  const directory = mkdtempSync(join(tmpdir(), 'contact-sync-domain-consumer-'));
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const packed = packDomain(directory);
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${packed.filename}`], directory);
  mkdirSync(join(directory, 'node_modules'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', 'fast-check'), join(directory, 'node_modules', 'fast-check'), 'dir');
  for (const file of [
    'consumer/require.cjs',
    'consumer/import.mjs',
    'consumer/typed.mts',
    'consumer/typed.cts',
    'examples/use-the-domain.mjs',
  ])
    copyFileSync(join(HERE, file), join(directory, basename(file)));
  const compilerOptions = {
    module: 'nodenext',
    target: 'ES2022',
    strict: true,
    noEmit: true,
    allowJs: true,
    checkJs: true,
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  };
  writeFileSync(
    join(directory, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: ['typed.mts', 'typed.cts', 'use-the-domain.mjs'] }),
  );
  return { directory, packed };
}
