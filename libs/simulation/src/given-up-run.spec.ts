import { CARRY_ON_INITIATOR, carryOnRunIdFor, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { generateAccounts, SeededRandom, seedContacts, VirtualTime } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { PROMISES_KEPT, settle } from './invariants';
import { changeOnManagement } from './scenario-run';

const HOUR = 3_600_000;
/** When every simulation's clock starts. */
const START = new VirtualTime().now();

describe('a run given up while it holds its kind', () => {
  it('has its kind carried on by a run of its own, which brings every member in line once the fault clears', async () => {
    // Account Management answers nothing for 8 hours: the change's run claims SECURITY (stopping every
    // older run of it) but never reads the management account, and the sweeper gives it up after its
    // 8 re-drives (45 minutes each). Without a carry-on, SECURITY would wait for the daily resync.
    const random = new SeededRandom(41);
    const spec = { members: 12, drift: 1, unset: 0 };
    const accounts = generateAccounts(spec, random).map((a) => ({ ...a, state: 'ACTIVE' as const }));
    const config = syncConfigOf({ kinds: ['SECURITY'] });
    const sim = createSimulatedAws({ accounts, seed: 42, config, behaviour: { outages: [[START, START + 8 * HOUR]] } });
    seedContacts(sim.model, spec, random, sim.time.now());
    const system = new DeployedSystem(sim, config.rates, { ...AWS_DELIVERY, eventDuplicateRate: 0 });
    await sim.time.run(() =>
      system.runUntilQuiet(async () => void changeOnManagement({ sim, random }, system, 'SECURITY', '.v1', 'evt-1')),
    );
    const quiet = await settle(sim, system, new Set());
    const given = quiet.runs.find((r) => r.runId === 'chg-evt-1');
    expect(given?.report).toMatchObject({ status: 'FAILED', launchIncomplete: true });
    const carried = quiet.runs.find((r) => r.runId === carryOnRunIdFor('chg-evt-1'));
    expect(carried).toMatchObject({ trigger: 'RECONCILE', initiator: CARRY_ON_INITIATOR, kinds: ['SECURITY'], status: 'FINISHED' });
    expect(carried?.report?.updated).toBeGreaterThan(0);
    expect(Date.parse(carried?.report?.finishedAt ?? '')).toBeGreaterThan(START + 8 * HOUR);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
  });
});
