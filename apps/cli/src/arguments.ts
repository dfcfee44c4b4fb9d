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
  seed: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  kinds: { type: 'string' },
  exclude: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  account: { type: 'string' },
  run: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
  file: { type: 'string' },
  config: { type: 'string' },
  'dry-run': { type: 'string' },
  'propagate-deletions': { type: 'string' },
  'excluded-accounts': { type: 'string' },
  max: { type: 'string' },
  'failed-events-queue-url': { type: 'string' },
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
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    return { words: positionals, options: values as Options };
  } catch (error) {
    // node:util's errors come from another realm under test runners, so no `instanceof Error` here.
    const raw = (error as { message?: unknown } | undefined)?.message;
    const message = typeof raw === 'string' ? raw.replace(/\. To specify a positional.*$/s, '') : 'cannot read the command line';
    throw new CliError('USAGE', `${message}. Run contact-sync --help for usage.`, 1, { cause: error });
  }
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

/** `true` / `false`; anything else is an error naming the option. */
export function booleanOption(options: Options, name: OptionName): boolean | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new CliError('USAGE', `--${name} must be true or false`);
}
