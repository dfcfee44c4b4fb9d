import { DEFAULT_RATE_SETTINGS } from './rate-settings';
import { DEFAULT_SYNC_CONFIG, parseSyncConfig, syncConfigOf } from './sync-config';
import { ValidationError } from '../shared/validation-error';

const issuesOf = (input: unknown) => {
  const result = parseSyncConfig(input);
  return result.ok ? [] : result.error.issues;
};

describe('SyncConfig', () => {
  it('defaults: every kind, nothing excluded, deletions not propagated, not a dry run, the documented quotas', () => {
    expect(syncConfigOf({})).toEqual({
      kinds: ['PRIMARY', 'BILLING', 'OPERATIONS', 'SECURITY'],
      excludedAccountIds: [],
      excludedOrganizationalUnits: [],
      includedOrganizationalUnits: [],
      excludedTags: [],
      includedTags: [],
      propagateDeletions: false,
      dryRun: false,
      rates: DEFAULT_RATE_SETTINGS,
    });
    expect(DEFAULT_RATE_SETTINGS.GetAlternateContact).toEqual({ ratePerSecond: 10, burst: 15 });
    expect(DEFAULT_RATE_SETTINGS.PutContactInformation).toEqual({ ratePerSecond: 5, burst: 8 });
    expect(DEFAULT_RATE_SETTINGS.DeleteAlternateContact).toEqual({ ratePerSecond: 1, burst: 6 });
  });

  it('canonicalises: kinds in canonical order, excluded ids sorted and unique, unset rates defaulted', () => {
    const config = syncConfigOf({
      kinds: ['SECURITY', 'PRIMARY', 'SECURITY'],
      excludedAccountIds: ['222222222222', '111111111111', '222222222222'],
      rates: { PutAlternateContact: { ratePerSecond: 2 } },
    });
    expect(config.kinds).toEqual(['PRIMARY', 'SECURITY']);
    expect(config.excludedAccountIds).toEqual(['111111111111', '222222222222']);
    expect(config.rates.PutAlternateContact).toEqual({ ratePerSecond: 2, burst: 8 });
    expect(config.rates.GetAlternateContact).toEqual({ ratePerSecond: 10, burst: 15 });
  });

  it('names every bad field, with its path', () => {
    expect(
      issuesOf({
        kinds: ['SECURITY', 'LEGAL'],
        excludedAccountIds: ['123', 7],
        propagateDeletions: 'yes',
        dryRun: 1,
        rates: { PutAlternateContact: { ratePerSecond: 0, burst: 1.5, jitter: true }, GetEverything: {} },
        schedule: 'daily',
      }),
    ).toEqual([
      { field: 'schedule', rule: 'is not a known field' },
      { field: 'kinds[1]', rule: 'must be one of PRIMARY, BILLING, OPERATIONS, SECURITY' },
      { field: 'excludedAccountIds[0]', rule: 'must be a 12-digit account id' },
      { field: 'excludedAccountIds[1]', rule: 'must be a 12-digit account id' },
      { field: 'propagateDeletions', rule: 'must be true or false' },
      { field: 'dryRun', rule: 'must be true or false' },
      { field: 'rates.PutAlternateContact.jitter', rule: 'is not a known field' },
      { field: 'rates.PutAlternateContact.ratePerSecond', rule: 'must be a number above 0 and at most 1000' },
      { field: 'rates.PutAlternateContact.burst', rule: 'must be a whole number from 1 to 10000' },
      { field: 'rates.GetEverything', rule: 'is not a known field' },
    ]);
  });

  it('rejects an empty kinds list, non-lists and non-objects', () => {
    expect(issuesOf({ kinds: [] })).toEqual([{ field: 'kinds', rule: 'must name at least one contact kind' }]);
    expect(issuesOf({ kinds: 'SECURITY' })).toEqual([{ field: 'kinds', rule: 'must be a list of PRIMARY, BILLING, OPERATIONS, SECURITY' }]);
    expect(issuesOf({ excludedAccountIds: '111111111111' })).toEqual([
      { field: 'excludedAccountIds', rule: 'must be a list of 12-digit account ids' },
    ]);
    expect(issuesOf({ rates: [] })).toEqual([{ field: 'rates', rule: 'must be an object keyed by operation' }]);
    expect(issuesOf({ rates: { GetAlternateContact: 5 } })).toEqual([
      { field: 'rates.GetAlternateContact', rule: 'must be an object with ratePerSecond and burst' },
    ]);
    expect(issuesOf('{}')).toEqual([{ field: '(root)', rule: 'must be an object' }]);
  });

  it('throws one ValidationError listing the fields from syncConfigOf', () => {
    expect(() => syncConfigOf({ dryRun: 'no' })).toThrow(
      new ValidationError('sync configuration', [{ field: 'dryRun', rule: 'must be true or false' }]),
    );
  });

  it('the default config is deeply frozen', () => {
    expect(Object.isFrozen(DEFAULT_SYNC_CONFIG.kinds)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SYNC_CONFIG.rates.GetAlternateContact)).toBe(true);
  });
});
