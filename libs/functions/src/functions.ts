import { FunctionName } from './deployment';
import { accountChange } from './handlers/account-change';
import { accountWorker } from './handlers/account-worker';
import { contactChange } from './handlers/contact-change';
import { finishRun } from './handlers/finish-run';
import { newAccount } from './handlers/new-account';
import { scheduledReconcile } from './handlers/scheduled-reconcile';
import { sweepRuns } from './handlers/sweep-runs';

/**
 * Every function of the stack by its name in serverless.yml: the bodies the Lambda handlers wrap and
 * the simulated Lambda environments invoke. A function of the stack without a body here fails to compile.
 */
export const FUNCTIONS = Object.freeze({
  contactChange,
  accountWorker,
  finishRun,
  newAccount,
  accountChange,
  scheduledReconcile,
  sweepRuns,
} satisfies Record<FunctionName, unknown>);
