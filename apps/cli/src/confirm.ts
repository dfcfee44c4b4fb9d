import { CliError } from './cli-error';
import { CliIo } from './io';

/**
 * Asks before acting; throws (ABORTED) unless the answer is yes, and a usage error when there is no
 * terminal to ask (then `--yes` is the way).
 */
export async function confirm(io: CliIo, question: string, abortedMessage: string): Promise<void> {
  const answer = await io.ask(`${question} Type yes to continue: `);
  if (answer === undefined) throw new CliError('USAGE', 'stdin is not a terminal, so there is no one to confirm: pass --yes to go ahead');
  if (!['y', 'yes'].includes(answer.trim().toLowerCase())) throw new CliError('ABORTED', abortedMessage);
}
