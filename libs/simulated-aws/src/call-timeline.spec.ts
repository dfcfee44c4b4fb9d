import { CallTimeline } from './call-timeline';

describe('CallTimeline', () => {
  it('counts calls and throttles per operation and retries per second of virtual time', () => {
    const timeline = new CallTimeline(10_000);
    timeline.call('GetAlternateContact', 10_000);
    timeline.call('GetAlternateContact', 10_999);
    timeline.call('GetAlternateContact', 12_500);
    timeline.throttle('GetAlternateContact', 12_600);
    timeline.call('PutAlternateContact', 11_000);
    timeline.retry(12_700, 2);
    expect(timeline.snapshot()).toEqual({
      startMs: 10_000,
      bucketMs: 1000,
      operations: {
        GetAlternateContact: { calls: [2, 0, 1], throttled: [0, 0, 1] },
        PutAlternateContact: { calls: [0, 1], throttled: [] },
      },
      retries: [0, 0, 2],
    });
  });

  it('doubles its buckets when a run outlasts them, keeping every count', () => {
    const timeline = new CallTimeline(0, 4);
    for (const at of [0, 1500, 2500, 3500]) timeline.call('GetContactInformation', at);
    timeline.call('GetContactInformation', 4000);
    const snapshot = timeline.snapshot();
    expect(snapshot.bucketMs).toBe(2000);
    expect(snapshot.operations['GetContactInformation']?.calls).toEqual([2, 2, 1]);
  });

  it('counts a call made before the start in the first bucket', () => {
    const timeline = new CallTimeline(5000);
    timeline.call('GetContactInformation', 1000);
    expect(timeline.snapshot().operations['GetContactInformation']?.calls).toEqual([1]);
  });

  it('refuses fewer than two buckets', () => {
    expect(() => new CallTimeline(0, 1)).toThrow('maxBuckets must be a whole number of at least 2');
  });
});
