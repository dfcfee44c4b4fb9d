import { accountWorker } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The accountWorker function's Lambda handler: its body (libs/functions) on the cold-start root. */
export const handler = lambdaHandler(accountWorker);
