import { accountsPerItemFor } from '../use-cases/launch/launch-options';
import { parseSyncConfig } from './sync-config';
import { CONTACT_OPERATIONS } from '../contacts/contact-operation';
import {
  clientRateSettings,
  DEFAULT_RATE_SETTINGS,
  minimumRatePerSecond,
  shareRateSettings,
  statedMinimumRate,
  WORK_ITEM_LIMITS,
} from './rate-settings';

describe('rate settings', () => {
  it('holds one token of each burst back for the client', () => {
    expect(clientRateSettings(DEFAULT_RATE_SETTINGS).PutAlternateContact).toEqual({ ratePerSecond: 5, burst: 7 });
  });

  it.each([1, 2, 3, 7])('gives %i workers shares that together stay under every quota', (workers) => {
    const share = shareRateSettings(DEFAULT_RATE_SETTINGS, workers);
    for (const operation of CONTACT_OPERATIONS) {
      expect(share[operation].ratePerSecond * workers).toBeLessThanOrEqual(DEFAULT_RATE_SETTINGS[operation].ratePerSecond + 1e-9);
      expect(share[operation].burst).toBeGreaterThanOrEqual(1);
      if (DEFAULT_RATE_SETTINGS[operation].burst >= workers)
        expect(share[operation].burst * workers).toBeLessThanOrEqual(DEFAULT_RATE_SETTINGS[operation].burst);
    }
  });

  it('refuses a worker count that is not a positive whole number', () => {
    expect(() => shareRateSettings(DEFAULT_RATE_SETTINGS, 0)).toThrow(/workers/);
  });

  describe('the slowest rate a work item can be finished at', () => {
    it('is what a worker needs to finish its items within their deliveries: 0.22 a second for alternate contacts, 0.074 for contact information', () => {
      expect(minimumRatePerSecond('PutAlternateContact')).toBeCloseTo((2 * 50 * 3) / (5 * 270), 12);
      expect(minimumRatePerSecond('GetContactInformation')).toBeCloseTo((2 * 50 * 1) / (5 * 270), 12);
      expect(statedMinimumRate('PutAlternateContact')).toBe(0.223);
      expect(statedMinimumRate('PutContactInformation')).toBe(0.0741);
    });

    it.each(Array.from({ length: 10 }, (_, i) => i + 1))(
      'holds for a fleet of %i workers: together their items hold at most 50 accounts',
      (workers) => {
        expect(workers * accountsPerItemFor(workers)).toBeLessThanOrEqual(WORK_ITEM_LIMITS.fleetAccountsPerItem);
      },
    );

    it('leaves the documented quotas well above it, and the stated bound is itself accepted', () => {
      for (const operation of CONTACT_OPERATIONS) {
        expect(DEFAULT_RATE_SETTINGS[operation].ratePerSecond).toBeGreaterThan(2 * minimumRatePerSecond(operation));
        const atBound = parseSyncConfig({ rates: { [operation]: { ratePerSecond: statedMinimumRate(operation), burst: 1 } } });
        expect(atBound.ok).toBe(true);
      }
    });

    it('refuses 1e-4 a second naming the field and the bound (a run of 49 members lost 45 at that rate)', () => {
      const parsed = parseSyncConfig({ rates: { PutAlternateContact: { ratePerSecond: 1e-4, burst: 1 } } });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok)
        expect(parsed.error.issues).toEqual([
          {
            field: 'rates.PutAlternateContact.ratePerSecond',
            rule: 'must be at least 0.223 per second: slower, a work item cannot be finished within the 5 worker invocations of 300 s the work queue gives it',
          },
        ]);
    });
  });
});
