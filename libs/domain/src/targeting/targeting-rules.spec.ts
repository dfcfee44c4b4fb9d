import { parseSyncConfig, syncConfigOf } from '../config/sync-config';
import { skipText, TargetingRules } from './targeting-rules';

const SANDBOX = 'ou-ab12-sandbox01';
const TEAM = 'ou-ab12-teamaaaa';
const WORKLOADS = 'ou-ab12-workload';

const issuesOf = (input: unknown) => {
  const result = parseSyncConfig(input);
  return result.ok ? [] : result.error.issues;
};

describe('Targeting rules in the configuration', () => {
  it('canonicalises: OU ids sorted and unique, tag rules in order without repeats', () => {
    const config = syncConfigOf({
      excludedOrganizationalUnits: [SANDBOX, TEAM, SANDBOX],
      includedOrganizationalUnits: [WORKLOADS],
      excludedTags: [{ key: 'contact-sync:exclude', value: 'true' }, { key: 'env' }, { key: 'env' }],
      includedTags: [{ key: 'team', value: '' }],
    });
    expect(config.excludedOrganizationalUnits).toEqual([SANDBOX, TEAM]);
    expect(config.includedOrganizationalUnits).toEqual([WORKLOADS]);
    expect(config.excludedTags).toEqual([{ key: 'contact-sync:exclude', value: 'true' }, { key: 'env' }]);
    expect(config.includedTags).toEqual([{ key: 'team', value: '' }]);
  });

  it('names every bad field and the rule it breaks, never the value', () => {
    expect(
      issuesOf({
        excludedOrganizationalUnits: ['r-ab12', 'ou-AB12-sandbox01', 7],
        includedOrganizationalUnits: 'ou-ab12-workload',
        excludedTags: [{ key: '' }, { key: 'env', value: 3 }, { key: 'a#b' }, { value: 'x' }, 'env', { key: 'k', colour: 'red' }],
        includedTags: { key: 'team' },
      }),
    ).toEqual([
      {
        field: 'excludedOrganizationalUnits[0]',
        rule: 'must be an organizational unit id: ou-, 4 to 32 letters or digits, -, 8 to 32 more',
      },
      {
        field: 'excludedOrganizationalUnits[1]',
        rule: 'must be an organizational unit id: ou-, 4 to 32 letters or digits, -, 8 to 32 more',
      },
      {
        field: 'excludedOrganizationalUnits[2]',
        rule: 'must be an organizational unit id: ou-, 4 to 32 letters or digits, -, 8 to 32 more',
      },
      { field: 'includedOrganizationalUnits', rule: 'must be a list of organizational unit ids (ou-…)' },
      { field: 'excludedTags[0].key', rule: 'must be 1-128 characters' },
      { field: 'excludedTags[1].value', rule: 'must be a string' },
      { field: 'excludedTags[2].key', rule: 'must use only letters, digits, spaces and _ . : / = + - @' },
      { field: 'excludedTags[3].key', rule: 'is required' },
      { field: 'excludedTags[4]', rule: 'must be an object with a key and, optionally, a value' },
      { field: 'excludedTags[5].colour', rule: 'is not a known field' },
      { field: 'includedTags', rule: 'must be a list of tag rules, each { "key": …, "value": … } (value optional)' },
    ]);
    expect(JSON.stringify(issuesOf({ excludedTags: [{ key: 'owner#jane@example.com' }] }))).not.toContain('jane');
  });

  it('bounds the lists', () => {
    const units = Array.from({ length: 101 }, (_, i) => `ou-ab12-${String(i).padStart(8, '0')}`);
    expect(issuesOf({ excludedOrganizationalUnits: units })).toEqual([
      { field: 'excludedOrganizationalUnits', rule: 'must hold at most 100 organizational unit ids' },
    ]);
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}` }));
    expect(issuesOf({ includedTags: tags })).toEqual([{ field: 'includedTags', rule: 'must hold at most 50 tag rules' }]);
  });
});

describe('TargetingRules', () => {
  const rules = new TargetingRules(
    syncConfigOf({
      excludedAccountIds: ['111111111111'],
      includedOrganizationalUnits: [WORKLOADS],
      excludedOrganizationalUnits: [SANDBOX, TEAM],
      excludedTags: [{ key: 'contact-sync:exclude', value: 'true' }, { key: 'legacy' }],
      includedTags: [{ key: 'team' }],
    }),
    ['222222222222'],
  );

  it('excludes an account under an excluded OU at any depth, naming the excluded OU nearest the account', () => {
    expect(rules.byUnits([WORKLOADS, SANDBOX])).toEqual({ reason: 'EXCLUDED_BY_OU', rule: SANDBOX });
    expect(rules.byUnits([WORKLOADS, SANDBOX, 'ou-ab12-deeper01', 'ou-ab12-deeper02'])).toEqual({
      reason: 'EXCLUDED_BY_OU',
      rule: SANDBOX,
    });
    expect(rules.byUnits([WORKLOADS, SANDBOX, TEAM])).toEqual({ reason: 'EXCLUDED_BY_OU', rule: TEAM });
  });

  it('includes only accounts under an included OU, at any depth, and an exclusion always wins', () => {
    expect(rules.byUnits([WORKLOADS])).toBeUndefined();
    expect(rules.byUnits([WORKLOADS, 'ou-ab12-deeper01', 'ou-ab12-deeper02'])).toBeUndefined();
    expect(rules.byUnits(['ou-ab12-elsewher'])).toEqual({ reason: 'NOT_IN_INCLUDED_OU' });
    expect(rules.byUnits([])).toEqual({ reason: 'NOT_IN_INCLUDED_OU' });
    expect(rules.byUnits([SANDBOX, WORKLOADS])).toEqual({ reason: 'EXCLUDED_BY_OU', rule: SANDBOX });
  });

  it('matches a tag rule by key, or by key and exact value, and an exclusion always wins', () => {
    expect(rules.byTags({ team: 'blue' })).toBeUndefined();
    expect(rules.byTags({ team: 'blue', 'contact-sync:exclude': 'true' })).toEqual({
      reason: 'EXCLUDED_BY_TAG',
      rule: 'contact-sync:exclude=true',
    });
    expect(rules.byTags({ team: 'blue', 'contact-sync:exclude': 'TRUE' })).toBeUndefined();
    expect(rules.byTags({ team: 'blue', legacy: '' })).toEqual({ reason: 'EXCLUDED_BY_TAG', rule: 'legacy' });
    expect(rules.byTags({ Team: 'blue' })).toEqual({ reason: 'NOT_TAGGED_FOR_INCLUSION' });
  });

  it('checks the id, then the OUs, then the tags: the first rule that leaves the account out is its reason', () => {
    const tagged = { 'contact-sync:exclude': 'true' };
    expect(rules.decide('111111111111', [SANDBOX], tagged)).toEqual({ reason: 'EXCLUDED_BY_ID' });
    expect(rules.decide('222222222222', [WORKLOADS], { team: 'x' })).toEqual({ reason: 'EXCLUDED_BY_ID' });
    expect(rules.decide('333333333333', [WORKLOADS, SANDBOX], tagged)).toEqual({ reason: 'EXCLUDED_BY_OU', rule: SANDBOX });
    expect(rules.decide('333333333333', [], tagged)).toEqual({ reason: 'NOT_IN_INCLUDED_OU' });
    expect(rules.decide('333333333333', [WORKLOADS], { ...tagged, team: 'x' })).toEqual({
      reason: 'EXCLUDED_BY_TAG',
      rule: 'contact-sync:exclude=true',
    });
    expect(rules.decide('333333333333', [WORKLOADS], {})).toEqual({ reason: 'NOT_TAGGED_FOR_INCLUSION' });
    expect(rules.decide('333333333333', [WORKLOADS], { team: 'x' })).toBeUndefined();
  });

  it('says which facts it needs, and refuses to decide without them', () => {
    expect(rules.hasUnitRules).toBe(true);
    expect(rules.hasTagRules).toBe(true);
    expect(() => rules.decide('333333333333', undefined, {})).toThrow(/OUs/);
    expect(() => rules.decide('333333333333', [], undefined)).toThrow(/tags/);
    const byIdOnly = new TargetingRules(syncConfigOf({ excludedAccountIds: ['111111111111'] }));
    expect(byIdOnly.hasUnitRules).toBe(false);
    expect(byIdOnly.hasTagRules).toBe(false);
    expect(byIdOnly.decide('333333333333')).toBeUndefined();
  });

  it('writes a skip as the reason and its rule', () => {
    expect(skipText({ reason: 'EXCLUDED_BY_OU', rule: SANDBOX })).toBe(`EXCLUDED_BY_OU ${SANDBOX}`);
    expect(skipText({ reason: 'EXCLUDED_BY_ID' })).toBe('EXCLUDED_BY_ID');
  });
});
