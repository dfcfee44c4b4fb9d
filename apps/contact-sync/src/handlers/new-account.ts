import { detectNewAccount, OnboardAccount, TOKENS } from '@contact-sync/domain';
import { lambdaRoot } from '../lambda-root';

/** EventBridge: an account created by Organizations or Control Tower receives the contacts. */
export async function handler(event: unknown): Promise<{ readonly status: string; readonly reason?: string }> {
  const { container, logger, metrics } = await lambdaRoot();
  try {
    const detected = detectNewAccount(event);
    if (!detected.ok) {
      metrics.add('EventsIgnored');
      logger.warn('event ignored', { reason: detected.error.reason, field: detected.error.field, detail: detected.error.message });
      return { status: 'IGNORED', reason: detected.error.reason };
    }
    logger.correlate(detected.value.eventId);
    const result = await container.get<OnboardAccount>(TOKENS.OnboardAccount).execute(detected.value);
    logger.info('new account handled', { status: result.status, accountId: detected.value.accountId, ...(result.status === 'NOT_ELIGIBLE' ? { reason: result.reason } : {}) });
    return result.status === 'NOT_ELIGIBLE' ? { status: result.status, reason: result.reason } : { status: result.status };
  } finally {
    await metrics.flush();
  }
}
