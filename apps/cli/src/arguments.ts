import { parseArgs } from 'node:util';
import { CliError } from './cli-error';

/** Every option any command takes; each command accepts a subset. */
const OPTIONS = {
  backend: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  'state-table': { type: 'string' },
  'audit-table': { type: 'string' },
  'topic-arn': { type: 'string' },
  'fingerprint-secret': { type: 'string' },
  'undo-key-secret': { type: 'string' },
  apply: { type: 'boolean' },
  seed: { type: 'string' },
  'state-dir': { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  kinds: { type: 'string' },
  exclude: { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  account: { type: 'string' },
  run: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  'next-token': { type: 'string' },
  status: { type: 'string' },
  kind: { type: 'string' },
  output: { type: 'string' },
  out: { type: 'string' },
  plan: { type: 'string' },
  file: { type: 'string' },
  merge: { type: 'boolean' },
  report: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'string' },
  'propagate-deletions': { type: 'string' },
  'excluded-accounts': { type: 'string' },
  max: { type: 'string' },
  'failed-events-queue-url': { type: 'string' },
  'events-dlq-url': { type: 'string' },
  'work-queue-url': { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTIONS;
export type Options = Partial<Record<OptionName, string | boolean>>;

/** The command line, split into the command words and the options. */
export interface ParsedArguments {
  readonly words: readonly string[];
  readonly options: Options;
}

/** Parses argv; an unknown option or a missing value is a usage error naming it. */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
    return { words: positionals, options: values as Options };
  } catch (error) {
    // node:util's errors come from another realm under test runners, so no `instanceof Error` here.
    const raw = (error as { message?: unknown } | undefined)?.message;
    const message = typeof raw === 'string' ? raw.replace(/\. To specify a positional.*$/s, '') : 'cannot read the command line';
    throw new CliError('USAGE', `${message}. Run contact-sync --help for usage.`, { cause: error });
  }
}

/**
 * `--limit -5` as `--limit=-5`: parseArgs reads a value that starts with a dash as another option,
 * so a negative number would be reported as an ambiguous option instead of a bad value.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    const takesValue = name !== undefined && (OPTIONS as Record<string, { type: string }>)[name]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else joined.push(arg);
  }
  return joined;
}

/** A string option's value, or undefined. */
export const stringOption = (options: Options, name: OptionName): string | undefined => {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
};

/** A comma-separated option as a list (empty items dropped). */
export const listOption = (options: Options, name: OptionName): string[] | undefined =>
  stringOption(options, name)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `--kinds`, in any case (`security` is SECURITY); the values are checked where they are used. */
export const kindsOption = (options: Options): string[] | undefined => listOption(options, 'kinds')?.map((kind) => kind.toUpperCase());

/** `true` / `false`; anything else is an error naming the option. */
export function booleanOption(options: Options, name: OptionName): boolean | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new CliError('USAGE', `--${name} must be true or false`);
}
