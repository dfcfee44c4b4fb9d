import { createSimulatedAws } from '@contact-sync/composition';
import { syncConfigOf } from '@contact-sync/domain';
import { FUNCTION_GRANTS, FunctionName, functionGrants, Grants, grantsOf } from '@contact-sync/functions';
import { generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { settle } from './invariants';
import { changeOnManagement } from './scenario-run';

// Issue 26: a call a function's role does not grant is a deploy-time fault. Each simulated Lambda
// environment calls Account Management and Organizations with its function's grants (grants.json,
// which a spec of the packaged stack holds equal to the roles), so that a simulation run with a grant
// taken away shows the refused calls, as the deployed stack would.

const MEMBERS = 12;
const PROD = 'ou-sim0-prod0001';
const SANDBOX = 'ou-sim0-sandbox01';
/** Members placed in SANDBOX, which the rules exclude. */
const IN_SANDBOX = 3;

/** The stack's grants, with `action` taken from `name`'s role. */
const without =
  (name: FunctionName, action: string) =>
  (fn: FunctionName): Grants =>
    fn === name ? grantsOf(FUNCTION_GRANTS[fn].filter((a) => a !== action)) : functionGrants(fn);

/**
 * A SECURITY change on the management account, carried to the members under an OU rule by a system
 * whose functions have `grants`; what it wrote, its outcomes (`status reason`), and every call IAM refused.
 */
async function changeWithRules(grants: (name: FunctionName) => Grants = functionGrants) {
  const random = new SeededRandom(26);
  const spec = { members: MEMBERS, drift: 0, unset: 0 };
  const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
  const config = syncConfigOf({ kinds: ['SECURITY'], excludedOrganizationalUnits: [SANDBOX] });
  const sim = createSimulatedAws({ accounts, seed: 27, config });
  seedContacts(sim.model, spec, random, sim.time.now());
  sim.model.tree.addUnit(PROD);
  sim.model.tree.addUnit(SANDBOX);
  const members = accounts.filter((a) => !a.isManagement).map((a) => a.id);
  members.forEach((id, i) => sim.model.tree.place(id, i < IN_SANDBOX ? SANDBOX : PROD));
  // Every call a function's grants refuse, by function and action (the grants are asked before the service answers).
  const refused = new Set<string>();
  const asked = new Set<string>();
  const recording = (name: FunctionName): Grants => {
    const allows = grants(name);
    return (action) => {
      asked.add(`${name} ${action}`);
      return allows(action) || (refused.add(`${name} ${action}`), false);
    };
  };
  const delivery = { ...AWS_DELIVERY, sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0 }, eventDuplicateRate: 0 };
  const system = new DeployedSystem(sim, config.rates, delivery, recording);
  await sim.time.run(() => system.runUntilQuiet(async () => void changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1')));
  const quiet = await settle(sim, system, new Set());
  const outcomes = quiet.outcomes.map((o) => [o.status, o.skipReason ?? o.errorCode ?? ''].join(' ')).sort();
  const prod = members.slice(IN_SANDBOX);
  return { sim, system, quiet, prod, outcomes, refused: [...refused].sort(), asked: [...asked].sort() };
}

/** The outcomes of `prod` members each `status`, and the SANDBOX members' skips. */
const expected = (prod: readonly string[], status: string) =>
  [...prod.map(() => status), ...Array<string>(IN_SANDBOX).fill('SKIPPED EXCLUDED_BY_OU')].sort();

describe('each simulated function calls Account Management and Organizations with its own role’s grants', () => {
  it('with the stack’s grants, nothing is refused and the change reaches every member the rules let in', async () => {
    const { system, prod, outcomes, refused, quiet, asked } = await changeWithRules();
    expect(refused).toEqual([]);
    // Each environment asked its own function's grants, for every call the change made.
    expect(asked).toEqual([
      'accountWorker account:GetAlternateContact',
      'accountWorker account:PutAlternateContact',
      'accountWorker organizations:ListParents',
      'contactChange account:GetAlternateContact',
      'contactChange organizations:DescribeOrganization',
      'contactChange organizations:ListAccountsForParent',
      'contactChange organizations:ListOrganizationalUnitsForParent',
      'contactChange organizations:ListRoots',
    ]);
    expect(system.applied.map((w) => w.accountId).sort()).toEqual([...prod].sort());
    expect(outcomes).toEqual(expected(prod, 'UPDATED '));
    expect(quiet.runs.map((r) => r.report?.status)).toEqual(['SUCCEEDED']);
  });

  it('without the worker’s organizations:ListParents, each check before a write is refused, and the worker fails closed', async () => {
    const { system, prod, outcomes, refused } = await changeWithRules(without('accountWorker', 'organizations:ListParents'));
    expect(refused).toEqual(['accountWorker organizations:ListParents']);
    expect(system.applied).toEqual([]);
    // The launch's tree walk (contactChange's role grants it) leaves SANDBOX out; the worker cannot tell where the others are.
    expect(outcomes).toEqual(expected(prod, 'FAILED PARENTS_UNREADABLE'));
  });

  it('without the worker’s account:PutAlternateContact, every write the rules let in is refused ACCESS_DENIED', async () => {
    const { system, prod, outcomes, refused } = await changeWithRules(without('accountWorker', 'account:PutAlternateContact'));
    expect(refused).toEqual(['accountWorker account:PutAlternateContact']);
    expect(system.applied).toEqual([]);
    expect(outcomes).toEqual(expected(prod, 'FAILED ACCESS_DENIED'));
  });

  it('without the start function’s organizations:ListRoots, its launch fails on every delivery, and the sweeper’s replay launches the run', async () => {
    const { system, prod, outcomes, refused, sim } = await changeWithRules(without('contactChange', 'organizations:ListRoots'));
    expect(refused).toEqual(['contactChange organizations:ListRoots']);
    // The first delivery and Lambda's two retries each fail, and the event goes to the failure destination.
    expect(system.stats).toMatchObject({ eventDeliveries: 3, handlerErrors: 3, failedEvents: 1 });
    expect(sim.logger.records.filter((r) => r.message.startsWith('start failed'))).toHaveLength(3);
    // The sweeper's role grants the walk: its replay of the failed event launches the run.
    expect(sim.logger.records.filter((r) => r.message === 'failed events replayed').map((r) => r.fields?.['replayed'])).toEqual([1]);
    expect(outcomes).toEqual(expected(prod, 'UPDATED '));
    expect(system.applied).toHaveLength(prod.length);
  });
});
