import { ArgumentError, HELP, parseArguments } from './arguments';
import { readConfigFile } from './config-file';
import { DEFAULT_ORGANIZATION } from '@contact-sync/adapters-memory';
import { formatReport } from './format-report';
import { ProgressBar } from './progress-bar';
import { runSimulation } from './simulation';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const progress = new ProgressBar(process.stderr, `${args.scenario}`);
  const report = await runSimulation({
    scenario: args.scenario,
    organization: { ...DEFAULT_ORGANIZATION, members: args.accounts },
    seed: args.seed,
    faultRate: args.faultRate,
    ...(args.config !== undefined ? { config: readConfigFile(args.config) } : {}),
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.done();
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
  return report.lost === 0 && report.outOfSync === 0 && report.mistargeted === 0 ? 0 : 1;
}
main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const message =
      error instanceof ArgumentError ? error.message : `simulation failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`error: ${message}\n`);
    if (process.env['DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof ArgumentError ? 2 : 1;
  },
);
