import {
  ConfigApplied,
  CONTACT_KINDS,
  CONTACT_OPERATIONS,
  configRunIdFor,
  configWidening,
  isRecord,
  SYNC_CONFIG_KEYS,
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
import { Backend, INITIAL_CONFIG_VARIABLE } from '../backend';
import { confirm } from '../confirm';
import { CliIo } from '../io';
import { table } from '../table';
import { readPlan } from './read-plan';

/** Where the configuration in force comes from, for people and (`source`) for scripts. */
export type ConfigSource = 'STORED' | 'STAGE_INITIAL' | 'DEFAULTS' | 'UNKNOWN_STAGE_INITIAL';

/** The source of a loaded configuration: stored (version 1 and up), or what applies while nothing is. */
export function configSource(backend: Backend, version: number): ConfigSource {
  if (version > 0) return 'STORED';
  return backend.initialConfigSource === 'STAGE'
    ? 'STAGE_INITIAL'
    : backend.initialConfigSource === 'DEFAULTS'
      ? 'DEFAULTS'
      : 'UNKNOWN_STAGE_INITIAL';
}

/** Where the configuration in force comes from, in words. */
export function sourceText(source: ConfigSource, version: number): string {
  switch (source) {
    case 'STORED':
      return `stored version ${version}`;
    case 'STAGE_INITIAL':
      return "the stage's initial configuration (nothing is stored yet; the functions' INITIAL_SYNC_CONFIG)";
    case 'DEFAULTS':
      return 'the defaults (nothing is stored yet)';
    default:
      return "the defaults in dry run (nothing is stored yet, and the stage's initial configuration is not known here)";
  }
}

/** What to do when the stage's initial configuration is not known: said once, on stderr. */
const UNKNOWN_STAGE_NOTE = `note: nothing is stored yet, and the stage's initial configuration, which the deployed functions use until one is, is not known here: set ${INITIAL_CONFIG_VARIABLE} to the stack output InitialSyncConfig (docs/DEPLOYMENT.md, step 0 does). Meanwhile the CLI takes the defaults in dry run.\n`;

/** `contact-sync config get`: the configuration in force and where it comes from. With --json, what it prints is what `config set --file` takes back. */
export async function configGetCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const { config, version } = await backend.run(() => backend.syncConfig.load());
  const source = configSource(backend, version);
  if (source === 'UNKNOWN_STAGE_INITIAL') io.err(UNKNOWN_STAGE_NOTE);
  const warnings = warn(io, options, config);
  if (options.json) io.out(`${JSON.stringify({ version, source, config: toSyncConfigJson(config), ...warnings }, null, 2)}\n`);
  else {
    io.out(`${JSON.stringify(toSyncConfigJson(config), null, 2)}\n`);
    io.out(`In force: ${sourceText(source, version)}.\n`);
  }
  return EXIT.OK;
}

/** One field that a configuration change changes, with its values before and after (as JSON). */
export interface ConfigChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The fields of a configuration a file must give (or `--merge` keeps): the top-level keys, and each operation's rate. */
const FILE_FIELDS: readonly string[] = [...SYNC_CONFIG_KEYS.filter((k) => k !== 'rates'), ...CONTACT_OPERATIONS.map((op) => `rates.${op}`)];

const fieldOf = (json: SyncConfigInput, field: string): unknown => {
  const [key, operation] = field.split('.') as [string, string | undefined];
  const value = (json as Record<string, unknown>)[key];
  return operation === undefined ? value : isRecord(value) ? value[operation] : undefined;
};

/** The fields `after` changes from `before`, in the order of the configuration's JSON form. */
export function configChanges(before: SyncConfig, after: SyncConfig): ConfigChange[] {
  const [a, b] = [toSyncConfigJson(before), toSyncConfigJson(after)];
  return FILE_FIELDS.map((field) => ({ field, before: fieldOf(a, field), after: fieldOf(b, field) })).filter(
    (change) => JSON.stringify(change.before) !== JSON.stringify(change.after),
  );
}

/**
 * `contact-sync config set`: a whole file (or a part of one, with --merge), or flags that change only
 * the fields they name. Shows each field it changes against the configuration in force, says in one
 * line when it releases dry run or widens what is synced (releasing dry run first plans what the
 * first live run will write), and asks before storing (or --yes).
 */
export async function configSetCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const file = stringOption(options, 'file');
  if (options.merge && file === undefined)
    throw new CliError('USAGE', '--merge goes with --file: it keeps the values in force for the fields the file leaves out');
  const current = await backend.run(() => backend.syncConfig.load());
  const source = configSource(backend, current.version);
  const inForce = toSyncConfigJson(current.config);
  const input = file !== undefined ? fromFile(await readConfigFile(file), inForce, options.merge === true) : withFlags(inForce, options);
  const config = validated(input);
  const changes = configChanges(current.config, config);
  if (source === 'UNKNOWN_STAGE_INITIAL') io.err(UNKNOWN_STAGE_NOTE);
  if (changes.length === 0 && current.version > 0) {
    io.out(
      options.json
        ? `${JSON.stringify({ version: current.version, stored: false, changes }, null, 2)}\n`
        : `No change: stored version ${current.version} already is this configuration. Nothing was stored.\n`,
    );
    return EXIT.OK;
  }
  const warnings = warn(io, options, config);
  io.err(changesText(changes, source, current.version));
  const widening = configWidening(current.config, config);
  const releasesDryRun = current.config.dryRun && !config.dryRun;
  const firstLiveRun = releasesDryRun ? await firstLiveRunPlan(backend, io, config, current.version + 1) : undefined;
  const consequence = releasesDryRun
    ? `This releases dry run: from version ${current.version + 1} on, the service writes members' contacts${firstLiveRun && firstLiveRun.pending > 0 ? `, starting with the ${firstLiveRun.pending} writes above` : ''}.\n`
    : widening
      ? `This widens what is synced (${widening.reasons.join(', ')}): ${widening.kinds.join(', ')} ${config.dryRun ? 'will be compared (dry run: nothing is written)' : 'will be written where members differ'} ${widening.onlyAccounts ? `on ${widening.onlyAccounts.join(', ')}` : 'on every member it targets'}.\n`
      : '';
  io.err(consequence);
  if (!options.yes) await confirm(io, `Store it as version ${current.version + 1}?`, 'Aborted: nothing was stored.');
  const applied = await backend.run(() => backend.convergeConfiguration.apply(config, current, 'cli'));
  const { version, runId } = applied;
  io.out(
    options.json
      ? `${JSON.stringify(
          {
            version,
            stored: true,
            config: toSyncConfigJson(config),
            changes,
            ...(applied.widening ? { widening: applied.widening, runId } : {}),
            ...(firstLiveRun ? { firstLiveRun } : {}),
            ...warnings,
          },
          null,
          2,
        )}\n`
      : `Stored the configuration as version ${version}.\n${wideningText(applied, config.dryRun)}`,
  );
  return EXIT.OK;
}

/** The changes, one field a line, against the configuration in force (said where it comes from). */
function changesText(changes: readonly ConfigChange[], source: ConfigSource, version: number): string {
  const against = `against ${sourceText(source, version)}`;
  if (changes.length === 0) return `No field changes ${against}: it is stored as it is, so that it no longer depends on the stage.\n`;
  const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));
  return `Changes ${against}:\n${changes.map((c) => `  ${c.field}: ${show(c.before)} → ${show(c.after)}\n`).join('')}`;
}

/** What the first live run writes, by kind, as its plan finds it now. */
export interface FirstLiveRun {
  readonly runId: string;
  readonly pending: number;
  readonly accounts: number;
  readonly unreadable: number;
  readonly byKind: Readonly<Record<string, { readonly put: number; readonly delete: number }>>;
}

/**
 * Plans the run that releasing dry run records (over every member the new configuration targets,
 * every kind it syncs) and shows its writes by kind: what going live will write first.
 */
async function firstLiveRunPlan(backend: Backend, io: CliIo, config: SyncConfig, version: number): Promise<FirstLiveRun> {
  const plan = await readPlan(backend, io, { config }, 'Planning the first live run');
  const writes = plan.entries.filter((e) => e.action === 'PUT' || e.action === 'DELETE');
  const byKind = Object.fromEntries(
    config.kinds.map((kind) => [
      kind,
      {
        put: writes.filter((e) => e.kind === kind && e.action === 'PUT').length,
        delete: writes.filter((e) => e.kind === kind && e.action === 'DELETE').length,
      },
    ]),
  );
  const live: FirstLiveRun = {
    runId: configRunIdFor(version),
    pending: writes.length,
    accounts: new Set(writes.map((e) => e.accountId)).size,
    unreadable: plan.errors,
    byKind,
  };
  const rows = config.kinds.map((kind) => [kind, String(byKind[kind]?.put ?? 0), String(byKind[kind]?.delete ?? 0)]);
  io.err(
    `The first live run (${live.runId}) would write, as the members are now:\n${table(['KIND', 'TO UPDATE', 'TO DELETE'], rows)}` +
      `${live.pending} contact writes in ${live.accounts} accounts.${live.unreadable > 0 ? ` ${live.unreadable} account-kinds could not be read: the run reads them again.` : ''}\n`,
  );
  return live;
}

/**
 * A file's configuration: every field given, or with `merge` the values in force for the fields it
 * leaves out. Without `merge`, a field left out is refused and named: it would otherwise take its
 * default (a file holding only an OU exclusion would release dry run and enable every kind).
 */
function fromFile(raw: unknown, inForce: SyncConfigInput, merge: boolean): unknown {
  // What the file gives is checked first: a bad field is named whether or not others are left out.
  validated(raw);
  if (!isRecord(raw)) return raw;
  const missing = FILE_FIELDS.filter((field) => fieldOf(raw as SyncConfigInput, field) === undefined);
  if (missing.length === 0) return raw;
  if (!merge)
    throw new CliError(
      'USAGE',
      `--file leaves out ${missing.join(', ')}: pass --merge to keep the values in force for them, or give every field (contact-sync config get --json prints them all)`,
    );
  const rates = isRecord(raw['rates']) ? { ...(inForce.rates ?? {}), ...raw['rates'] } : inForce.rates;
  return { ...inForce, ...raw, rates };
}

/** What a stored configuration widens, and the run recorded for it: nothing when it widens nothing. */
function wideningText({ widening, runId }: ConfigApplied, dryRun: boolean): string {
  if (!widening || !runId) return '';
  return `Run ${runId} is recorded; the stack's sweeper starts it within 5 minutes (contact-sync runs show ${runId})${dryRun ? ': in dry run it writes nothing' : ''}.\n`;
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
  if (kinds !== undefined && kinds.length === 0)
    throw new CliError('USAGE', `--kinds is empty: name at least one of ${CONTACT_KINDS.join(', ')}`);
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
  const { config, version, warnings, source, ...rest } = parsed as Record<string, unknown>;
  if (
    Object.keys(rest).length > 0 ||
    (source !== undefined && typeof source !== 'string') ||
    (version !== undefined && !Number.isSafeInteger(version)) ||
    (warnings !== undefined && !Array.isArray(warnings))
  )
    return parsed;
  return config;
}
