import { FUNCTIONS } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The contactChange function's Lambda handler: its body (see `FUNCTIONS.contactChange`) on the cold-start root. */
export const handler = lambdaHandler(FUNCTIONS.contactChange);
