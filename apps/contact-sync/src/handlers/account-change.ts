import { FUNCTIONS } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The accountChange function's Lambda handler: its body (see `FUNCTIONS.accountChange`) on the cold-start root. */
export const handler = lambdaHandler(FUNCTIONS.accountChange);
