import { isRecord } from '@contact-sync/domain';

/**
 * The event inside a message of an asynchronous invocation's on-failure destination. Lambda sends a
 * record (`version`, `timestamp`, `requestContext` with the function and why it gave up,
 * `requestPayload`: the event as delivered, `responseContext`, `responsePayload`); only the event is
 * kept. A body that is not such a record is given as it is (undefined when it is not JSON), for the
 * replay to reject and say why.
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
