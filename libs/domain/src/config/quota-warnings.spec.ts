import { quotaWarnings } from './quota-warnings';
import { DEFAULT_SYNC_CONFIG, syncConfigOf } from './sync-config';

describe('quotaWarnings', () => {
  it('has nothing to say about the documented quotas or anything below them', () => {
    expect(quotaWarnings(DEFAULT_SYNC_CONFIG)).toEqual([]);
    expect(quotaWarnings(syncConfigOf({ rates: { PutAlternateContact: { ratePerSecond: 1, burst: 2 } } }))).toEqual([]);
  });

  it('names each rate and burst above its quota, with the quota', () => {
    const config = syncConfigOf({
      rates: { PutAlternateContact: { ratePerSecond: 5.5, burst: 8 }, DeleteAlternateContact: { ratePerSecond: 1, burst: 7 } },
    });
    expect(quotaWarnings(config)).toEqual([
      {
        field: 'rates.PutAlternateContact.ratePerSecond',
        rule: "is above the documented quota of 5 per second: unless this account's quota was raised, the service will throttle",
      },
      {
        field: 'rates.DeleteAlternateContact.burst',
        rule: "is above the documented burst of 6: unless this account's quota was raised, the service will throttle",
      },
    ]);
  });
});
