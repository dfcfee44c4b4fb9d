import { clientRateSettings, CONTACT_OPERATIONS, DEFAULT_RATE_SETTINGS, shareRateSettings } from './rate-settings';

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
});
