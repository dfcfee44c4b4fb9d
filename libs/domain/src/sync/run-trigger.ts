/**
 * What started a run: a management contact change, an account that joined, a reconcile (an
 * operator's sync or the periodic resync), a configuration change that widened what is synced, a
 * member account moved or tagged, or an operator's rollback of an earlier run.
 */
export type RunTrigger = 'CHANGE' | 'NEW_ACCOUNT' | 'RECONCILE' | 'CONFIG_CHANGE' | 'ACCOUNT_CHANGE' | 'ROLLBACK';
