import { FUNCTIONS } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The finishRun function's Lambda handler: its body (see `FUNCTIONS.finishRun`) on the cold-start root. */
export const handler = lambdaHandler(FUNCTIONS.finishRun);
