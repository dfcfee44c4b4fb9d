import { ChangeRejection, ContactChange, err, ok, Result } from '@contact-sync/domain';
import { FunctionDefinition, invokeFunction, UseCaseClasses } from '../invocation';
import { FlushCountingMetrics, RecordingLogger } from '../testing/invocation-parts';
import { contactChange } from './contact-change';
import { scheduledReconcile } from './scheduled-reconcile';

/** The contact change use case, detecting and starting as the test says. */
function starter(detected: Result<ContactChange, ChangeRejection>, start: () => Promise<unknown>) {
  return { detect: async () => detected, execute: start };
}

async function invoke<U extends UseCaseClasses, R>(fn: FunctionDefinition<U, unknown, R>, event: unknown, useCase: unknown) {
  const logger = new RecordingLogger();
  const metrics = new FlushCountingMetrics();
  const answer = invokeFunction(fn, event, { resolve: () => useCase as never, logger, metrics, endsAtMs: 1, now: () => 0 });
  return { answer, logger, metrics };
}

const CHANGE = { eventId: 'evt-1', kind: 'SECURITY', action: 'PUT' } as unknown as ContactChange;
const REJECTION = {
  reason: 'MEMBER_ACCOUNT_TARGET',
  field: 'detail.requestParameters.accountId',
  message: 'a member',
} as unknown as ChangeRejection;

describe('the start functions’ bodies', () => {
  it('answer an event they do not act on as IGNORED with its reason, count it, and start nothing', async () => {
    const started: unknown[] = [];
    const { answer, metrics } = await invoke(
      contactChange,
      {},
      starter(err(REJECTION), async () => started.push('x')),
    );
    await expect(answer).resolves.toEqual({ status: 'IGNORED', reason: 'MEMBER_ACCOUNT_TARGET' });
    expect([metrics.get('EventsIgnored'), started]).toEqual([1, []]);
  });

  it('throw a start that failed, so that Lambda delivers the event again, and count it', async () => {
    const failure = new Error('state unavailable');
    const { answer, metrics, logger } = await invoke(
      contactChange,
      {},
      starter(ok(CHANGE), async () => Promise.reject(failure)),
    );
    await expect(answer).rejects.toBe(failure);
    expect(metrics.get('StartFailures')).toBe(1);
    expect(logger.correlations).toEqual(['evt-1']);
  });

  it('answer a started run with its status and id', async () => {
    const { answer } = await invoke(
      contactChange,
      {},
      starter(ok(CHANGE), async () => ({ status: 'STARTED', runId: 'chg-evt-1' })),
    );
    await expect(answer).resolves.toEqual({ status: 'STARTED', runId: 'chg-evt-1' });
  });

  it('refuse a scheduled event without an id, naming the field', async () => {
    const { answer } = await invoke(scheduledReconcile, { source: 'aws.events' }, { execute: async () => ({ status: 'STARTED' }) });
    await expect(answer).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'id: a scheduled event has an id' });
  });
});
