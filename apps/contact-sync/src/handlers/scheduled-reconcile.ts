import { FUNCTIONS } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The scheduledReconcile function's Lambda handler: its body (see `FUNCTIONS.scheduledReconcile`) on the cold-start root. */
export const handler = lambdaHandler(FUNCTIONS.scheduledReconcile);
