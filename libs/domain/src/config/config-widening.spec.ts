import fc from 'fast-check';
import { AccountId } from '../accounts/account-id';
import { CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { AccountTags, TargetingRules } from '../targeting/targeting-rules';
import { kindsArb } from '../testing/arbitraries';
import { configWidening } from './config-widening';
import { SyncConfig, syncConfigOf, SyncConfigInput } from './sync-config';

const base: SyncConfigInput = { kinds: ['SECURITY'], excludedAccountIds: ['222222222222'], dryRun: false };
const change = (before: SyncConfigInput, after: SyncConfigInput) => configWidening(syncConfigOf(before), syncConfigOf(after));

describe('configWidening', () => {
  it('widens nothing when the change narrows, changes rates, or changes nothing', () => {
    expect(change(base, base)).toBeUndefined();
    expect(change({ ...base, kinds: ['SECURITY', 'BILLING'] }, base)).toBeUndefined();
    expect(change(base, { ...base, excludedAccountIds: ['222222222222', '333333333333'] })).toBeUndefined();
    expect(change(base, { ...base, dryRun: true })).toBeUndefined();
    expect(change(base, { ...base, includedOrganizationalUnits: ['ou-ab12-cd34ef56'] })).toBeUndefined();
    expect(change(base, { ...base, rates: { GetAlternateContact: { ratePerSecond: 2, burst: 2 } } })).toBeUndefined();
  });

  it('a kind enabled: that kind, on every member', () => {
    expect(change(base, { ...base, kinds: ['BILLING', 'SECURITY'] })).toEqual({ kinds: ['BILLING'], reasons: ['KIND_ENABLED'] });
  });

  it('dry run released: every kind synced, on every member', () => {
    expect(change({ ...base, kinds: ['PRIMARY', 'SECURITY'], dryRun: true }, { ...base, kinds: ['PRIMARY', 'SECURITY'] })).toEqual({
      kinds: ['PRIMARY', 'SECURITY'],
      reasons: ['DRY_RUN_RELEASED'],
    });
  });

  it('an id no longer excluded: only that account, every kind', () => {
    expect(change(base, { ...base, excludedAccountIds: [] })).toEqual({
      kinds: ['SECURITY'],
      onlyAccounts: ['222222222222'],
      reasons: ['ACCOUNT_EXCLUSION_REMOVED'],
    });
  });

  it('an OU or tag rule that lets more in: every member; with a kind enabled too, every kind', () => {
    const ou = 'ou-ab12-cd34ef56';
    expect(change({ ...base, excludedOrganizationalUnits: [ou] }, base)).toEqual({
      kinds: ['SECURITY'],
      reasons: ['OU_EXCLUSION_REMOVED'],
    });
    expect(change({ ...base, includedOrganizationalUnits: [ou] }, base)).toEqual({
      kinds: ['SECURITY'],
      reasons: ['OU_INCLUSION_WIDENED'],
    });
    expect(change({ ...base, includedTags: [{ key: 'env', value: 'prod' }] }, { ...base, includedTags: [{ key: 'env' }] })).toEqual({
      kinds: ['SECURITY'],
      reasons: ['TAG_INCLUSION_WIDENED'],
    });
    expect(change({ ...base, excludedTags: [{ key: 'x' }] }, { ...base, kinds: ['BILLING', 'SECURITY'], excludedAccountIds: [] })).toEqual({
      kinds: ['BILLING', 'SECURITY'],
      reasons: ['KIND_ENABLED', 'TAG_EXCLUSION_REMOVED', 'ACCOUNT_EXCLUSION_REMOVED'],
    });
  });
});

/** A member: its id, the OUs above it and its tags, drawn from small sets so that the rules meet them. */
interface Member {
  readonly id: AccountId;
  readonly units: readonly string[];
  readonly tags: AccountTags;
}
const IDS = ['222222222222', '333333333333', '444444444444'];
const UNITS = ['ou-ab12-aaaaaaaa', 'ou-ab12-bbbbbbbb', 'ou-ab12-cccccccc'];
const tagRuleArb = fc.record({ key: fc.constantFrom('env', 'team'), value: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }) });
const configArb: fc.Arbitrary<SyncConfig> = fc
  .record({
    kinds: kindsArb,
    excludedAccountIds: fc.subarray(IDS),
    excludedOrganizationalUnits: fc.subarray(UNITS),
    includedOrganizationalUnits: fc.subarray(UNITS),
    excludedTags: fc.array(tagRuleArb, { maxLength: 2 }),
    includedTags: fc.array(tagRuleArb, { maxLength: 2 }),
    propagateDeletions: fc.boolean(),
    dryRun: fc.boolean(),
  })
  .map((input) => syncConfigOf({ ...input, excludedTags: input.excludedTags.map(plain), includedTags: input.includedTags.map(plain) }));
const plain = (rule: { key: string; value?: string }) => (rule.value === undefined ? { key: rule.key } : rule);
const memberArb: fc.Arbitrary<Member> = fc.record({
  id: fc.constantFrom(...IDS),
  units: fc.subarray(UNITS, { maxLength: 2 }),
  tags: fc.dictionary(fc.constantFrom('env', 'team'), fc.constantFrom('a', 'b')),
});

/** Whether a configuration writes this kind of this member: the kind synced, not dry, and no rule leaving it out. */
const writes = (config: SyncConfig, member: Member, kind: ContactKind): boolean =>
  config.kinds.includes(kind) && !config.dryRun && new TargetingRules(config).decide(member.id, member.units, member.tags) === undefined;

describe('configWidening (property)', () => {
  it('covers every member-kind the new configuration writes and the old one did not, or wrote without deletions', () => {
    fc.assert(
      fc.property(configArb, configArb, memberArb, fc.constantFrom(...CONTACT_KINDS), (before, after, member, kind) => {
        const newlyWritten =
          writes(after, member, kind) && (!writes(before, member, kind) || (!before.propagateDeletions && after.propagateDeletions));
        if (!newlyWritten) return;
        const widening = configWidening(before, after);
        expect(widening).toBeDefined();
        expect(widening?.kinds).toContain(kind);
        if (widening?.onlyAccounts) expect(widening.onlyAccounts).toContain(member.id);
      }),
      { numRuns: 2000 },
    );
  });

  it('never names a kind the new configuration does not sync', () => {
    fc.assert(
      fc.property(configArb, configArb, (before, after) => {
        for (const kind of configWidening(before, after)?.kinds ?? []) expect(after.kinds).toContain(kind);
      }),
      { numRuns: 500 },
    );
  });
});
