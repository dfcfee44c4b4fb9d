import { ContactKind, SyncConfigInput, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { OrganizationChanges } from './organization-changes';
import { changeOnManagement } from './scenario-run';

/** 200 members are ten pages of 20, a tenth of a second apart: a launch is between pages for a second. */
const MEMBERS = 200;
/** An OU the walk lists accounts into (left in), and one the configuration leaves out so that launches walk the tree. */
const OTHER_OU = 'ou-s1m0-projects';
const EXCLUDED_OU = 'ou-s1m0-excluded';

/** Active members all in the root, two empty OUs, and the deployed system. */
function world(input: SyncConfigInput) {
  const random = new SeededRandom(31);
  const spec = { members: MEMBERS, drift: 0, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf(input);
  const sim = createSimulatedAws({ accounts, seed: 32, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  sim.model.tree.addUnit(OTHER_OU);
  sim.model.tree.addUnit(EXCLUDED_OU);
  const system = new DeployedSystem(sim, config.rates, AWS_DELIVERY);
  const changes = new OrganizationChanges(sim, system);
  const change = (kind: ContactKind) => changeOnManagement({ sim, random }, system, kind, '.new', 'evt-1');
  return { sim, system, changes, change };
}

/** Waits (in virtual time, a tenth of the pacing between pages) until `calls()` list calls were answered. */
async function afterPages(sim: ReturnType<typeof world>['sim'], calls: () => number, pages: number): Promise<void> {
  while (calls() < pages) await sim.time.sleep(10);
}

/**
 * Issue 24, "an account leaves the part of a listing already read": a launch lists the members page
 * by page, and between two pages a member it listed already leaves the listing. The pages after it
 * must not skip a member that never moved: judged against every ACTIVE member the final
 * configuration leaves in, listed or not.
 */
describe('an account leaves the part of a listing already read while a launch is between pages', () => {
  it('ListAccounts: a listed member removed from the organization shifts nothing; every member that stayed is synced', async () => {
    const { sim, system, change } = world({});
    const listed = sim.model.listAccounts().filter((a) => !a.isManagement);
    const leaving = listed[1]?.id as string;
    let pagesBefore = Infinity;
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        change('SECURITY');
        await afterPages(sim, () => sim.organizationsService.listAccountsCalls, 3);
        sim.model.removeAccount(leaving);
        pagesBefore = sim.organizationsService.listAccountsCalls;
      }),
    );
    const quiet = await settle(sim, system, new Set());
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(sim.model.account(leaving)).toBeUndefined();
    // The launch was between pages: it went on listing after the removal.
    expect(sim.organizationsService.listAccountsCalls).toBeGreaterThan(pagesBefore);
  });

  it('ListAccountsForParent: a listed member moved out of the root shifts nothing; every member that stayed is synced', async () => {
    const { sim, system, changes, change } = world({ excludedOrganizationalUnits: [EXCLUDED_OU] });
    const root = sim.model.tree.rootId;
    const leaving = sim.model.tree.accountsUnder(root).find((id) => id !== sim.model.managementAccountId) as string;
    let pagesBefore = Infinity;
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        change('BILLING');
        await afterPages(sim, () => sim.organizationsService.calls.ListAccountsForParent, 3);
        changes.move(leaving, OTHER_OU);
        pagesBefore = sim.organizationsService.calls.ListAccountsForParent;
      }),
    );
    const quiet = await settle(sim, system, new Set());
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(sim.model.tree.parentOf(leaving)).toBe(OTHER_OU);
    // The launch's walk was between pages of the root: it went on listing after the move.
    expect(sim.organizationsService.calls.ListAccountsForParent).toBeGreaterThan(pagesBefore + 1);
  });
});
