#!/usr/bin/env node
/**
 * Runs a TypeScript entry point of this repository as one esbuild bundle, in this process:
 *
 *   node tools/run-bundled/run-bundled.mjs [--tsconfig FILE] ENTRY.ts [ARGS...]
 *
 * `npm start` and `npm run bench` run through it rather than through tsx: tsx compiles each module
 * as it loads, behind loader hooks, and keeps function names (a defineProperty on every closure
 * the code creates); a 10,000-account simulation ran about a quarter slower under it, and started in
 * over a second where the bundle takes a few hundred milliseconds. Stack traces still name the
 * TypeScript files (an inline source map; a child process needs `--enable-source-maps`). The bundle
 * is a file of this process's own under tmp/bundled, removed when the process exits; one left by a
 * process killed by a signal is removed by the next run. `process.argv[1]` names it, so a child
 * process of the same program can be started with `process.execPath` and `process.argv[1]`, as the
 * bench does.
 */
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLES = join(ROOT, 'tmp', 'bundled');
const USAGE = 'usage: node tools/run-bundled/run-bundled.mjs [--tsconfig FILE] ENTRY.ts [ARGS...]\n';

/** Whether a process with this id is running. */
function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Removes the bundles of processes that are gone (killed by a signal, they could not remove their own). */
function removeOrphans() {
  for (const file of existsSync(BUNDLES) ? readdirSync(BUNDLES) : []) {
    const pid = Number(/\.(\d+)\.cjs$/.exec(file)?.[1]);
    if (pid > 0 && pid !== process.pid && !running(pid)) rmSync(join(BUNDLES, file), { force: true });
  }
}

/** The nearest tsconfig.json at or above the entry's folder, within the repository. */
function nearestTsconfig(entry) {
  for (let dir = dirname(entry); dir === ROOT || dir.startsWith(ROOT + sep); dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
  }
  return join(ROOT, 'tsconfig.base.json');
}

/** The bundle's path, or an exit code when there is nothing to run. */
function bundle(argv) {
  let tsconfig;
  if (argv[0]?.startsWith('--tsconfig=')) argv = ['--tsconfig', argv[0].slice('--tsconfig='.length), ...argv.slice(1)];
  if (argv[0] === '--tsconfig') {
    if (argv[1] === undefined) {
      process.stderr.write(`error: --tsconfig needs a file\n${USAGE}`);
      return { code: 64 };
    }
    tsconfig = resolve(argv[1]);
    argv = argv.slice(2);
  }
  const [entryArg, ...args] = argv;
  if (entryArg === undefined) {
    process.stderr.write(USAGE);
    return { code: 64 };
  }
  const entry = resolve(entryArg);
  if (!existsSync(entry)) {
    process.stderr.write(`error: ${entryArg}: no such entry point\n${USAGE}`);
    return { code: 64 };
  }
  const name = relative(ROOT, entry)
    .replace(/\.[cm]?ts$/, '')
    .replace(/[^A-Za-z0-9]+/g, '-');
  removeOrphans();
  const outfile = join(BUNDLES, `${name}.${process.pid}.cjs`);
  mkdirSync(BUNDLES, { recursive: true });
  process.on('exit', () => rmSync(outfile, { force: true }));
  try {
    const { warnings } = buildSync({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // The workspace's libraries are bundled (through the tsconfig paths); installed packages are required as they are.
      packages: 'external',
      tsconfig: tsconfig ?? nearestTsconfig(entry),
      sourcemap: 'inline',
      sourcesContent: false,
      // Errors are reported below, once, and warnings (none today) after the build.
      logLevel: 'silent',
    });
    for (const w of warnings) {
      const where = w.location ? `${w.location.file}:${w.location.line}:${w.location.column}: ` : '';
      process.stderr.write(`warning: ${where}${w.text}\n`);
    }
  } catch (error) {
    process.stderr.write(`error: could not bundle ${basename(entry)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return { code: 1 };
  }
  return { outfile, args };
}

const bundled = bundle(process.argv.slice(2));
if (bundled.outfile === undefined) process.exitCode = bundled.code;
else {
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0], bundled.outfile, ...bundled.args];
  // What the program throws is its own: Node reports it (with its TypeScript stack) as for any script.
  createRequire(bundled.outfile)(bundled.outfile);
}
