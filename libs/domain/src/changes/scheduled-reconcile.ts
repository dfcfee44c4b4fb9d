import { isRecord } from '../shared/field-rules';

/** The run id of a scheduled reconcile: derived from the schedule event's id, so every delivery names the same run. */
export const reconcileRunIdFor = (scheduleEventId: string): string => `rec-${scheduleEventId}`;

/**
 * The run id a schedule event asks for, or undefined when the event is not one (EventBridge's
 * `Scheduled Event` from `aws.events`, with an id). Never throws.
 */
export function scheduledReconcileRunId(event: unknown): string | undefined {
  if (!isRecord(event) || event['source'] !== 'aws.events' || event['detail-type'] !== 'Scheduled Event') return undefined;
  const id = event['id'];
  return typeof id === 'string' && id.length > 0 ? reconcileRunIdFor(id) : undefined;
}
