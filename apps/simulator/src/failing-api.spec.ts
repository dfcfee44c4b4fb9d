import { DEFAULT_ORGANIZATION } from '@contact-sync/simulated-aws';
import { formatReport, promisesHeld } from './format-report';
import { runSimulation } from '@contact-sync/simulation';

// `--fault-rate 1`: every Account Management call fails. Nothing can be synced, and that is reported as
// runs that never finished and members out of sync (exit 1), not thrown as a crash.
describe('a simulation in which every API call fails', () => {
  it.each(['change-security', 'reconcile-drift'] as const)('%s reports its runs as never finished', async (scenario) => {
    // The simulator gives up after a week of virtual time; six hours of sweeps retrying say as much.
    const report = await runSimulation({
      scenario,
      organization: { ...DEFAULT_ORGANIZATION, members: 12 },
      seed: 3,
      faultRate: 1,
      delivery: { maxSimulatedMs: 6 * 3_600_000 },
    });
    expect(report).toMatchObject({ updated: 0, lost: 0, wronglyWritten: 0, auditMismatches: 0 });
    // The members the change (or the reconcile) concerns were never brought in line, and the check says so.
    expect(report.outOfSync).toBeGreaterThan(0);
    expect(report.stuckRuns).toBeGreaterThan(0);
    expect(report.simulatedSeconds).toBeGreaterThanOrEqual(6 * 3600);
    expect(promisesHeld(report)).toBe(false);
    expect(formatReport(report)).toMatch(/Result {12}FAILED: \d+ out of sync, \d+ run\(s\) never finished$/);
  });

  it('stops at once when asked, with a partial report', async () => {
    const stop = new AbortController();
    stop.abort();
    const report = await runSimulation({
      scenario: 'change-security',
      organization: { ...DEFAULT_ORGANIZATION, members: 12 },
      seed: 3,
      faultRate: 1,
      stop: stop.signal,
    });
    expect(report.interrupted).toBe(true);
    expect(report.simulatedSeconds).toBeLessThan(3600);
    expect(promisesHeld(report)).toBe(false);
  });
});
