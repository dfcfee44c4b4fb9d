import { ArgumentError, HELP, parseArguments } from './arguments';
import { readConfigFile } from './config-file';
import { DEFAULT_ORGANIZATION } from '@contact-sync/simulated-aws';
import { formatReport, promisesHeld } from './format-report';
import { ProgressBar } from './progress-bar';
import { runObservedSimulation } from './report/observed-simulation';
import { ReportWriteError, writeSimulationReport } from './report/write-report';

const INTERRUPTED = 130;

// The simulation runs the deployed adapters over SDK clients that never reach AWS: the SDK's notice
// about the Node versions its future releases support says nothing about a simulation, so it is not shown.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const progress = new ProgressBar(process.stderr, `${args.scenario}`);
  // The first Ctrl-C stops the simulation at its next sweep and reports what was done; a second quits at once.
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(INTERRUPTED);
    progress.done();
    process.stderr.write('Interrupted: stopping the simulation and reporting what was done (Ctrl-C again to quit now)…\n');
    stop.abort();
  });
  process.stderr.write(`Simulating ${args.scenario}: ${args.accounts} member accounts, seed ${args.seed} (Ctrl-C stops and reports)\n`);
  const { report, view } = await runObservedSimulation({
    scenario: args.scenario,
    organization: { ...DEFAULT_ORGANIZATION, members: args.accounts },
    seed: args.seed,
    faultRate: args.faultRate,
    ...(args.timing !== undefined ? { timing: args.timing } : {}),
    ...(args.config !== undefined ? { config: readConfigFile(args.config) } : {}),
    onProgress: (done, total) => progress.update(done, total),
    stop: stop.signal,
  });
  progress.done();
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
  if (args.report !== undefined) {
    const written = writeSimulationReport(args.report, report, view);
    process.stderr.write(
      `report: ${written.path} (${Math.ceil(written.bytes / 1024)} KB) written in ${written.ms} ms (${written.cpuMs} ms CPU)\n`,
    );
  }
  if (report.interrupted) return INTERRUPTED;
  return promisesHeld(report) ? 0 : 1;
}
main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const message =
      error instanceof ArgumentError || error instanceof ReportWriteError
        ? error.message
        : `simulation failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`error: ${message}\n`);
    if (process.env['DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof ArgumentError ? 2 : 1;
  },
);
