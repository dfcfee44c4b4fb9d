import { FUNCTIONS } from '@contact-sync/functions';
import { lambdaHandler } from '../lambda-handler';

/** The sweepRuns function's Lambda handler: its body (see `FUNCTIONS.sweepRuns`) on the cold-start root. */
export const handler = lambdaHandler(FUNCTIONS.sweepRuns);
