import { detectContactChange, StartSyncFromChange, TOKENS } from '@contact-sync/domain';
import { lambdaRoot } from '../lambda-root';

/** What the handler did with one event. */
export type ContactChangeResponse = { readonly status: 'IGNORED'; readonly reason: string } | { readonly status: string; readonly runId: string };

/**
 * EventBridge: a contact write on the management account. The rule already filters; the same rule is
 * checked again here (defence in depth). A rejected event is logged and counted, never thrown:
 * retrying it could not help.
 */
export async function handler(event: unknown): Promise<ContactChangeResponse> {
  const { container, logger, metrics } = await lambdaRoot();
  try {
    const detected = detectContactChange(event);
    if (!detected.ok) {
      metrics.add('EventsIgnored');
      logger.warn('event ignored', { reason: detected.error.reason, field: detected.error.field, detail: detected.error.message });
      return { status: 'IGNORED', reason: detected.error.reason };
    }
    logger.correlate(detected.value.eventId);
    const result = await container.get<StartSyncFromChange>(TOKENS.StartSyncFromChange).execute(detected.value);
    const runId = result.status === 'STARTED' ? result.run.runId : result.runId;
    logger.info('contact change handled', { status: result.status, runId, kind: detected.value.kind, action: detected.value.action });
    return { status: result.status, runId };
  } finally {
    await metrics.flush();
  }
}
