import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_ORGANIZATION } from '@contact-sync/simulated-aws';
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

  it('names the option and the reason when the file cannot be written', () => {
    const path = resolve(OUT, 'no-such-folder', 'run.html');
    const write = () => writeSimulationReport(path, simulation.report, simulation.view);
    expect(write).toThrow(ReportWriteError);
    expect(write).toThrow(`--report: cannot write ${path} (ENOENT)`);
  });
});
