import { syncConfigOf } from '../../config/sync-config';
import { isWalkCursor } from '../../organization/organization-walk';
import { TargetingRules } from '../../targeting/targeting-rules';
import { PagedOrganization } from '../../testing/launch-doubles';
import { ManualTime } from '../../testing/manual-time';
import { activeMember } from '../../testing/member';
import { TreeOrganization, unitIdOf } from '../../testing/organization-tree';
import { ListedAccounts } from './listed-accounts';
import { PAGES_PER_BATCH, PagedListing } from './paged-listing';

const AT = '2026-12-01T10:00:00.000Z';
const ids = (count: number) => Array.from({ length: count }, (_, i) => `2000000${String(i).padStart(5, '0')}`);

function world(accountCount: number, excludedOrganizationalUnits: string[] = []) {
  const time = new ManualTime(Date.parse(AT));
  const accounts = [
    { ...activeMember('100000000000'), isManagement: true },
    ...ids(accountCount).map(activeMember),
    { ...activeMember('300000000000'), state: 'SUSPENDED' as const },
  ];
  const organization = new PagedOrganization(accounts, 2);
  const tree = { rootId: 'r-test', units: [{ id: unitIdOf(0) }], placement: { [ids(1)[0] as string]: unitIdOf(0) }, tags: {} };
  const structure = new TreeOrganization(tree, accounts, 2);
  const rules = new TargetingRules(syncConfigOf({ excludedOrganizationalUnits }));
  const listing = (kind: 'FLAT' | 'TREE_WALK', cursor?: string) =>
    new PagedListing(kind, organization, structure, new ListedAccounts('run-1', ['SECURITY'], rules, AT), time, cursor);
  return { time, organization, structure, listing };
}

describe('PagedListing', () => {
  it('lists flat ListAccounts pages, ACTIVE members only, until the listing ends, with the cursor of the rest', async () => {
    const w = world(5);
    const batch = await w.listing('FLAT').next(Number.POSITIVE_INFINITY);
    expect(batch).toEqual({ ids: ids(5), skips: [], listCursor: undefined, ended: true });
    expect([w.organization.pagesServed, w.structure.calls.accountsUnder]).toEqual([4, 0]);
  });

  it('ends a batch after its first page once the batch time is up, and at most PAGES_PER_BATCH pages; the next carries on from its cursor', async () => {
    const w = world(2 * PAGES_PER_BATCH + 10);
    w.organization.beforePage = () => w.time.advance(1_000);
    const listing = w.listing('FLAT');
    const first = await listing.next(w.time.now());
    expect(first).toMatchObject({ ids: ids(1), listCursor: '2', ended: false });
    const second = await listing.next(Number.POSITIVE_INFINITY);
    expect(second.ids).toHaveLength(2 * PAGES_PER_BATCH);
    expect(second).toMatchObject({ listCursor: String(2 + 2 * PAGES_PER_BATCH), ended: false });
    const resumed = await w.listing('FLAT', second.listCursor).next(Number.POSITIVE_INFINITY);
    expect(resumed).toMatchObject({ ids: ids(2 * PAGES_PER_BATCH + 10).slice(2 * PAGES_PER_BATCH + 1), ended: true });
  });

  it('walks the tree for OU rules, each account with the OUs above it, a walk cursor between batches, and skips for an excluded OU', async () => {
    const w = world(3, [unitIdOf(0)]);
    const listing = w.listing('TREE_WALK');
    const first = await listing.next(w.time.now());
    expect(isWalkCursor(first.listCursor)).toBe(true);
    let batch = first;
    const listed = [...first.ids];
    const skips = [...first.skips];
    while (!batch.ended) {
      batch = await listing.next(Number.POSITIVE_INFINITY);
      listed.push(...batch.ids);
      skips.push(...batch.skips);
    }
    expect(listed.sort()).toEqual(ids(3));
    expect(skips).toEqual([expect.objectContaining({ accountId: ids(1)[0], skipReason: 'EXCLUDED_BY_OU', skipRule: unitIdOf(0) })]);
    expect(w.organization.pagesServed).toBe(0);
  });
});
