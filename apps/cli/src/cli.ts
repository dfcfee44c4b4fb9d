import { DEFAULT_LAUNCH_OPTIONS } from '@contact-sync/domain';
import { userInfo } from 'node:os';
import { parseArguments, stringOption } from './arguments';
import { CliError, EXIT } from './cli-error';
import { CommandSpec, COMMANDS, commandHelp, mainHelp } from './commands';
import { configGetCommand, configSetCommand, configValidateCommand } from './commands/config';
import { driftCommand } from './commands/drift';
import { explainCommand } from './commands/explain';
import { historyCommand } from './commands/history';
import { planCommand } from './commands/plan';
import { replayFailedEventsCommand } from './commands/replay-failed-events';
import { syncCommand } from './commands/sync';
import { Backend, BackendSettings, openBackend } from './composition';
import { CliIo } from './io';
import { renderError } from './render-error';

/** Opens a backend; tests pass their own to look behind it. */
export type BackendOpener = (settings: BackendSettings) => Promise<Backend>;

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, open: BackendOpener = openBackend): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const { words, options } = parseArguments(argv);
    if (words.length === 0) {
      io.out(mainHelp());
      return options.help ? EXIT.OK : EXIT.ERROR;
    }
    const spec = findCommand(words);
    if (options.help) {
      io.out(commandHelp(spec));
      return EXIT.OK;
    }
    for (const name of Object.keys(options)) {
      if (!(spec.options as readonly string[]).includes(name))
        throw new CliError('USAGE', `${spec.name} does not take --${name}. Run contact-sync ${spec.name} --help.`);
    }
    if (spec.name === 'config validate') return await configValidateCommand(io, options);
    const backend = await open(backendSettings(options, io, debug, spec));
    switch (spec.name) {
      case 'plan':
        return await planCommand(backend, io, options);
      case 'drift':
        return await driftCommand(backend, io, options);
      case 'explain':
        return await explainCommand(backend, io, options, words[1]);
      case 'sync':
        return await syncCommand(backend, io, options, `cli:${safeUser()}`);
      case 'history':
        return await historyCommand(backend, io, options);
      case 'replay-failed-events':
        return await replayFailedEventsCommand(backend, io, options);
      case 'config get':
        return await configGetCommand(backend, io, options);
      default:
        return await configSetCommand(backend, io, options);
    }
  } catch (error) {
    io.err(`error: ${renderError(error)}\n`);
    if (debug && error instanceof Error) io.err(`${error.stack ?? ''}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.ERROR;
  }
}

function findCommand(words: readonly string[]): CommandSpec {
  const spec = COMMANDS.find((c) => c.name === words.slice(0, c.name.split(' ').length).join(' '));
  if (!spec || words.length > spec.name.split(' ').length + (spec.argument ? 1 : 0)) {
    const hint =
      words[0] === 'config'
        ? 'config get, config set or config validate'
        : COMMANDS.map((c) => c.name.split(' ')[0])
            .filter((n, i, all) => all.indexOf(n) === i)
            .join(', ');
    throw new CliError('USAGE', `unknown command "${words.join(' ')}": use ${hint}. Run contact-sync --help.`);
  }
  return spec;
}

function backendSettings(
  options: ReturnType<typeof parseArguments>['options'],
  io: CliIo,
  debug: boolean,
  spec: CommandSpec,
): BackendSettings {
  const backend = stringOption(options, 'backend') ?? 'aws';
  if (backend !== 'aws' && backend !== 'memory') throw new CliError('USAGE', '--backend must be aws or memory');
  const seedText = stringOption(options, 'seed') ?? '1';
  const seed = Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new CliError('USAGE', '--seed must be a whole number');
  return {
    backend,
    profile: stringOption(options, 'profile'),
    region: stringOption(options, 'region') ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'],
    stateTable: stringOption(options, 'state-table') ?? io.env['CONTACT_SYNC_STATE_TABLE'],
    auditTable: stringOption(options, 'audit-table') ?? io.env['CONTACT_SYNC_AUDIT_TABLE'],
    topicArn: stringOption(options, 'topic-arn') ?? io.env['CONTACT_SYNC_TOPIC_ARN'],
    failedEventsQueueUrl: stringOption(options, 'failed-events-queue-url') ?? io.env['CONTACT_SYNC_FAILED_EVENTS_QUEUE_URL'],
    workQueueUrl: stringOption(options, 'work-queue-url') ?? io.env['CONTACT_SYNC_WORK_QUEUE_URL'],
    deployedWorkers: spec.name === 'replay-failed-events',
    writesAudit: spec.name === 'sync',
    fingerprintSecret: stringOption(options, 'fingerprint-secret') ?? io.env['CONTACT_SYNC_FINGERPRINT_SECRET'],
    seed,
    writeFenceMs: writeFence(io.env['WRITE_FENCE_MS']),
    logSink: debug ? (line) => io.err(`${line}\n`) : undefined,
  };
}

const MAX_WRITE_FENCE_MS = 120_000;

function writeFence(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_LAUNCH_OPTIONS.writeFenceMs;
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_WRITE_FENCE_MS)
    throw new CliError('USAGE', `WRITE_FENCE_MS must be a whole number of milliseconds from 0 to ${MAX_WRITE_FENCE_MS}`);
  return ms;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
