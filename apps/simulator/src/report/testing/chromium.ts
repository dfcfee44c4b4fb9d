import { execFileSync } from 'node:child_process';
import { Browser, chromium } from 'playwright-core';

// @sparticuz/chromium is an ES module and Jest loads CommonJS, so a short Node process of its own
// unpacks the binary (once, into the temporary folder) and prints where it is. Its Lambda flags are
// left out: with --single-process, closing one page closes the whole browser.
const UNPACK = `import chromium from '@sparticuz/chromium';
process.stdout.write(await chromium.executablePath());`;

/**
 * The Chromium shipped inside the `@sparticuz/chromium` npm package, unpacked: a fresh machine has
 * it after `npm ci`, with no system browser and no download. A `CHROMIUM_PATH` in the environment
 * names another binary instead (a desktop Chrome, Debian's `/usr/bin/chromium`).
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env['CHROMIUM_PATH'] || execFileSync(process.execPath, ['--input-type=module', '-e', UNPACK], { encoding: 'utf8', cwd: __dirname })
  );
}

/** Headless Chromium as the tests and the README's screenshot run it: no sandbox (CI runs as root), no GPU, no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
