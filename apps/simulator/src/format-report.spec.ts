import { formatReport } from './format-report';
import { SimulationReport } from '@contact-sync/simulation';

const report = (overrides: Partial<SimulationReport>): SimulationReport => ({
  scenario: 'crash',
  seed: 1,
  accounts: 10,
  delivery: { model: 'aws', workerConcurrency: 4 },
  timing: { hazards: [], latencyTails: 0, lostResponses: 0, skewedEvents: 0 },
  eligible: 9,
  updated: 8,
  unchanged: 0,
  skipped: 0,
  skippedBy: {},
  superseded: 1,
  failed: 0,
  lost: 0,
  outOfSync: 0,
  wronglyWritten: 0,
  stuckRuns: 0,
  auditMismatches: 0,
  mistargeted: 0,
  failures: {},
  events: { STARTED: 1 },
  runs: 1,
  verification: { runs: 1, accountKinds: 2, updated: 1 },
  redelivered: 3,
  crashes: 2,
  deadLettered: 0,
  failedEvents: 1,
  apiCalls: { GetAlternateContact: 10 },
  throttled: 0,
  retries: 0,
  simulatedSeconds: 75,
  floorSeconds: 60,
  efficiency: 0.8,
  longestInvocationSeconds: 40,
  firstWriteSeconds: 20,
  tailSeconds: 0.5,
  notifications: { total: 1, high: 0, normal: 1 },
  auditEntries: 9,
  cpuMs: 10,
  wallMs: 12,
  ...overrides,
});

describe('the human report', () => {
  it('says how delivery went and that every promise held', () => {
    const text = formatReport(report({}));
    expect(text).toContain('  Delivery          as AWS delivers, 4 workers; redelivered 3, crashes 2, dead-lettered 0, failed events 1');
    expect(text).toContain('superseded 1, failed 0, lost 0');
    expect(text).toContain('  Writes in doubt   2 account-kinds read again by 1 verification run(s), 1 written again');
    expect(text).toContain('  Runs and audit    every run finished and notified; the audit matches the writes made');
    expect(text).toMatch(/\n {2}Result {12}PASSED: nothing lost, nothing out of sync, every run finished, the audit matches$/);
  });

  it('says a run that never finished failed the simulation, and marks a report cut short by Ctrl-C as partial', () => {
    expect(formatReport(report({ stuckRuns: 1 }))).toMatch(/\n {2}Result {12}FAILED: 1 run\(s\) never finished$/);
    const interrupted = formatReport(report({ interrupted: true }));
    expect(interrupted).toMatch(/^Contact Sync simulation: crash \(seed 1\): INTERRUPTED, a partial report of what was done\n/);
    expect(interrupted).toMatch(/\n {2}Result {12}INTERRUPTED \(Ctrl-C\): runs still open were left as they were$/);
  });

  it('names each broken promise with its count', () => {
    const text = formatReport(
      report({ stuckRuns: 2, auditMismatches: 3, outOfSync: 4, delivery: { model: 'ideal', workerConcurrency: 1 } }),
    );
    expect(text).toContain('4 account-kinds differ');
    expect(text).toContain('2 run(s) not finished or not notified; 3 audit entries disagree with the writes made');
    expect(text).toContain('ideal (one worker, ordered queue)');
  });

  it('says which hostile timings were on and how often each struck', () => {
    expect(formatReport(report({}))).toContain('  Timing            calm (no latency tails, lost responses or clock skew)');
    const timing = { hazards: ['latency-tails', 'clock-skew'] as const, latencyTails: 12, lostResponses: 0, skewedEvents: 4 };
    expect(formatReport(report({ timing }))).toContain(
      '  Timing            latency-tails, clock-skew: 12 requests held up to 5 min, 0 responses lost after the write, 4 events with eventTime skewed',
    );
  });

  it('fails the simulation on a write to an account-kind the rules left out, and says what it means', () => {
    const text = formatReport(report({ wronglyWritten: 2 }));
    expect(text).toContain('2 writes to account-kinds left out (dry run, kind not synced, id, OU or tag rule) when sent');
    expect(text).toMatch(/\n {2}Result {12}FAILED: 2 written in error$/);
    expect(formatReport(report({}))).toContain('no write to an account-kind the rules left out when it was sent');
  });

  it('counts the skips by reason and rule, and says whether the targeting held', () => {
    const text = formatReport(report({ skippedBy: { 'EXCLUDED_BY_OU ou-sim0-sandboxes': 12, EXCLUDED_BY_ID: 1 }, mistargeted: 0 }));
    expect(text).toMatch(/\n {4}EXCLUDED_BY_OU ou-sim0-sandboxes +12\n {4}EXCLUDED_BY_ID +1\n/);
    expect(text).toContain('every account skipped for the reason its OUs, tags and id give, and no other written');
    expect(formatReport(report({ mistargeted: 5 }))).toContain(
      '5 account-kinds skipped for the wrong reason, or written although left out',
    );
  });
});
