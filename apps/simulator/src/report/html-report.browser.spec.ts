import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, Page } from 'playwright-core';
import { CONTACT_OPERATIONS } from '@contact-sync/domain';
import { DEFAULT_ORGANIZATION } from '@contact-sync/simulated-aws';
import { renderRunReport, storedRunReportData } from '@contact-sync/run-report';
import { ObservedSimulation, runObservedSimulation } from './observed-simulation';
import { launchChromium } from './testing/chromium';
import { writeSimulationReport } from './write-report';

/** The test's output folder (gitignored): the reports it opens and their screenshots. */
const OUT = resolve(__dirname, '../../../../tmp/html-report');

/** A page opened in Chromium, with everything that went wrong or reached for the network while it loaded. */
interface Opened {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

describe('the HTML report, in a real browser', () => {
  let browser: Browser | undefined;
  let simulation: ObservedSimulation;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    // chaos: throttling, retries and failed accounts, so that every part of the report has something to show.
    simulation = await runObservedSimulation({ scenario: 'chaos', organization: { ...DEFAULT_ORGANIZATION, members: 300 }, seed: 42 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string): Promise<Opened> {
    const page = await (browser as Browser).newPage({ viewport: { width: 1000, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(file).href;
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning' ? errors.push(m.text()) : undefined));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => (r.url() === url ? undefined : requests.push(r.url())));
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  it('draws the simulation: calls against the quota, throttles and retries, progress against the floor, failures', async () => {
    const { report, view } = simulation;
    const file = writeSimulationReport(resolve(OUT, 'simulation.html'), report, view).path;
    const { page, errors, requests } = await open(file);
    try {
      const called = CONTACT_OPERATIONS.filter((op) => (report.apiCalls[op] ?? 0) > 0);
      const charts = page.locator('svg[data-chart="calls"]');
      await expect(charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-operation')))).resolves.toEqual(called);
      for (const op of called) {
        const chart = page.locator(`svg[data-chart="calls"][data-operation="${op}"]`);
        expect((await chart.boundingBox())?.height).toBeGreaterThan(100);
        // A line with a point per bucket, that rises off the axis, and the quota drawn across.
        const line = chart.locator('polyline.calls');
        const ys = ((await line.getAttribute('points')) ?? '').split(' ').map((p) => Number(p.split(',')[1]));
        expect(ys.length).toBeGreaterThan(20);
        expect(Math.min(...ys)).toBeLessThan(Math.max(...ys));
        const box = await line.boundingBox();
        // Drawn across much of the chart: an operation's line ends at its last bucket, and under
        // hostile timing other operations go on later (writes in doubt verified minutes after).
        expect(box?.width).toBeGreaterThan(400);
        expect(box?.height).toBeGreaterThan(10);
        expect(await chart.locator('line.quota').count()).toBe(1);
        expect(Number(await chart.getAttribute('data-calls'))).toBe(report.apiCalls[op]);
      }
      const trouble = page.locator('svg[data-chart="trouble"]');
      expect(Number(await trouble.getAttribute('data-throttled'))).toBe(report.throttled);
      expect(Number(await trouble.getAttribute('data-retries'))).toBe(report.retries);
      expect(report.throttled).toBeGreaterThan(0);
      expect(await page.locator('path.throttled').count()).toBeGreaterThan(0);
      expect(await trouble.locator('polyline.retries').count()).toBe(1);

      const progress = page.locator('svg[data-chart="progress"]');
      expect(await progress.locator('polyline.run').count()).toBe(report.runs);
      expect(await progress.locator('line.floor').count()).toBe(1);
      for (const line of await progress.locator('polyline.run').all()) expect((await line.boundingBox())?.width).toBeGreaterThan(10);

      expect(await page.locator('[data-table="failed-accounts"] tbody tr').count()).toBe(report.failed);
      const skips = page.locator('[data-table="skips"] tbody tr');
      expect(await skips.locator('td:first-child').allTextContents()).toEqual(
        Object.entries(report.skippedBy)
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
          .map(([reason]) => reason),
      );
      expect(Object.keys(report.skippedBy).length).toBeGreaterThan(0);
      expect(report.failed).toBeGreaterThan(0);
      expect(await page.locator('[data-figure="efficiency"] .value').textContent()).toBe(`${Math.round(report.efficiency * 1000) / 10}%`);
      // No contact value: the organization's contacts all have e-mail addresses.
      expect(await page.content()).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);

      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.screenshot({ path: resolve(OUT, 'simulation.png'), fullPage: true });
      expect(statSync(resolve(OUT, 'simulation.png')).size).toBeGreaterThan(10_000);
    } finally {
      await page.close();
    }
  });

  it('draws a stored run from its outcomes, and says its calls over time were not recorded', async () => {
    const { view } = simulation;
    const run = view.runs[0];
    if (!run) throw new Error('the simulation made no run');
    const file = resolve(OUT, 'stored-run.html');
    writeFileSync(file, renderRunReport(storedRunReportData(run, view.outcomes)));
    const { page, errors, requests } = await open(file);
    try {
      await expect(page.locator('[data-chart="calls-not-recorded"]').textContent()).resolves.toBe(
        'Calls per second: not recorded for deployed runs.',
      );
      expect(await page.locator('svg[data-chart="calls"]').count()).toBe(0);
      const line = page.locator('svg[data-chart="progress"] polyline.run');
      expect(await line.count()).toBe(1);
      expect((await line.boundingBox())?.width).toBeGreaterThan(10);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.screenshot({ path: resolve(OUT, 'stored-run.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
