import { DEFAULT_LAUNCH_OPTIONS, syncConfigOf } from '@contact-sync/domain';
import { createSimulatedAws } from '@contact-sync/composition';
import { generateAccounts, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeployedSystem } from './deployed-system';
import { changeOnManagement } from './scenario-run';
import { PROMISES_KEPT, settle } from './invariants';
import { CRASH_RATES } from './scenarios';

const MEMBERS = 3000;
/** 3,000 accounts are 150 ListAccounts pages, 15 s at 10 a second: three slices of 5 s. */
const SLICE_MS = 5_000;

async function launchInSlices(seed: number, crashes: boolean) {
  const random = new SeededRandom(seed);
  const spec = { members: MEMBERS, drift: 0.3, unset: 0.1 };
  const config = syncConfigOf({});
  const sim = createSimulatedAws({
    accounts: generateAccounts(spec, random),
    seed: seed + 1,
    config,
    organizations: { listAccountsPerSecond: 10 },
  });
  seedContacts(sim.model, spec, random, sim.time.now());
  const model = {
    ...AWS_DELIVERY,
    launch: { ...DEFAULT_LAUNCH_OPTIONS, sliceMs: SLICE_MS },
    ...(crashes ? { crashRates: CRASH_RATES } : {}),
  };
  const system = new DeployedSystem(sim, config.rates, model);
  await sim.time.run(() =>
    system.runUntilQuiet(async () => {
      changeOnManagement({ sim, random }, system, 'SECURITY', '.new', 'evt-1');
    }),
  );
  const quiet = await settle(sim, system, new Set());
  const slices = sim.logger.records.filter((r) => r.message === 'launch continues in a later invocation').length;
  return { quiet, slices, system };
}

describe('a launch longer than one invocation continues in slices', () => {
  it('lists and enqueues in bounded slices that the sweeper carries on, and every eligible member is synced', async () => {
    const { quiet, slices, system } = await launchInSlices(3, false);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
    expect(slices).toBeGreaterThanOrEqual(2);
    const [run] = quiet.runs;
    expect(run?.report?.status).toBe('SUCCEEDED');
    expect(quiet.outcomes).toHaveLength(run?.targetCount ?? -1);
    expect(run?.targetCount).toBeGreaterThan(2900);
    // The start function's timeout is 120 s; no invocation comes near it.
    expect(system.stats.longestInvocationMs).toBeLessThan(60_000);
  });

  it.each([11, 12, 13])('keeps every promise when environments die between and inside slices (seed %i)', async (seed) => {
    const { quiet, system } = await launchInSlices(seed, true);
    expect(system.stats.crashes).toBeGreaterThan(0);
    expect(quiet.invariants).toEqual(PROMISES_KEPT);
  });
});
