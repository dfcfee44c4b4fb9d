import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it where it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless Chromium as the tests and the README's screenshot run it: no sandbox (CI runs as root), no GPU, no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
