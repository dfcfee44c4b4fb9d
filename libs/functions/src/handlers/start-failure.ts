import { loggableError, LoggerPort, MetricsPort } from '@contact-sync/domain';

/**
 * Logs and counts a start that failed, then throws it again so that Lambda retries the event (and,
 * after its retries, hands it to the failure destination). Only the error's code or name is logged:
 * a message may carry values.
 */
export function startFailed(error: unknown, logger: LoggerPort, metrics: MetricsPort): never {
  metrics.add('StartFailures');
  logger.error('start failed; Lambda will deliver the event again', { error: loggableError(error) });
  throw error;
}
