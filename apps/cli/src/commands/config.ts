import {
  formatIssues,
  parseSyncConfig,
  quotaWarnings,
  SyncConfig,
  SyncConfigInput,
  SyncConfigPort,
  TOKENS,
  toSyncConfigJson,
} from '@contact-sync/domain';
import { readFile } from 'node:fs/promises';
import { booleanOption, listOption, Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../composition';
import { CliIo } from '../io';

/** `contact-sync config get`. */
export async function configGetCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const { config, version } = await backend.run(() => port(backend).load());
  if (options.json) io.out(`${JSON.stringify({ version, config: toSyncConfigJson(config) }, null, 2)}\n`);
  else {
    io.out(`${JSON.stringify(toSyncConfigJson(config), null, 2)}\n`);
    io.out(version === 0 ? 'Version 0: nothing stored yet; these defaults apply.\n' : `Version ${version}.\n`);
  }
  return EXIT.OK;
}

/** `contact-sync config set`: a whole file, or flags that change only the fields they name. */
export async function configSetCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const current = await backend.run(() => port(backend).load());
  const file = stringOption(options, 'file');
  const input = file !== undefined ? await readConfigFile(file) : withFlags(toSyncConfigJson(current.config), options);
  const config = validated(input);
  warnAboveQuotas(io, config);
  const version = await backend.run(() => port(backend).save(config, current.version));
  io.out(
    options.json
      ? `${JSON.stringify({ version, config: toSyncConfigJson(config) }, null, 2)}\n`
      : `Stored the configuration as version ${version}.\n`,
  );
  return EXIT.OK;
}

/** `contact-sync config validate --file`: checks a file, stores nothing. */
export async function configValidateCommand(io: CliIo, options: Options): Promise<number> {
  const file = stringOption(options, 'file');
  if (file === undefined) throw new CliError('USAGE', 'config validate needs --file PATH');
  const config = validated(await readConfigFile(file));
  warnAboveQuotas(io, config);
  io.out(
    options.json
      ? `${JSON.stringify({ valid: true, config: toSyncConfigJson(config) }, null, 2)}\n`
      : `${file} is a valid sync configuration.\n`,
  );
  return EXIT.OK;
}

const port = (backend: Backend) => backend.container.get<SyncConfigPort>(TOKENS.SyncConfig);

function withFlags(base: SyncConfigInput, options: Options): SyncConfigInput {
  const kinds = listOption(options, 'kinds');
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

function warnAboveQuotas(io: CliIo, config: SyncConfig): void {
  for (const warning of quotaWarnings(config)) io.err(`warning: ${warning.field} ${warning.rule}.\n`);
}

async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError('INVALID_INPUT', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, 1, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError('INVALID_INPUT', `${path} is not valid JSON`, 1, { cause: error });
  }
}
