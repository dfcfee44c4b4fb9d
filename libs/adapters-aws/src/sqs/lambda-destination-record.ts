import { isRecord } from '@contact-sync/domain';

/**
 * The event in a message of either queue of failed events. In an asynchronous invocation's on-failure
 * destination, Lambda sends a record (`version`, `timestamp`, `requestContext` with the function and
 * why it gave up, `requestPayload`: the event as delivered, `responseContext`, `responsePayload`);
 * only the event is kept. In an EventBridge rule's dead-letter queue, the body is the event itself,
 * given as it is. So is any other body (undefined when it is not JSON), for the replay to reject and
 * say why.
 */
export function unwrapDestinationRecord(body: string | undefined): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return undefined;
  }
  return isRecord(parsed) && isRecord(parsed['requestContext']) && 'requestPayload' in parsed ? parsed['requestPayload'] : parsed;
}
