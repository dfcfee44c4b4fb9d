import fc from 'fast-check';
import { syncConfigOf } from '../config/sync-config';
import { organizationArb } from '../testing/arbitraries';
import { targetingInputArb, treeArb, TreeSpec } from '../testing/organization-tree';
import { TargetingRules } from './targeting-rules';

const caseArb = organizationArb(10).chain((accounts) => {
  const ids = accounts.map((a) => a.id);
  return treeArb(ids).chain((tree) => fc.record({ ids: fc.constant(ids), tree: fc.constant(tree), input: targetingInputArb(tree, ids) }));
});

const unitsAbove = (tree: TreeSpec, id: string): string[] => {
  const units: string[] = [];
  for (let at = tree.placement[id]; at !== undefined; at = tree.units.find((u) => u.id === at)?.parent) units.unshift(at);
  return units;
};

describe('Targeting: an exclusion always wins', () => {
  it('an account matched by an exclusion (its id, an OU above it at any depth, a tag) is never targeted, whatever is included', () => {
    fc.assert(
      fc.property(caseArb, ({ ids, tree, input }) => {
        const rules = new TargetingRules(syncConfigOf(input));
        for (const id of ids) {
          const units = unitsAbove(tree, id);
          const tags = tree.tags[id] ?? {};
          const byIdOrUnit =
            (input.excludedAccountIds ?? []).includes(id) || units.some((u) => (input.excludedOrganizationalUnits ?? []).includes(u));
          const byTag = (input.excludedTags ?? []).some((r) => r.key in tags && (r.value === undefined || tags[r.key] === r.value));
          // Inclusions this account meets: one of the OUs above it, one of its tags.
          const welcoming = new TargetingRules(
            syncConfigOf({
              ...input,
              includedOrganizationalUnits: units.slice(0, 1),
              includedTags: Object.keys(tags)
                .slice(0, 1)
                .map((key) => ({ key })),
            }),
          );
          const decision = rules.decide(id, units, tags);
          const welcomed = welcoming.decide(id, units, tags);
          if (byIdOrUnit || byTag) {
            expect(decision).toBeDefined();
            expect(welcomed?.reason).toMatch(/^EXCLUDED_BY_(ID|OU|TAG)$/);
          } else expect(welcomed).toBeUndefined();
          // The id and the OUs are checked before the tags: their exclusions are the reason.
          if (byIdOrUnit) expect(decision?.reason).toMatch(/^EXCLUDED_BY_(ID|OU)$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
