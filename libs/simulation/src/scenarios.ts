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
    'overlap and crash together, with 5% transient errors, extra throttling, 1% AccessDenied accounts, a member suspended mid-run, duplicated, out-of-order, member-targeted and malformed events',
};

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
