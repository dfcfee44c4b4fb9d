import { isRecord } from '@contact-sync/domain';
import { FunctionName } from '@contact-sync/functions';

/** The functions EventBridge invokes: the start functions, each the target of its own rules. */
export type StartFunctionName = Extract<FunctionName, 'contactChange' | 'newAccount' | 'accountChange' | 'scheduledReconcile'>;

/** Organizations' events, by name, and the function whose rule takes each. */
const ORGANIZATIONS_EVENTS: ReadonlyMap<string, StartFunctionName> = new Map([
  ['CreateAccountResult', 'newAccount'],
  ['AccountJoinedOrganization', 'newAccount'],
  ['MoveAccount', 'accountChange'],
  ['TagResource', 'accountChange'],
  ['UntagResource', 'accountChange'],
]);

/**
 * The function the stack's rules send an event to (undefined: none takes it), as the simulated
 * EventBridge routes it. It tells the functions apart as their rules do, by source and event name
 * (and the resync's schedule by its detail type), and applies none of the rules' finer filters (the
 * recording account, errorCode, the member-target keys, the status of a Control Tower or creation
 * event): those events reach the function's own checks instead, which is harder on it than AWS. A
 * spec of the packaged stack holds this to the rules: every event a rule delivers is routed to its
 * target here.
 */
export function routeEvent(event: unknown): StartFunctionName | undefined {
  if (!isRecord(event)) return undefined;
  const eventName = isRecord(event['detail']) ? event['detail']['eventName'] : undefined;
  switch (event['source']) {
    case 'aws.account':
      return 'contactChange';
    case 'aws.controltower':
      return 'newAccount';
    case 'aws.organizations':
      return typeof eventName === 'string' ? ORGANIZATIONS_EVENTS.get(eventName) : undefined;
    case 'aws.events':
      return event['detail-type'] === 'Scheduled Event' ? 'scheduledReconcile' : undefined;
    default:
      return undefined;
  }
}
