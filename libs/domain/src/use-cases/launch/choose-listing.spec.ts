import { syncConfigOf } from '../../config/sync-config';
import { createdRun } from '../../sync/run-lifecycle';
import { SyncRun } from '../../sync/sync-run';
import { TargetingRules } from '../../targeting/targeting-rules';
import { PagedOrganization, RecordingLogger } from '../../testing/launch-doubles';
import { ManualTime } from '../../testing/manual-time';
import { TreeOrganization, unitIdOf } from '../../testing/organization-tree';
import { chooseListing } from './choose-listing';

const AT = '2026-12-01T10:00:00.000Z';
const WALK_CURSOR = 'tree:{"u":[["r-test",-1]],"i":0,"p":"a"}';
const run = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  ...createdRun(
    { runId: 'run-1', trigger: 'CHANGE', initiator: 'test', kinds: ['SECURITY'], requestedAt: AT, supersedes: true, dryRun: false },
    AT,
  ),
  launch: 'CLAIMED',
  generations: { SECURITY: 1 },
  ...overrides,
});

function choose(subject: SyncRun, ouRules: boolean) {
  const logger = new RecordingLogger();
  const deps = {
    organization: new PagedOrganization([]),
    structure: new TreeOrganization({ rootId: 'r-test', units: [], placement: {}, tags: {} }, []),
    sleeper: new ManualTime(),
    clock: new ManualTime(),
    logger,
  };
  const rules = new TargetingRules(syncConfigOf(ouRules ? { excludedOrganizationalUnits: [unitIdOf(0)] } : {}));
  const listing = chooseListing(subject, deps, rules, AT);
  return { kind: listing.kind, paged: listing.paged, warned: logger.lines.map((l) => l.message) };
}

describe('chooseListing', () => {
  it('describes the accounts an onboarding names, whatever the rules', () => {
    expect(choose(run({ onlyAccounts: ['200000000001'] }), true)).toEqual({ kind: 'DESCRIBE', paged: false, warned: [] });
  });

  it('walks the tree when OU rules apply, and lists flat ListAccounts pages when none does', () => {
    expect(choose(run(), true)).toEqual({ kind: 'TREE_WALK', paged: true, warned: [] });
    expect(choose(run(), false)).toEqual({ kind: 'FLAT', paged: true, warned: [] });
  });

  it('follows the stored cursor of a listing under way: OU rules added meanwhile apply from the next run, and it says so', () => {
    expect(choose(run({ listCursor: '40' }), true)).toEqual({
      kind: 'FLAT',
      paged: true,
      warned: ['OU rules were added while this run was listing: they apply from the next run'],
    });
    expect(choose(run({ listCursor: WALK_CURSOR }), false)).toEqual({ kind: 'TREE_WALK', paged: true, warned: [] });
  });
});
