import {
  ConfigApplied,
  FieldIssue,
  formatIssues,
  parseSyncConfig,
  parseUniqueKeyJson,
  quotaWarnings,
  SyncConfig,
  SyncConfigInput,
  toSyncConfigJson,
} from '@contact-sync/domain';
import { readFile } from 'node:fs/promises';
import { booleanOption, kindsOption, listOption, Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { CliIo } from '../io';

/** `contact-sync config get`. With --json, what it prints is what `config set --file` takes back. */
export async function configGetCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const { config, version } = await backend.run(() => backend.syncConfig.load());
  const warnings = warn(io, options, config);
  if (options.json) io.out(`${JSON.stringify({ version, config: toSyncConfigJson(config), ...warnings }, null, 2)}\n`);
  else {
    io.out(`${JSON.stringify(toSyncConfigJson(config), null, 2)}\n`);
    io.out(version === 0 ? 'Version 0: nothing stored yet; these defaults apply.\n' : `Version ${version}.\n`);
  }
  return EXIT.OK;
}

/** `contact-sync config set`: a whole file, or flags that change only the fields they name. */
export async function configSetCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const current = await backend.run(() => backend.syncConfig.load());
  const file = stringOption(options, 'file');
  const input = file !== undefined ? await readConfigFile(file) : withFlags(toSyncConfigJson(current.config), options);
  const config = validated(input);
  const warnings = warn(io, options, config);
  const applied = await backend.run(() => backend.convergeConfiguration.apply(config, current, 'cli'));
  const { version, widening, runId } = applied;
  io.out(
    options.json
      ? `${JSON.stringify({ version, config: toSyncConfigJson(config), ...(widening ? { widening, runId } : {}), ...warnings }, null, 2)}\n`
      : `Stored the configuration as version ${version}.\n${wideningText(applied, config.dryRun)}`,
  );
  return EXIT.OK;
}

/** What a stored configuration widens, and the run recorded for it: nothing when it widens nothing. */
function wideningText({ widening, runId }: ConfigApplied, dryRun: boolean): string {
  if (!widening || !runId) return '';
  const where = widening.onlyAccounts ? `on ${widening.onlyAccounts.join(', ')}` : 'on every member it targets';
  const how = dryRun ? 'compared (dry run: nothing is written)' : 'brought in line';
  return (
    `It widens what is synced (${widening.reasons.join(', ')}): ${widening.kinds.join(', ')} will be ${how} ${where}.\n` +
    `Run ${runId} is recorded; the stack's sweeper starts it within 5 minutes (contact-sync runs show ${runId}).\n`
  );
}

/** `contact-sync config validate --file`: checks a file, stores nothing. */
export async function configValidateCommand(io: CliIo, options: Options): Promise<number> {
  const file = stringOption(options, 'file');
  if (file === undefined) throw new CliError('USAGE', 'config validate needs --file PATH');
  const config = validated(await readConfigFile(file));
  const warnings = warn(io, options, config);
  io.out(
    options.json
      ? `${JSON.stringify({ valid: true, config: toSyncConfigJson(config), ...warnings }, null, 2)}\n`
      : `${file} is a valid sync configuration.\n`,
  );
  return EXIT.OK;
}

function withFlags(base: SyncConfigInput, options: Options): SyncConfigInput {
  const kinds = kindsOption(options);
  const excluded = listOption(options, 'excluded-accounts');
  const dryRun = booleanOption(options, 'dry-run');
  const propagateDeletions = booleanOption(options, 'propagate-deletions');
  if (kinds === undefined && excluded === undefined && dryRun === undefined && propagateDeletions === undefined) {
    throw new CliError(
      'USAGE',
      'config set needs --file PATH, or at least one of --kinds, --excluded-accounts, --dry-run, --propagate-deletions',
    );
  }
  return {
    ...base,
    ...(kinds !== undefined ? { kinds } : {}),
    ...(excluded !== undefined ? { excludedAccountIds: excluded } : {}),
    ...(dryRun !== undefined ? { dryRun } : {}),
    ...(propagateDeletions !== undefined ? { propagateDeletions } : {}),
  };
}

/** A configuration file, read and validated: a bad field is named. */
export async function loadConfigFile(path: string): Promise<SyncConfig> {
  return validated(await readConfigFile(path));
}

function validated(input: unknown): SyncConfig {
  const parsed = parseSyncConfig(input);
  if (!parsed.ok) throw new CliError('INVALID_INPUT', `invalid sync configuration: ${formatIssues(parsed.error.issues)}`);
  return parsed.value;
}

/** Rates above the documented quotas: a line each on stderr, or with --json a `warnings` list in the result. */
export function warn(io: CliIo, options: Options, config: SyncConfig): { warnings?: FieldIssue[] } {
  const warnings = quotaWarnings(config);
  if (options.json) return warnings.length > 0 ? { warnings } : {};
  for (const warning of warnings) io.err(`warning: ${warning.field} ${warning.rule}.\n`);
  return {};
}

async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError('INVALID_INPUT', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, {
      cause: error,
    });
  }
  // A key given twice is refused, not read as its last value ({"dryRun": true, "dryRun": false} is not live).
  const parsed = parseUniqueKeyJson(text, 'sync configuration');
  if (!parsed.ok) {
    const [issue] = parsed.error.issues;
    if (issue?.field === '(text)') throw new CliError('INVALID_INPUT', `${path} is not valid JSON`, { cause: parsed.error });
    throw new CliError('INVALID_INPUT', `invalid sync configuration: ${formatIssues(parsed.error.issues)}`);
  }
  return unwrapped(parsed.value);
}

/**
 * What `config get --json` prints, `{ "version": N, "config": {...} }`, is taken as its `config`: a
 * saved configuration can be restored as it was saved. Its version is not a lock (a restore is meant
 * to replace whatever is stored now); the stored version is read when it is saved.
 */
function unwrapped(parsed: unknown): unknown {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('config' in parsed)) return parsed;
  const { config, version, warnings, ...rest } = parsed as Record<string, unknown>;
  if (
    Object.keys(rest).length > 0 ||
    (version !== undefined && !Number.isSafeInteger(version)) ||
    (warnings !== undefined && !Array.isArray(warnings))
  )
    return parsed;
  return config;
}
