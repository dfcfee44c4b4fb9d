import { writeFileSync } from 'node:fs';
import { renderRunReport } from '@contact-sync/run-report';
import { SimulationReport, SimulationView } from '@contact-sync/simulation';
import { simulationReportData } from './simulation-report-data';

/** A report file that could not be written: the message names the option and the reason, never a stack. */
export class ReportWriteError extends Error {
  override readonly name = 'ReportWriteError';
}

/** What writing the report cost. */
export interface ReportWritten {
  readonly path: string;
  readonly bytes: number;
  /** Wall time to build, render and write the page. */
  readonly ms: number;
  /** CPU time of the same (wall time counts other processes' turns on a busy machine). */
  readonly cpuMs: number;
}

/** Renders the simulation's HTML report and writes it to `path`. */
export function writeSimulationReport(path: string, report: SimulationReport, view: SimulationView): ReportWritten {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const html = renderRunReport(simulationReportData(report, view));
  try {
    writeFileSync(path, html, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ReportWriteError(`--report: cannot write ${path} (${code})`, { cause: error });
  }
  const used = process.cpuUsage(cpu);
  return {
    path,
    bytes: Buffer.byteLength(html),
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
  };
}
