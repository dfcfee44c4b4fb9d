/** What started a run. */
export type RunTrigger = 'CHANGE' | 'NEW_ACCOUNT' | 'RECONCILE';
