import { isAccountId, TargetingExplanation } from '@contact-sync/domain';
import { Options, stringOption } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { Backend } from '../backend';
import { CliIo } from '../io';
import { table } from '../table';
import { loadConfigFile } from './config';

/** `contact-sync explain ACCOUNT_ID`: whether a sync writes to one account, and which rule decides it. Writes nothing. */
export async function explainCommand(backend: Backend, io: CliIo, options: Options, accountId: string): Promise<number> {
  if (!isAccountId(accountId)) throw new CliError('USAGE', `explain: "${accountId}" is not a 12-digit account id`);
  const file = stringOption(options, 'config');
  const candidate = file !== undefined ? await loadConfigFile(file) : undefined;
  const explanation = await backend.run(() => backend.explainTargeting.execute(accountId, candidate));
  io.out(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : render(explanation));
  return EXIT.OK;
}

function render(e: TargetingExplanation): string {
  const verdict = e.targeted
    ? `targeted: a sync writes ${e.kinds.join(', ')}`
    : `not targeted: ${e.rule === undefined ? e.reason : `${e.reason} ${e.rule}`}`;
  if (!e.inOrganization) return `Account ${e.accountId}: ${verdict} (it is not in the organization).\n`;
  const units = e.organizationalUnits && e.organizationalUnits.length > 0 ? e.organizationalUnits.join(' > ') : '(the root)';
  const rules =
    e.checks.length > 0
      ? `\nRules, in the order they are checked (an exclusion always wins):\n${table(
          ['RULE', 'RESULT'],
          e.checks.map((c) => [c.rule, c.result === 'MATCH' ? 'matches' : 'no match']),
        )}`
      : '\nNo id, OU or tag rule is configured.\n';
  return `Account ${e.accountId}: ${verdict}.\n  State: ${e.state}${e.isManagement ? ' (the management account)' : ''}\n  OUs, outermost first: ${units}\n${rules}`;
}
