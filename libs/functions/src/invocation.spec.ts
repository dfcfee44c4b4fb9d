import { defineFunction, invokeFunction, InvocationSetting } from './invocation';
import { FlushCountingMetrics, RecordingLogger, testContext } from './testing/invocation-parts';

/** A use case that answers what it was asked, or fails. */
class Echo {
  async execute(request: { readonly fail?: boolean; readonly say: string }): Promise<string> {
    if (request.fail) throw new Error('echo failed');
    return request.say;
  }
}

const echo = defineFunction(
  { echo: Echo },
  async (event: { fail?: boolean; say: string }, { echo: useCase, logger, endsAtMs, now, context }) => {
    logger.correlate(event.say);
    return { said: await useCase.execute(event), leftMs: endsAtMs - now(), requestId: context?.awsRequestId };
  },
);

function setting(): InvocationSetting & { logger: RecordingLogger; metrics: FlushCountingMetrics; resolved: unknown[] } {
  const resolved: unknown[] = [];
  const instance = new Echo();
  return {
    resolved,
    resolve: (useCase) => {
      resolved.push(useCase);
      return instance as never;
    },
    logger: new RecordingLogger(),
    metrics: new FlushCountingMetrics(),
    context: testContext('req-1'),
    endsAtMs: 10_000,
    now: () => 4_000,
  };
}

describe('invokeFunction', () => {
  it('resolves each use case the body names and hands the body the invocation: its end on the given clock and its context', async () => {
    const s = setting();
    await expect(invokeFunction(echo, { say: 'hello' }, s)).resolves.toEqual({ said: 'hello', leftMs: 6_000, requestId: 'req-1' });
    expect(s.resolved).toEqual([Echo]);
    expect(s.logger.correlations).toEqual(['hello']);
  });

  it('forgets the keys and flushes the metrics after an invocation that returned', async () => {
    const s = setting();
    await invokeFunction(echo, { say: 'a' }, s);
    expect([s.logger.resets, s.metrics.flushes]).toEqual([1, 1]);
  });

  it('forgets the keys and flushes the metrics after an invocation that threw, and throws its error', async () => {
    const s = setting();
    await expect(invokeFunction(echo, { say: 'a', fail: true }, s)).rejects.toThrow('echo failed');
    expect([s.logger.resets, s.metrics.flushes]).toEqual([1, 1]);
  });

  it('gives no context when there is none (a local call)', async () => {
    const { context: _context, ...local } = setting();
    await expect(invokeFunction(echo, { say: 'a' }, local)).resolves.toMatchObject({ requestId: undefined });
  });
});
