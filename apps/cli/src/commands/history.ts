import { AuditEntry, CONTACT_KINDS, ContactKind, isAccountId, MAX_AUDIT_PAGE, OUTCOME_STATUSES, OutcomeStatus } from '@contact-sync/domain';
import { listOption, Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { csvRecord } from '../csv';
import { CliIo } from '../io';
import { table } from '../table';

/** The formats `history --output` writes. */
export const HISTORY_OUTPUTS = ['text', 'json', 'csv'] as const;
type HistoryOutput = (typeof HISTORY_OUTPUTS)[number];

/** The CSV columns: every field of an entry but its expiry, in this order. */
const CSV_COLUMNS = [
  'at',
  'runId',
  'accountId',
  'kind',
  'status',
  'detail',
  'initiator',
  'beforeFingerprint',
  'afterFingerprint',
  'unconfirmedWrite',
  'entryId',
] as const;

/**
 * `contact-sync history`: audit entries, newest first, by account, run, time, status and kind; a
 * page at a time, with the token of the next page when there are more (`--next-token`).
 */
export async function historyCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const accountId = stringOption(options, 'account');
  if (accountId !== undefined && !isAccountId(accountId)) throw new CliError('USAGE', '--account must be a 12-digit account id');
  const limitText = stringOption(options, 'limit') ?? '50';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_AUDIT_PAGE)
    throw new CliError('USAGE', `--limit must be a whole number from 1 to ${MAX_AUDIT_PAGE} (a page; --next-token gives the next one)`);
  const statuses = listFilter(options, 'status', OUTCOME_STATUSES) as OutcomeStatus[] | undefined;
  const kinds = listFilter(options, 'kind', CONTACT_KINDS) as ContactKind[] | undefined;
  const output = outputOf(options);
  const cursor = stringOption(options, 'next-token');
  if (cursor === '') throw new CliError('USAGE', '--next-token must be the token a previous page printed');
  const page = await backend.run(() =>
    backend.auditLog.query({
      accountId,
      runId: stringOption(options, 'run'),
      since: stringOption(options, 'since'),
      limit,
      ...(statuses ? { statuses } : {}),
      ...(kinds ? { kinds } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
    }),
  );
  const next = page.nextCursor;
  if (output === 'json') {
    io.out(`${JSON.stringify({ entries: page.entries, more: next !== undefined, ...(next ? { nextToken: next } : {}) }, null, 2)}\n`);
    return EXIT.OK;
  }
  if (output === 'csv') {
    io.out(csvRecord(CSV_COLUMNS));
    for (const entry of page.entries) io.out(csvRecord(CSV_COLUMNS.map((column) => csvValue(entry, column))));
    // stdout stays one CSV document: where the next page starts is said on stderr.
    if (next !== undefined) io.err(`More entries: run again with --next-token ${next}\n`);
    return EXIT.OK;
  }
  if (page.entries.length === 0) {
    io.out(cursor === undefined ? 'No audit entries match.\n' : 'No more audit entries match.\n');
    return EXIT.OK;
  }
  const rows = page.entries.map((e) => [e.at, e.runId, e.accountId, e.kind, e.status, e.detail ?? '', e.initiator]);
  io.out(table(['TIME', 'RUN', 'ACCOUNT', 'KIND', 'STATUS', 'DETAIL', 'INITIATOR'], rows));
  if (next !== undefined) io.out(`\nShowing ${page.entries.length}; for the next ${limit}, run again with --next-token ${next}\n`);
  return EXIT.OK;
}

/** `--output`, or `--json` as `--output json`; both only when they agree. */
function outputOf(options: Options): HistoryOutput {
  const given = stringOption(options, 'output');
  if (given !== undefined && !(HISTORY_OUTPUTS as readonly string[]).includes(given))
    throw new CliError('USAGE', `--output must be one of ${HISTORY_OUTPUTS.join(', ')}`);
  if (options.json && given !== undefined && given !== 'json')
    throw new CliError('USAGE', `--json and --output ${given} disagree: give one`);
  return options.json ? 'json' : ((given as HistoryOutput | undefined) ?? 'text');
}

/** A comma-separated filter of known values, in any case; an empty list or an unknown value is a usage error naming the option. */
function listFilter(options: Options, name: 'status' | 'kind', known: readonly string[]): string[] | undefined {
  if (stringOption(options, name) === undefined) return undefined;
  const values = (listOption(options, name) ?? []).map((v) => v.toUpperCase());
  if (values.length === 0) throw new CliError('USAGE', `--${name} must list one or more of ${known.join(', ')}`);
  for (const value of values)
    if (!known.includes(value)) throw new CliError('USAGE', `--${name}: "${value}" is not one of ${known.join(', ')}`);
  return values;
}

function csvValue(entry: AuditEntry, column: (typeof CSV_COLUMNS)[number]): string {
  const value = entry[column];
  return value === undefined ? '' : String(value);
}
