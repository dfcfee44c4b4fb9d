import { FUNCTIONS } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The accountWorker function's Lambda handler: its body (see `FUNCTIONS.accountWorker`) on the cold-start root. */
export const handler = lambdaHandler(FUNCTIONS.accountWorker);
