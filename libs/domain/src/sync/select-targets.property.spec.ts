import fc from 'fast-check';
import { syncConfigOf } from '../config/sync-config';
import { kindsArb, organizationArb } from '../testing/arbitraries';
import { selectTargets } from './select-targets';
import { MemberAccount } from '../accounts/member-account';

/** An organization, a config excluding some of its accounts, and the kinds a change asks for. */
const scenarioArb = organizationArb(30).chain((accounts) =>
  fc.record({
    accounts: fc.constant(accounts),
    excluded: fc.subarray(accounts.map((a) => a.id)),
    enabled: kindsArb,
    requested: kindsArb,
  }),
);

describe('Property 6: configuration-based filtering', () => {
  it('never targets excluded, non-ACTIVE or management accounts, nor disabled kinds; targets every other pair', () => {
    fc.assert(
      fc.property(scenarioArb, ({ accounts, excluded, enabled, requested }) => {
        const config = syncConfigOf({ kinds: enabled, excludedAccountIds: excluded });
        const targets = selectTargets(accounts, config, requested);
        const byId = new Map(accounts.map((a) => [a.id, a]));
        for (const t of targets) {
          const account = byId.get(t.accountId) as MemberAccount;
          expect(account.isManagement).toBe(false);
          expect(account.state).toBe('ACTIVE');
          expect(excluded).not.toContain(t.accountId);
          expect(enabled).toContain(t.kind);
          expect(requested).toContain(t.kind);
        }
        const eligible = accounts.filter((a) => !a.isManagement && a.state === 'ACTIVE' && !excluded.includes(a.id));
        const kinds = enabled.filter((k) => requested.includes(k));
        expect(targets).toHaveLength(eligible.length * kinds.length);
        expect(new Set(targets.map((t) => `${t.accountId}/${t.kind}`)).size).toBe(targets.length);
      }),
      { numRuns: 300 },
    );
  });

  it('filtering twice equals filtering once', () => {
    fc.assert(
      fc.property(scenarioArb, ({ accounts, excluded, enabled, requested }) => {
        const config = syncConfigOf({ kinds: enabled, excludedAccountIds: excluded });
        const once = selectTargets(accounts, config, requested);
        const kept = new Set(once.map((t) => t.accountId));
        const twice = selectTargets(
          accounts.filter((a) => kept.has(a.id)),
          config,
          requested,
        );
        expect(twice).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });
});
