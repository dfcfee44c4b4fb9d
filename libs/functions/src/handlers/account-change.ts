import { detectAccountChange, ReevaluateAccount } from '@contact-sync/domain';
import { defineFunction } from '../invocation';
import { IgnoredEvent, ignoreEvent } from './ignored-event';
import { startFailed } from './start-failure';

/**
 * EventBridge: a member account moved to another OU, or tagged or untagged (Organizations'
 * MoveAccount, TagResource, UntagResource on the management account). The account is re-evaluated
 * where it is now with every enabled kind: one run per CloudTrail event, whatever its deliveries.
 */
export const accountChange = defineFunction(
  { reevaluate: ReevaluateAccount },
  async (
    event: unknown,
    { reevaluate, logger, metrics },
  ): Promise<IgnoredEvent | { readonly status: string; readonly runId?: string; readonly reason?: string }> => {
    const detected = detectAccountChange(event);
    if (!detected.ok) return ignoreEvent(detected.error, logger, metrics);
    logger.correlate(detected.value.eventId);
    const result = await reevaluate.execute(detected.value).catch((error: unknown) => startFailed(error, logger, metrics));
    const runId = 'run' in result ? result.run.runId : result.runId;
    logger.info('account change handled', {
      status: result.status,
      runId,
      accountId: detected.value.accountId,
      eventName: detected.value.eventName,
      ...(result.status === 'NOT_ELIGIBLE' ? { reason: result.reason } : {}),
    });
    return result.status === 'NOT_ELIGIBLE' ? { status: result.status, runId, reason: result.reason } : { status: result.status, runId };
  },
);
