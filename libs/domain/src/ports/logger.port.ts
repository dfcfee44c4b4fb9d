/** Structured fields: ids, kinds, counts and codes. Never contact values. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined | readonly string[]>>;

/** Structured logging. */
export interface LoggerPort {
  /** Detail for diagnosis. */
  debug(message: string, fields?: LogFields): void;
  /** What happened, in the normal course. */
  info(message: string, fields?: LogFields): void;
  /** Something unexpected that the product handled. */
  warn(message: string, fields?: LogFields): void;
  /** A failure that needs attention. */
  error(message: string, fields?: LogFields): void;
}
