/** The scenarios `npm start -- --scenario` knows. */
export const SCENARIOS = ['change-security', 'change-primary', 'change-all', 'new-account', 'reconcile-drift', 'chaos'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const SCENARIO_HELP: Record<ScenarioName, string> = {
  'change-security': 'the SECURITY contact changes on the management account (default)',
  'change-primary': 'the primary contact (ContactInformation) changes',
  'change-all': 'all four contacts change, one CloudTrail event each',
  'new-account': 'an account joins the organization and receives every contact',
  'reconcile-drift': 'a dry-run plan of the drift, then a reconcile run that repairs it',
  chaos: 'change-security with 5% transient errors, extra throttling, 1% AccessDenied accounts, duplicated and out-of-order events',
};
