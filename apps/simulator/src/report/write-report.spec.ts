import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { syncConfigOf } from '@contact-sync/domain';
import { DEFAULT_ORGANIZATION, GENERATED_UNITS } from '@contact-sync/simulated-aws';
import { ObservedSimulation, runObservedSimulation } from './observed-simulation';
import { ReportWriteError, writeSimulationReport } from './write-report';

const OUT = resolve(__dirname, '../../../../tmp/write-report');

describe('writeSimulationReport', () => {
  let simulation: ObservedSimulation;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    simulation = await runObservedSimulation({
      scenario: 'change-security',
      organization: { ...DEFAULT_ORGANIZATION, members: 20 },
      seed: 3,
    });
  });

  it('writes the page and says how big it is', () => {
    const written = writeSimulationReport(resolve(OUT, 'run.html'), simulation.report, simulation.view);
    const html = readFileSync(written.path, 'utf8');
    expect(written.bytes).toBe(Buffer.byteLength(html));
    expect(html).toContain('<title>Simulation: change-security, 20 accounts, seed 3</title>');
  });

  it('lists the account-kinds a targeting rule left out, by rule', async () => {
    const targeted = await runObservedSimulation({
      scenario: 'change-security',
      organization: { ...DEFAULT_ORGANIZATION, members: 200 },
      seed: 3,
      config: syncConfigOf({ excludedOrganizationalUnits: [GENERATED_UNITS.sandboxes] }),
    });
    const reason = `EXCLUDED_BY_OU ${GENERATED_UNITS.sandboxes}`;
    const skipped = targeted.report.skippedBy[reason] ?? 0;
    expect(skipped).toBeGreaterThan(0);
    const html = readFileSync(writeSimulationReport(resolve(OUT, 'targeted.html'), targeted.report, targeted.view).path, 'utf8');
    expect(html).toContain(`<tr><td>${reason}</td><td class="num">${skipped}</td></tr>`);
  });

  it('names the option and the reason when the file cannot be written', () => {
    const path = resolve(OUT, 'no-such-folder', 'run.html');
    const write = () => writeSimulationReport(path, simulation.report, simulation.view);
    expect(write).toThrow(ReportWriteError);
    expect(write).toThrow(`--report: cannot write ${path} (ENOENT)`);
  });
});
