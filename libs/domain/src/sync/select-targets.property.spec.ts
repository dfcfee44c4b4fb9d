import fc from 'fast-check';
import { syncConfigOf } from '../config/sync-config';
import { organizationArb } from '../testing/arbitraries';
import { exclusionReason } from './select-targets';

/** An organization, and the accounts its configuration excludes. */
const scenarioArb = organizationArb(30).chain((accounts) =>
  fc.record({
    accounts: fc.constant(accounts),
    excluded: fc.subarray(accounts.map((a) => a.id)),
  }),
);

describe('Property 6: configuration-based filtering', () => {
  it('leaves out exactly the excluded, non-ACTIVE and management accounts, with the first reason that holds', () => {
    fc.assert(
      fc.property(scenarioArb, ({ accounts, excluded }) => {
        const config = syncConfigOf({ excludedAccountIds: excluded });
        for (const account of accounts) {
          const expected = account.isManagement
            ? 'MANAGEMENT_ACCOUNT'
            : account.state !== 'ACTIVE'
              ? 'NOT_ACTIVE'
              : excluded.includes(account.id)
                ? 'EXCLUDED_BY_ID'
                : undefined;
          expect(exclusionReason(account, config)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
