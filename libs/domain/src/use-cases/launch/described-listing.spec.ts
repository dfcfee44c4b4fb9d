import { syncConfigOf } from '../../config/sync-config';
import { OrganizationStructurePort } from '../../ports/organization-structure.port';
import { DomainError } from '../../shared/domain-error';
import { TargetingRules } from '../../targeting/targeting-rules';
import { PagedOrganization, RecordingLogger } from '../../testing/launch-doubles';
import { ManualTime } from '../../testing/manual-time';
import { activeMember } from '../../testing/member';
import { TreeOrganization, unitIdOf } from '../../testing/organization-tree';
import { DescribedListing, JOINING_READ_ATTEMPTS } from './described-listing';
import { ListedAccounts } from './listed-accounts';

const AT = '2026-12-01T10:00:00.000Z';
const [JOINED, MOVED, GONE] = ['200000000001', '200000000002', '200000000003'];

function world(excludedOrganizationalUnits: string[] = []) {
  const time = new ManualTime(Date.parse(AT));
  const accounts = [activeMember(JOINED), activeMember(MOVED), { ...activeMember('300000000000'), state: 'SUSPENDED' as const }];
  const organization = new PagedOrganization(accounts);
  const tree = new TreeOrganization(
    { rootId: 'r-test', units: [{ id: unitIdOf(0) }], placement: { [MOVED]: unitIdOf(0) }, tags: {} },
    accounts,
  );
  const refusedParents = new Set<string>();
  const structure: OrganizationStructurePort = {
    rootId: () => tree.rootId(),
    accountsUnder: (parent, cursor) => tree.accountsUnder(parent, cursor),
    unitsUnder: (parent, cursor) => tree.unitsUnder(parent, cursor),
    tagsOf: (id) => tree.tagsOf(id),
    parentOf: async (id) => {
      if (refusedParents.has(id)) throw new DomainError('THROTTLED', 'ListParents was throttled');
      return tree.parentOf(id);
    },
  };
  const logger = new RecordingLogger();
  const rules = new TargetingRules(syncConfigOf({ excludedOrganizationalUnits }));
  const describe = (named: string[]) =>
    new DescribedListing(
      { organization, structure, sleeper: time, logger },
      named,
      rules,
      new ListedAccounts('run-1', ['SECURITY'], rules, AT),
    );
  return { time, organization, refusedParents, logger, describe };
}

describe('DescribedListing', () => {
  it('describes each named account in one batch, leaving out one that is not an ACTIVE member, and never lists the organization', async () => {
    const w = world();
    const batch = await w.describe([JOINED, '300000000000']).next();
    expect(batch).toEqual({ ids: [JOINED], skips: [], listCursor: undefined, ended: true });
    expect(w.organization.pagesServed).toBe(0);
    expect(w.time.sleeps).toEqual([]);
  });

  it('reads the OUs above an account for OU rules, skipping one under an excluded OU', async () => {
    const w = world([unitIdOf(0)]);
    const batch = await w.describe([JOINED, MOVED]).next();
    expect(batch.ids).toEqual([JOINED, MOVED]);
    expect(batch.skips).toEqual([expect.objectContaining({ accountId: MOVED, skipReason: 'EXCLUDED_BY_OU', skipRule: unitIdOf(0) })]);
  });

  it('fails closed: an account or its OUs unreadable after every attempt is listed with its kinds FAILED for that reason', async () => {
    const w = world([unitIdOf(0)]);
    w.organization.unreadable.add(JOINED);
    w.refusedParents.add(MOVED);
    const batch = await w.describe([JOINED, MOVED, GONE]).next();
    expect(batch.ids).toEqual([JOINED, MOVED, GONE]);
    expect(batch.skips.map((s) => [s.accountId, s.status, s.errorCode])).toEqual([
      [JOINED, 'FAILED', 'ACCOUNT_UNREADABLE'],
      [MOVED, 'FAILED', 'PARENTS_UNREADABLE'],
      [GONE, 'FAILED', 'ACCOUNT_UNREADABLE'],
    ]);
    expect(w.organization.described.filter((id) => id === JOINED)).toHaveLength(JOINING_READ_ATTEMPTS);
    // The three accounts wait side by side: 1 s, 2 s and 4 s each.
    expect(w.time.sleeps).toHaveLength(3 * (JOINING_READ_ATTEMPTS - 1));
    expect(w.logger.lines.filter((l) => l.message === 'joining account unreadable')).toHaveLength(2 * JOINING_READ_ATTEMPTS);
  });
});
