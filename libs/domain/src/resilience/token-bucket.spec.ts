import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets the burst go at once, then one call per 1/rate seconds', () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3 }, 0);
    expect([0, 0, 0, 0, 0].map((now) => bucket.reserve(now))).toEqual([0, 0, 0, 100, 200]);
  });

  it('refills while idle, but never beyond the burst', () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 2 }, 0);
    bucket.reserve(0);
    bucket.reserve(0);
    expect([bucket.reserve(60_000), bucket.reserve(60_000), bucket.reserve(60_000)]).toEqual([0, 0, 1000]);
  });

  it('a lower rate spaces later calls further; a drain removes the saved burst', () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 5 }, 0);
    bucket.drain(0);
    bucket.setRate(5);
    expect([bucket.reserve(0), bucket.reserve(0)]).toEqual([0, 200]);
    bucket.setRate(50);
    expect(bucket.currentRate).toBe(10);
  });
});
