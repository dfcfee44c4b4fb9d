import { DEFAULT_ORGANIZATION } from '@contact-sync/simulated-aws';
import { ScenarioName } from './scenarios';
import { runSimulation, SimulationReport } from './simulation';

const SEEDS = [7, 8, 9];
const simulate = (scenario: ScenarioName, seed: number): Promise<SimulationReport> =>
  runSimulation({ scenario, organization: { ...DEFAULT_ORGANIZATION, members: 300 }, seed });
const promises = (r: SimulationReport) => ({
  outOfSync: r.outOfSync,
  lost: r.lost,
  stuckRuns: r.stuckRuns,
  auditMismatches: r.auditMismatches,
  mistargeted: r.mistargeted,
});
const KEPT = { outOfSync: 0, lost: 0, stuckRuns: 0, auditMismatches: 0, mistargeted: 0 };

describe('the hostile scenarios keep every promise (300 accounts, AWS delivery)', () => {
  it.each(SEEDS)('overlap, seed %i: the older SECURITY run is superseded, the newer value and the BILLING deletion win', async (seed) => {
    const r = await simulate('overlap', seed);
    expect(promises(r)).toEqual(KEPT);
    expect(r.superseded).toBeGreaterThan(0);
    expect(r.failed).toBe(0);
    expect(r.runs).toBe(4);
  });

  it.each(SEEDS)(
    'crash, seed %i: environments die at every step and the run still finishes, reported and notified (at least once: a crash between sending and recording the notification sends it again)',
    async (seed) => {
      const r = await simulate('crash', seed);
      expect(promises(r)).toEqual(KEPT);
      expect(r.crashes).toBeGreaterThan(0);
      expect(r.redelivered).toBeGreaterThan(0);
      expect(r.updated).toBe(r.eligible);
      expect(r.notifications.total).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(SEEDS)('outage, seed %i: ten seconds of failing calls cost time, not failures', async (seed) => {
    const r = await simulate('outage', seed);
    expect(promises(r)).toEqual(KEPT);
    expect(r.failed).toBe(0);
    expect(r.updated).toBe(r.eligible);
  });

  it.each(SEEDS)('chaos, seed %i: everything at once', async (seed) => {
    const r = await simulate('chaos', seed);
    expect(promises(r)).toEqual(KEPT);
    expect(r.crashes + r.redelivered).toBeGreaterThan(0);
    expect(r.superseded).toBeGreaterThan(0);
    // The service's own member writes (both key cases) and a member's own write were refused as such.
    expect(r.events['REJECTED_MEMBER_ACCOUNT_TARGET']).toBeGreaterThanOrEqual(1);
    expect(r.events['REJECTED_NOT_MANAGEMENT_ACCOUNT']).toBeGreaterThanOrEqual(1);
  });
});
