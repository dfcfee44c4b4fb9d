import { scheduledReconcile } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The scheduledReconcile function's Lambda handler: its body (libs/functions) on the cold-start root. */
export const handler = lambdaHandler(scheduledReconcile);
