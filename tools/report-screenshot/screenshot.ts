import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_ORGANIZATION } from '@contact-sync/simulated-aws';
import { runObservedSimulation } from '../../apps/simulator/src/report/observed-simulation';
import { launchChromium } from '../../apps/simulator/src/report/testing/chromium';
import { writeSimulationReport } from '../../apps/simulator/src/report/write-report';

/**
 * The README's picture of the HTML report: the chaos scenario on 1,000 accounts (throttling, retries,
 * failed accounts), as `npm start -- --scenario chaos --accounts 1000 --report tmp/report/chaos.html`
 * writes it, opened in headless Chromium and saved as docs/report.png.
 */
async function main(): Promise<void> {
  // Run by `npm run report:screenshot`, from the repository's root (this file runs as a bundle elsewhere).
  const root = process.cwd();
  mkdirSync(resolve(root, 'tmp/report'), { recursive: true });
  const { report, view } = await runObservedSimulation({
    scenario: 'chaos',
    organization: { ...DEFAULT_ORGANIZATION, members: 1000 },
    seed: 42,
  });
  const written = writeSimulationReport(resolve(root, 'tmp/report/chaos.html'), report, view);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(pathToFileURL(written.path).href, { waitUntil: 'load' });
    await page.screenshot({ path: resolve(root, 'docs/report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
  process.stdout.write(`${written.path} -> docs/report.png\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
