import { LogFields, LoggerPort } from '@contact-sync/domain';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields?: LogFields;
}

/** Keeps log records in memory, and optionally writes them as JSON lines to a sink. */
export class InMemoryLogger implements LoggerPort {
  readonly records: LogRecord[] = [];

  constructor(private readonly sink?: (line: string) => void) {}

  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields?: LogFields): void {
    const record = { level, message, fields };
    this.records.push(record);
    this.sink?.(JSON.stringify(record));
  }
}
