import { Logger } from '@aws-lambda-powertools/logger';
import { LoggerPort } from '@contact-sync/domain';
import { redactText } from './personal-data';
import { redact } from './redact';

/** What the logger takes: the port's flat fields, or anything else a handler passes (nested, errors), all redacted. */
export type LogInput = Readonly<Record<string, unknown>>;

/**
 * The logger port on Powertools for AWS Lambda: one JSON line per entry, with the service name,
 * the Lambda context when injected, and a correlation id (the CloudTrail event id or the run id).
 * Contact values are redacted as a last line of defence, at any depth ({@link redact}); the domain
 * never passes them. An Error is logged as its name and code, never its message.
 */
export class PowertoolsLogger implements LoggerPort {
  constructor(readonly logger: Logger) {}

  /** Tags every following entry with `correlation_id`, until {@link resetKeys}. */
  correlate(correlationId: string): void {
    this.logger.setCorrelationId(correlationId);
  }

  /** Adds the Lambda context (function name and version, request id, cold start) to every following entry. */
  addContext(context: Parameters<Logger['addContext']>[0]): void {
    this.logger.addContext(context);
  }

  /** Forgets the keys one invocation added, its correlation id among them: a warm start's next invocation begins without them. */
  resetKeys(): void {
    this.logger.resetKeys();
  }

  debug(message: string, fields?: LogInput): void {
    this.logger.debug(redactText(message), redact(fields ?? {}));
  }

  info(message: string, fields?: LogInput): void {
    this.logger.info(redactText(message), redact(fields ?? {}));
  }

  warn(message: string, fields?: LogInput): void {
    this.logger.warn(redactText(message), redact(fields ?? {}));
  }

  error(message: string, fields?: LogInput): void {
    this.logger.error(redactText(message), redact(fields ?? {}));
  }
}
