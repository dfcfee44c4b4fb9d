import { FUNCTIONS } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The newAccount function's Lambda handler: its body (see `FUNCTIONS.newAccount`) on the cold-start root. */
export const handler = lambdaHandler(FUNCTIONS.newAccount);
