import { ClockPort } from '../../ports/clock.port';
import { heldKinds, SyncRun } from '../../sync/sync-run';
import { isWalkCursor } from '../../organization/organization-walk';
import { TargetingRules } from '../../targeting/targeting-rules';
import { DescribeDeps, DescribedListing } from './described-listing';
import { ListedAccounts } from './listed-accounts';
import { ListingStrategy } from './listing-strategy';
import { PagedListing } from './paged-listing';

/** What choosing and running a listing needs. */
export interface ListingDeps extends DescribeDeps {
  readonly clock: ClockPort;
}

/**
 * The listing a run's launch carries on with: a describe of the accounts an onboarding names; else
 * a walk of the tree when OU rules apply (so that each account comes with the OUs above it); else
 * flat ListAccounts pages. The first slice chooses; later ones follow the stored cursor, so that OU
 * rules added mid-listing apply from the next run. `at` dates the skips of a describe.
 */
export function chooseListing(run: SyncRun, deps: ListingDeps, rules: TargetingRules, at: string): ListingStrategy {
  const listing = new ListedAccounts(run.runId, heldKinds(run), rules, at);
  if (run.onlyAccounts) return new DescribedListing(deps, [...new Set(run.onlyAccounts)], rules, listing);
  const walking = run.listCursor !== undefined ? isWalkCursor(run.listCursor) : rules.hasUnitRules;
  if (rules.hasUnitRules && !walking)
    deps.logger.warn('OU rules were added while this run was listing: they apply from the next run', { runId: run.runId });
  return new PagedListing(walking ? 'TREE_WALK' : 'FLAT', deps.organization, deps.structure, listing, deps.clock, run.listCursor);
}
