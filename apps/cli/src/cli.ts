import {
  DEFAULT_LAUNCH_OPTIONS,
  formatIssues,
  MAX_WRITE_FENCE_MS,
  parseSyncConfig,
  parseUniqueKeyJson,
  SyncConfig,
} from '@contact-sync/domain';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Options, parseArguments, stringOption } from './arguments';
import { isRegionName } from './aws-diagnosis';
import { CliError, EXIT } from './cli-error';
import { CommandSpec, COMMANDS, commandHelp, groupHelp, groupOf, mainHelp } from './commands/catalogue';
import { configGetCommand, configSetCommand, configValidateCommand } from './commands/config';
import { driftCommand } from './commands/drift';
import { explainCommand } from './commands/explain';
import { historyCommand } from './commands/history';
import { planCommand } from './commands/plan';
import { replayFailedEventsCommand } from './commands/replay-failed-events';
import { resetCommand } from './commands/reset';
import { rollbackCommand } from './commands/rollback';
import { runCancelCommand, runShowCommand, runsCommand } from './commands/runs';
import { syncCommand } from './commands/sync';
import { Backend, BackendSettings, INITIAL_CONFIG_VARIABLE, SETTING_SOURCES, SettingSource } from './backend';
import { openBackend } from './composition';
import { CliIo } from './io';
import { describeCauses, describeError } from './render-error';

/** Opens a backend; tests pass their own to look behind it. */
export type BackendOpener = (settings: BackendSettings) => Promise<Backend>;

/** The CLI's version, from its package. */
export const CLI_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, open: BackendOpener = openBackend): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  let context = { env: io.env } as { profile?: string; region?: string; env: CliIo['env'] };
  try {
    const { words, options } = parseArguments(argv);
    context = { profile: stringOption(options, 'profile'), region: regionOf(options, io).value, env: io.env };
    const early = helpOrVersion(words, options, io);
    if (early !== undefined) return early;
    const { spec, args } = findCommand(words, options.help === true);
    if (options.help) {
      io.out(commandHelp(spec));
      return EXIT.OK;
    }
    checkOptions(spec, options);
    if (spec.name === 'config validate') return await configValidateCommand(io, options);
    const settings = backendSettings(options, io, debug, spec);
    if (spec.name === 'reset') return await resetCommand(settings, io, options);
    const backend = await open(settings);
    try {
      return await dispatch(spec, args, backend, io, options, settings);
    } finally {
      await backend.close?.();
    }
  } catch (error) {
    const described = describeError(error, context);
    io.err(
      json
        ? `${JSON.stringify({ error: described })}\n`
        : `error: ${described.message}\n${debug && error instanceof Error ? `${error.stack ?? ''}\n${describeCauses(error)}` : ''}`,
    );
    return described.exitCode;
  }
}

function dispatch(
  spec: CommandSpec,
  args: readonly string[],
  backend: Backend,
  io: CliIo,
  options: Options,
  settings: BackendSettings,
): Promise<number> {
  switch (spec.name) {
    case 'plan':
      return planCommand(backend, io, options);
    case 'drift':
      return driftCommand(backend, io, options);
    case 'explain':
      return explainCommand(backend, io, options, args[0] as string);
    case 'sync':
      return syncCommand(backend, io, options, settings);
    case 'history':
      return historyCommand(backend, io, options);
    case 'runs':
      return runsCommand(backend, io, options);
    case 'runs show':
      return runShowCommand(backend, io, options, args[0] as string);
    case 'runs cancel':
      return runCancelCommand(backend, io, options, args[0] as string);
    case 'rollback':
      return rollbackCommand(backend, io, options, settings, args[0] as string);
    case 'replay-failed-events':
      return replayFailedEventsCommand(backend, io, options);
    case 'config get':
      return configGetCommand(backend, io, options);
    default:
      return configSetCommand(backend, io, options);
  }
}

/** `--version`, `help [COMMAND]`, `--help`, and a group named alone (`config`): an exit code, or undefined for a command to run. */
function helpOrVersion(words: readonly string[], options: Options, io: CliIo): number | undefined {
  if (options.version && words.length === 0) {
    io.out(`contact-sync ${CLI_VERSION}\n`);
    return EXIT.OK;
  }
  if (words[0] === 'help') {
    const topic = words.slice(1);
    if (topic.length === 0) io.out(mainHelp());
    else if (topic.length === 1 && groupOf(topic[0] as string).length > 1 && !COMMANDS.some((c) => c.name === topic[0]))
      io.out(groupHelp(topic[0] as string));
    else io.out(commandHelp(findCommand(topic, true).spec));
    return EXIT.OK;
  }
  if (words.length === 0) {
    if (options.help) {
      io.out(mainHelp());
      return EXIT.OK;
    }
    io.err(mainHelp());
    return EXIT.USAGE;
  }
  const group = words[0] as string;
  if (words.length === 1 && groupOf(group).length > 1 && !COMMANDS.some((c) => c.name === group)) {
    if (options.help) {
      io.out(groupHelp(group));
      return EXIT.OK;
    }
    io.err(groupHelp(group));
    return EXIT.USAGE;
  }
  return undefined;
}

/**
 * Checks a command line as `runCli` would before running it: a known command with its arguments, and
 * only options it takes (their values are checked when it runs). Throws the usage error it would report.
 */
export function checkCommandLine(argv: readonly string[]): CommandSpec {
  const { words, options } = parseArguments(argv);
  const { spec } = findCommand(words, false);
  checkOptions(spec, options);
  return spec;
}

function checkOptions(spec: CommandSpec, options: Options): void {
  for (const name of Object.keys(options)) {
    if (!(spec.options as readonly string[]).includes(name))
      throw new CliError('USAGE', `${spec.name} does not take --${name}. Run contact-sync help ${spec.name}.`);
  }
}

/** The command the words name (the longest match), and its positional arguments. */
function findCommand(words: readonly string[], forHelp: boolean): { spec: CommandSpec; args: readonly string[] } {
  const matches = COMMANDS.filter((c) => c.name === words.slice(0, c.name.split(' ').length).join(' '));
  const spec = matches.sort((a, b) => b.name.length - a.name.length)[0];
  if (!spec) {
    const group = groupOf(words[0] ?? '');
    const hint =
      group.length > 0
        ? group.map((c) => c.name).join(', ')
        : COMMANDS.map((c) => c.name.split(' ')[0])
            .filter((n, i, all) => all.indexOf(n) === i)
            .join(', ');
    throw new CliError('USAGE', `unknown command "${words.join(' ')}": use ${hint}. Run contact-sync help.`);
  }
  const args = words.slice(spec.name.split(' ').length);
  const wanted = spec.arguments ?? [];
  if (!forHelp && args.length !== wanted.length) {
    throw new CliError(
      'USAGE',
      args.length < wanted.length
        ? `${spec.name} needs ${wanted.slice(args.length).join(' ')}: ${spec.usage}`
        : `${spec.name} takes ${wanted.length === 0 ? 'no arguments' : `only ${wanted.join(' ')}`}, not "${args.slice(wanted.length).join(' ')}": ${spec.usage}`,
    );
  }
  return { spec, args };
}

/** The Region the AWS clients use, and where it came from. */
function regionOf(options: Options, io: CliIo): { value?: string; source: string } {
  const flag = stringOption(options, 'region');
  if (flag !== undefined) return { value: flag, source: '--region' };
  if (io.env['AWS_REGION'] !== undefined) return { value: io.env['AWS_REGION'], source: 'AWS_REGION' };
  return { value: io.env['AWS_DEFAULT_REGION'], source: 'AWS_DEFAULT_REGION' };
}

/** The Region, checked: a name AWS would never use fails here, before a DNS lookup does. */
function checkedRegion(options: Options, io: CliIo): string | undefined {
  const { value, source } = regionOf(options, io);
  if (value !== undefined && !isRegionName(value))
    throw new CliError('USAGE', `${source}: "${value}" is not an AWS Region name (like us-east-1, the stack's Region)`);
  return value;
}

function backendSettings(options: Options, io: CliIo, debug: boolean, spec: CommandSpec): BackendSettings {
  const backend = stringOption(options, 'backend') ?? 'aws';
  if (backend !== 'aws' && backend !== 'memory') throw new CliError('USAGE', '--backend must be aws or memory');
  const seedText = stringOption(options, 'seed') ?? '1';
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed)) throw new CliError('USAGE', '--seed must be a whole number from 0');
  const stateDir = stringOption(options, 'state-dir') ?? io.stateDir;
  const fromSource = ([option, variable]: SettingSource) => stringOption(options, option) ?? io.env[variable];
  return {
    backend,
    profile: stringOption(options, 'profile'),
    region: backend === 'aws' ? checkedRegion(options, io) : undefined,
    stateTable: fromSource(SETTING_SOURCES.stateTable),
    auditTable: fromSource(SETTING_SOURCES.auditTable),
    topicArn: fromSource(SETTING_SOURCES.topicArn),
    failedEventsQueueUrl: fromSource(SETTING_SOURCES.failedEventsQueueUrl),
    eventsDeadLetterQueueUrl: fromSource(SETTING_SOURCES.eventsDeadLetterQueueUrl),
    workQueueUrl: fromSource(SETTING_SOURCES.workQueueUrl),
    deployedWorkers: spec.name === 'replay-failed-events',
    writesAudit: spec.name === 'sync' || spec.name === 'rollback',
    keepsPreviousValues: spec.name === 'sync' || spec.name === 'rollback',
    fingerprintsValues: spec.name === 'plan' && stringOption(options, 'out') !== undefined,
    localUser: safeUser(),
    fingerprintSecret: fromSource(SETTING_SOURCES.fingerprintSecret),
    undoKeySecret: fromSource(SETTING_SOURCES.undoKeySecret),
    ...(backend === 'aws' ? initialConfig(io.env[INITIAL_CONFIG_VARIABLE]) : {}),
    seed,
    ...(stateDir !== undefined ? { stateDir: resolve(stateDir) } : {}),
    writeFenceMs: writeFence(io.env['WRITE_FENCE_MS']),
    logSink: debug ? (line) => io.err(`${line}\n`) : undefined,
  };
}

/** The stage's initial configuration, from the stack output the variable was set from; checked as the functions check theirs. */
function initialConfig(text: string | undefined): { initialConfig?: SyncConfig } {
  if (text === undefined || text.trim() === '') return {};
  const parsed = parseUniqueKeyJson(text, INITIAL_CONFIG_VARIABLE);
  const checked = parsed.ok ? parseSyncConfig(parsed.value) : parsed;
  if (checked.ok) return { initialConfig: checked.value };
  const issues = checked.error.issues;
  throw new CliError(
    'INVALID_INPUT',
    issues[0]?.field === '(text)'
      ? `${INITIAL_CONFIG_VARIABLE} must be the stack output InitialSyncConfig, a JSON sync configuration`
      : `${INITIAL_CONFIG_VARIABLE} (the stack output InitialSyncConfig): ${formatIssues(issues)}`,
  );
}

function writeFence(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_LAUNCH_OPTIONS.writeFenceMs;
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_WRITE_FENCE_MS)
    throw new CliError('USAGE', `WRITE_FENCE_MS must be a whole number of milliseconds from 0 to ${MAX_WRITE_FENCE_MS}`);
  return ms;
}

/** The name of the user running the CLI: the memory backend's operator is an IAM user of this name. */
export function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
