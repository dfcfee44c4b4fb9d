import { isAccountId } from '@contact-sync/domain';
import { Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { CliIo } from '../io';
import { table } from '../table';

/** `contact-sync history`: audit entries, newest first, by account, run and time. */
export async function historyCommand(backend: Backend, io: CliIo, options: Options): Promise<number> {
  const accountId = stringOption(options, 'account');
  if (accountId !== undefined && !isAccountId(accountId)) throw new CliError('USAGE', '--account must be a 12-digit account id');
  const limitText = stringOption(options, 'limit') ?? '50';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError('USAGE', '--limit must be a whole number from 1 to 1000');
  const page = await backend.run(() =>
    backend.auditLog.query({ accountId, runId: stringOption(options, 'run'), since: stringOption(options, 'since'), limit }),
  );
  if (options.json) {
    io.out(`${JSON.stringify({ entries: page.entries, more: page.nextCursor !== undefined }, null, 2)}\n`);
    return EXIT.OK;
  }
  if (page.entries.length === 0) {
    io.out('No audit entries match.\n');
    return EXIT.OK;
  }
  const rows = page.entries.map((e) => [e.at, e.runId, e.accountId, e.kind, e.status, e.detail ?? '', e.initiator]);
  io.out(table(['TIME', 'RUN', 'ACCOUNT', 'KIND', 'STATUS', 'DETAIL', 'INITIATOR'], rows));
  if (page.nextCursor !== undefined)
    io.out(`\nShowing the newest ${page.entries.length}; narrow with --since, --account or --run, or raise --limit.\n`);
  return EXIT.OK;
}
