import { ORGANIZATIONS_RATE_OPERATIONS, ORGANIZATIONS_RATES, organizationsReadLimitFor } from './organizations-rates';

describe('ORGANIZATIONS_RATES', () => {
  it('has one positive rate and a burst of at least one call for each operation listed, and no other', () => {
    expect(Object.keys(ORGANIZATIONS_RATES).sort()).toEqual([...ORGANIZATIONS_RATE_OPERATIONS].sort());
    for (const rate of Object.values(ORGANIZATIONS_RATES)) {
      expect(rate.ratePerSecond).toBeGreaterThan(0);
      expect(rate.burst).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('organizationsReadLimitFor', () => {
  it('paces one process at the table’s rate with one token of the burst held back', () => {
    expect(organizationsReadLimitFor('ListTagsForResource', 1)).toEqual({
      ratePerSecond: ORGANIZATIONS_RATES.ListTagsForResource.ratePerSecond,
      burst: ORGANIZATIONS_RATES.ListTagsForResource.burst - 1,
    });
  });

  it('shares the limit among workers so that together they stay under the table’s rate and burst', () => {
    for (const operation of ORGANIZATIONS_RATE_OPERATIONS) {
      for (const workers of [1, 2, 3, 4, 10]) {
        const share = organizationsReadLimitFor(operation, workers);
        expect(share.ratePerSecond * workers).toBeCloseTo(ORGANIZATIONS_RATES[operation].ratePerSecond, 9);
        expect(share.burst).toBeGreaterThanOrEqual(1);
        expect(share.burst * workers).toBeLessThanOrEqual(Math.max(workers, ORGANIZATIONS_RATES[operation].burst));
      }
    }
  });

  it('refuses a fleet that is not a whole number of at least one worker', () => {
    expect(() => organizationsReadLimitFor('ListParents', 0)).toThrow(RangeError);
  });
});
