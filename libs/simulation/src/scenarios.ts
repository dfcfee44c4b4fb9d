/** The scenarios `npm start -- --scenario` knows. */
export const SCENARIOS = [
  'change-security',
  'change-primary',
  'change-all',
  'new-account',
  'reconcile-drift',
  'overlap',
  'crash',
  'outage',
  'chaos',
  'timing',
  'reshape',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const SCENARIO_HELP: Record<ScenarioName, string> = {
  'change-security': 'the SECURITY contact changes on the management account (default)',
  'change-primary': 'the primary contact (ContactInformation) changes',
  'change-all': 'all four contacts change, one CloudTrail event each',
  'new-account':
    'three accounts join (created, invited, created by Control Tower and enrolled again), each announced by several events: each is onboarded once',
  'reconcile-drift': 'a dry-run plan of the drift, then a reconcile run that repairs it',
  overlap: 'SECURITY changes twice while the first run is in flight; BILLING is set, then deleted (deletions propagated)',
  crash: 'change-security while Lambda environments die at every step (after claims, mid-enqueue, after writes, in the finisher)',
  outage: 'change-security with every Account Management call failing for 10 seconds mid-run',
  chaos:
    'overlap and crash together, with 5% transient errors, extra throttling, 1% AccessDenied accounts, a member suspended mid-run, duplicated, out-of-order, member-targeted and malformed events, latency tails, lost responses and skewed CloudTrail eventTimes',
  timing:
    "overlap under hostile timing: request latency tails up to SigV4's 5 minutes, responses lost after the write took effect, and CloudTrail eventTime skewed up to 10 minutes either way",
  reshape:
    "everything but the management account's contacts changes while SECURITY propagates: dry run switched on and off, a kind disabled (and changed meanwhile) then enabled, an OU excluded then released, members moved (some moves' events lost) and tagged for exclusion, accounts joining through Control Tower, members' admins editing their own contacts; then the daily resync",
};

/** The ways the simulated AWS can be hostile in time (see {@link HOSTILE_TIMING}), each on its own so that what breaks a promise can be told apart. */
export const TIMING_HAZARDS = ['latency-tails', 'lost-responses', 'clock-skew'] as const;
export type TimingHazard = (typeof TIMING_HAZARDS)[number];

/**
 * How hostile each timing hazard is when on. Latency tails: 1% of Account Management requests are
 * held up on their way, each landing up to SigV4's 5 minutes after it was sent (far past the 15 s write
 * fence). Lost responses: 1% of requests take effect but their caller never hears back, and sees a
 * timeout 5 to 60 seconds later. Clock skew: each CloudTrail event's eventTime is off from the
 * functions' clocks by up to 10 minutes either way.
 */
export const HOSTILE_TIMING = {
  latencyTailRate: 0.01,
  latencyTailMs: 300_000,
  lostResponseRate: 0.01,
  eventTimeSkewMs: [-600_000, 600_000] as const,
} as const;

/** The timing hazards on by default in `chaos` and `timing`: all of them. */
export const DEFAULT_TIMING_HAZARDS: readonly TimingHazard[] = ['latency-tails', 'lost-responses', 'clock-skew'];

/**
 * The timing hazards a scenario has unless the request names them: every one (latency tails, lost
 * responses and clock skew) in `chaos` and `timing`, none elsewhere. Clock skew is on by default
 * because changes are ordered by the generation their run claims, not by CloudTrail's eventTime, so a
 * skewed eventTime no longer makes a genuine later change STALE (issue 24, part 3).
 */
export function defaultTimingHazards(scenario: ScenarioName): readonly TimingHazard[] {
  return scenario === 'timing' || scenario === 'chaos' ? DEFAULT_TIMING_HAZARDS : [];
}

/** Where environments die in `crash` and `chaos`: each rate is the chance of dying right after that call took effect. */
export const CRASH_RATES: Readonly<Record<string, number>> = {
  'state.claimEvent': 0.15,
  'state.createRun': 0.15,
  'state.advanceHead': 0.1,
  'state.updateRun': 0.05,
  'state.putItems': 0.1,
  'queue.enqueue': 0.2,
  'contacts.write': 0.005,
  'contacts.remove': 0.005,
  'state.recordIntent': 0.002,
  'state.recordOutcomes': 0.02,
  'audit.append': 0.02,
  'state.completeItem': 0.03,
  'state.finishRun': 0.2,
  'notifier.notify': 0.2,
  'state.markNotified': 0.1,
};
