import { StartSyncFromChange } from '@contact-sync/domain';
import { defineFunction } from '../invocation';
import { IgnoredEvent, ignoreEvent } from './ignored-event';
import { startFailed } from './start-failure';

/** What the contact change function did with one event. */
export type ContactChangeResponse = IgnoredEvent | { readonly status: string; readonly runId: string };

/**
 * EventBridge: a contact write on the management account. The rule already filters; the same rules
 * are checked again here (defence in depth), against the organization's management account. A
 * rejected event is logged and counted, never thrown: retrying it could not help.
 */
export const contactChange = defineFunction(
  { start: StartSyncFromChange },
  async (event: unknown, { start, logger, metrics }): Promise<ContactChangeResponse> => {
    const detected = await start.detect(event);
    if (!detected.ok) return ignoreEvent(detected.error, logger, metrics);
    logger.correlate(detected.value.eventId);
    const result = await start.execute(detected.value).catch((error: unknown) => startFailed(error, logger, metrics));
    const runId = 'run' in result ? result.run.runId : result.runId;
    logger.info('contact change handled', { status: result.status, runId, kind: detected.value.kind, action: detected.value.action });
    return { status: result.status, runId };
  },
);
