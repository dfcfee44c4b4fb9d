import { Logger } from '@aws-lambda-powertools/logger';
import { LogFields, LoggerPort } from '@contact-sync/domain';
import { redact, redactText } from './personal-data';

/**
 * The logger port on Powertools for AWS Lambda: one JSON line per entry, with the service name,
 * the Lambda context when injected, and a correlation id (the CloudTrail event id or the run id).
 * Contact values are redacted as a last line of defence; the domain never passes them.
 */
export class PowertoolsLogger implements LoggerPort {
  constructor(readonly logger: Logger) {}

  /** Tags every following entry with `correlation_id`. */
  correlate(correlationId: string): void {
    this.logger.setCorrelationId(correlationId);
  }

  debug(message: string, fields?: LogFields): void {
    this.logger.debug(redactText(message), redact(fields ?? {}));
  }

  info(message: string, fields?: LogFields): void {
    this.logger.info(redactText(message), redact(fields ?? {}));
  }

  warn(message: string, fields?: LogFields): void {
    this.logger.warn(redactText(message), redact(fields ?? {}));
  }

  error(message: string, fields?: LogFields): void {
    this.logger.error(redactText(message), redact(fields ?? {}));
  }
}
