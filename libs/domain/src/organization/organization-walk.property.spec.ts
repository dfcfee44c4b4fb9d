import fc from 'fast-check';
import { MemberAccount } from '../accounts/member-account';
import { organizationArb } from '../testing/arbitraries';
import { TreeOrganization, treeArb, TreeSpec } from '../testing/organization-tree';
import { PlacedAccountPage, unitsAboveAccount, walkOrganization } from './organization-walk';

/** An organization, a tree over its accounts, a page size, and where a walk is cut off (a fraction of its pages). */
const walkCaseArb = organizationArb(12).chain((accounts) =>
  fc.record({
    accounts: fc.constant(accounts),
    tree: treeArb(
      accounts.map((a) => a.id),
      10,
    ),
    pageSize: fc.integer({ min: 1, max: 4 }),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
  }),
);

/** The OUs above an account as the spec says, outermost first, by following parents (not the walk's own bookkeeping). */
function expectedUnits(tree: TreeSpec, account: MemberAccount): string[] {
  const units: string[] = [];
  for (let at = tree.placement[account.id]; at !== undefined; at = tree.units.find((u) => u.id === at)?.parent) units.unshift(at);
  return units;
}

async function pagesOf(walk: AsyncIterable<PlacedAccountPage>, limit = Number.POSITIVE_INFINITY): Promise<PlacedAccountPage[]> {
  const pages: PlacedAccountPage[] = [];
  for await (const page of walk) {
    pages.push(page);
    if (pages.length >= limit) break;
  }
  return pages;
}

describe('Walking the organization tree', () => {
  it('lists every account once with the OUs above it, at one call per page of each OU, and resumes from any cursor', async () => {
    await fc.assert(
      fc.asyncProperty(walkCaseArb, async ({ accounts, tree, pageSize, cuts }) => {
        const organization = new TreeOrganization(tree, accounts, pageSize);
        // Cut off after some pages and carried on from the cursor of the last page listed, as a launch's slices are.
        const listed: PlacedAccountPage[] = [];
        let cursor: string | undefined;
        for (const cut of cuts) {
          const pages = await pagesOf(walkOrganization(organization, cursor), 1 + Math.floor(cut * 6));
          listed.push(...pages);
          cursor = pages.at(-1)?.next;
          if (cursor === undefined) break;
        }
        if (listed.length === 0 || listed.at(-1)?.next !== undefined)
          listed.push(...(await pagesOf(walkOrganization(organization, cursor))));
        const placed = listed.flatMap((page) => page.accounts);
        expect(placed.map((p) => p.account.id).sort()).toEqual(accounts.map((a) => a.id).sort());
        for (const p of placed) expect(p.units).toEqual(expectedUnits(tree, p.account));
        expect(listed.map((page) => page.next === undefined)).toEqual(listed.map((_, i) => i === listed.length - 1));
        // Per parent (the root and each OU): its pages of accounts and its pages of OUs, at least one each.
        const parents = [tree.rootId, ...tree.units.map((u) => u.id)];
        const pagesFor = (n: number) => Math.max(1, Math.ceil(n / pageSize));
        const accountPages = parents.reduce(
          (n, p) => n + pagesFor(accounts.filter((a) => (tree.placement[a.id] ?? tree.rootId) === p).length),
          0,
        );
        const unitPages = parents.reduce((n, p) => n + pagesFor(tree.units.filter((u) => (u.parent ?? tree.rootId) === p).length), 0);
        expect(organization.calls.accountsUnder).toBe(accountPages);
        expect(organization.calls.unitsUnder).toBe(unitPages);
        expect(organization.calls.parentOf).toBe(0);
        expect(organization.calls.tagsOf).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('gives each page the cursor of the walk as it stood at that page, even when read after the walk went on', async () => {
    await fc.assert(
      fc.asyncProperty(walkCaseArb, fc.double({ min: 0, max: 1, noNaN: true }), async ({ accounts, tree, pageSize }, at) => {
        const organization = new TreeOrganization(tree, accounts, pageSize);
        const pages = await pagesOf(walkOrganization(organization));
        const from = Math.floor(at * (pages.length - 1));
        const cursor = pages[from]?.next;
        const rest = cursor === undefined ? [] : await pagesOf(walkOrganization(organization, cursor));
        const ids = (listed: PlacedAccountPage[]) => listed.flatMap((page) => page.accounts.map((p) => p.account.id));
        expect(ids(rest)).toEqual(ids(pages.slice(from + 1)));
      }),
      { numRuns: 100 },
    );
  });

  it('finds the OUs above one account by asking each level for its parent', async () => {
    await fc.assert(
      fc.asyncProperty(walkCaseArb, async ({ accounts, tree }) => {
        const organization = new TreeOrganization(tree, accounts);
        for (const account of accounts) {
          const before = organization.calls.parentOf;
          const units = await unitsAboveAccount(organization, account.id);
          expect(units).toEqual(expectedUnits(tree, account));
          expect(organization.calls.parentOf - before).toBe((units?.length ?? 0) + 1);
        }
        expect(await unitsAboveAccount(organization, '000000000000')).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});

describe('A stored walk cursor', () => {
  it('that this version did not write is refused with a stable code', async () => {
    const organization = new TreeOrganization({ rootId: 'r-test', units: [], placement: {}, tags: {} }, []);
    for (const bad of [
      'page:20',
      'tree:{',
      'tree:{"u":[],"i":0,"p":"a"}',
      'tree:{"u":[["r",-1]],"i":3,"p":"a"}',
      'tree:{"u":[["r",0]],"i":0,"p":"a"}',
    ])
      await expect(pagesOf(walkOrganization(organization, bad))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
