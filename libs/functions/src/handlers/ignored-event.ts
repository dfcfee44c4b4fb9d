import { ChangeRejection, LoggerPort, MetricsPort } from '@contact-sync/domain';

/** What a function answers for an event it does not act on. */
export interface IgnoredEvent {
  readonly status: 'IGNORED';
  readonly reason: string;
}

/** Logs (with the field at fault) and counts an event that is not for this function; retrying could not help. */
export function ignoreEvent(rejection: ChangeRejection, logger: LoggerPort, metrics: MetricsPort): IgnoredEvent {
  metrics.add('EventsIgnored');
  logger.warn('event ignored', { reason: rejection.reason, field: rejection.field, detail: rejection.message });
  return { status: 'IGNORED', reason: rejection.reason };
}
