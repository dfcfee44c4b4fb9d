import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_ORGANIZATION } from '@contact-sync/adapters-memory';
import { runSimulation } from '../simulation';
import { SimulationView } from './simulation-view';
import { ReportWriteError, writeSimulationReport } from './write-report';

const OUT = resolve(__dirname, '../../../../tmp/write-report');

describe('writeSimulationReport', () => {
  let view: SimulationView | undefined;
  let report: Awaited<ReturnType<typeof runSimulation>>;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    report = await runSimulation({
      scenario: 'change-security',
      organization: { ...DEFAULT_ORGANIZATION, members: 20 },
      seed: 3,
      observe: (v) => (view = v),
    });
  });

  it('writes the page and says how big it is', () => {
    const written = writeSimulationReport(resolve(OUT, 'run.html'), report, view as SimulationView);
    const html = readFileSync(written.path, 'utf8');
    expect(written.bytes).toBe(Buffer.byteLength(html));
    expect(html).toContain('<title>Simulation: change-security, 20 accounts, seed 3</title>');
  });

  it('names the option and the reason when the file cannot be written', () => {
    const path = resolve(OUT, 'no-such-folder', 'run.html');
    const write = () => writeSimulationReport(path, report, view as SimulationView);
    expect(write).toThrow(ReportWriteError);
    expect(write).toThrow(`--report: cannot write ${path} (ENOENT)`);
  });
});
