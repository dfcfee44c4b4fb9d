import { ItemResult } from '@contact-sync/domain';
import { batchResponse, redelivered, sweepReserveReached, workDeadlineMs } from './deliveries';
import { DEPLOYMENT } from './deployment';

const STATUSES: readonly ItemResult['status'][] = ['DONE', 'ALREADY_DONE', 'RUN_CLOSED', 'UNKNOWN_ITEM', 'REFUSED', 'BUSY', 'INTERRUPTED'];

describe('the deliveries', () => {
  it('sends back an item held by another delivery, cut short or refused, and acknowledges every other result', () => {
    expect(STATUSES.filter(redelivered)).toEqual(['REFUSED', 'BUSY', 'INTERRUPTED']);
  });

  it('answers the message ids to redeliver as a partial batch response, and nothing for the acknowledged records', () => {
    expect(batchResponse(['m-1', undefined, 'm-3'])).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-3' }] });
    expect(batchResponse([undefined, undefined])).toEqual({ batchItemFailures: [] });
  });

  it('stops a worker starting work the margin before its invocation ends', () => {
    expect(workDeadlineMs(1_000_000)).toBe(1_000_000 - DEPLOYMENT.deadlineMarginMs);
  });

  it('keeps the sweep its reserve: it stops replaying once less than the reserve is left', () => {
    const endsAt = 1_000_000;
    expect(sweepReserveReached(endsAt, endsAt - DEPLOYMENT.sweepReserveMs)).toBe(false);
    expect(sweepReserveReached(endsAt, endsAt - DEPLOYMENT.sweepReserveMs + 1)).toBe(true);
  });
});
