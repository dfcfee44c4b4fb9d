import { detectNewAccount, OnboardAccount } from '@contact-sync/domain';
import { defineFunction } from '../invocation';
import { IgnoredEvent, ignoreEvent } from './ignored-event';
import { startFailed } from './start-failure';

/**
 * EventBridge: an account that joined the organization (created, invited, or enrolled by Control
 * Tower) receives the contacts. Every event announcing the same join names the same run, so the
 * account is onboarded once.
 */
export const newAccount = defineFunction(
  { onboard: OnboardAccount },
  async (event: unknown, { onboard, logger, metrics }): Promise<IgnoredEvent | { readonly status: string; readonly reason?: string }> => {
    const detected = detectNewAccount(event);
    if (!detected.ok) return ignoreEvent(detected.error, logger, metrics);
    logger.correlate(detected.value.eventId);
    const result = await onboard.execute(detected.value).catch((error: unknown) => startFailed(error, logger, metrics));
    logger.info('new account handled', {
      status: result.status,
      accountId: detected.value.accountId,
      eventName: detected.value.eventName,
      ...(result.status === 'NOT_ELIGIBLE' ? { reason: result.reason } : {}),
    });
    return result.status === 'NOT_ELIGIBLE' ? { status: result.status, reason: result.reason } : { status: result.status };
  },
);
