import { DEFAULT_LAUNCH_OPTIONS } from '@contact-sync/domain';
import { DEPLOYMENT, domainDisagreements, FUNCTION_NAMES } from './deployment';
import { FUNCTIONS } from './functions';

describe('the deployment’s numbers', () => {
  it('are the numbers the domain derives its limits from', () => {
    expect(domainDisagreements()).toEqual([]);
  });

  it('give every function of the stack a body', () => {
    expect(Object.keys(FUNCTIONS).sort()).toEqual([...FUNCTION_NAMES].sort());
  });

  it('leave a sweep time to replay before its reserve: the reserve is shorter than the sweep’s timeout', () => {
    // At or past the timeout, the replay would stop before its first event, and no failed event would ever be replayed.
    expect(DEPLOYMENT.sweepReserveMs).toBeLessThan(DEPLOYMENT.timeoutMs.sweepRuns);
    expect(DEPLOYMENT.timeoutMs.sweepRuns - DEPLOYMENT.sweepReserveMs).toBeGreaterThanOrEqual(DEFAULT_LAUNCH_OPTIONS.sliceMs);
  });

  it('hide a work item for six worker timeouts, as Lambda recommends for an SQS event source', () => {
    expect(DEPLOYMENT.workQueue.visibilityTimeoutMs).toBeGreaterThanOrEqual(6 * DEPLOYMENT.timeoutMs.accountWorker);
  });

  it('hide a failed event for longer than a sweep, so that a replay that fails is retried by a later sweep', () => {
    expect(DEPLOYMENT.failedEventsQueue.visibilityTimeoutMs).toBeGreaterThan(DEPLOYMENT.timeoutMs.sweepRuns);
  });

  it('keep a worker a margin shorter than its timeout', () => {
    expect(DEPLOYMENT.deadlineMarginMs).toBeGreaterThan(0);
    expect(DEPLOYMENT.deadlineMarginMs).toBeLessThan(DEPLOYMENT.timeoutMs.accountWorker);
  });
});
