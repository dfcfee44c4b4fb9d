import { invalidCursor, isRecord } from '@contact-sync/domain';

/** Where the next page of an audit query starts: a day of the `byDay` index and/or DynamoDB's last key. */
export interface AuditCursor {
  readonly day?: string;
  readonly key?: Record<string, string>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An opaque, URL-safe token. */
export const encodeAuditCursor = (cursor: AuditCursor): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

/** The cursor a token stands for; a token this log did not issue is a validation error naming `cursor`. */
export function decodeAuditCursor(token: string): AuditCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!isRecord(parsed)) throw invalidCursor();
  const { day, key } = parsed;
  const dayOk = day === undefined || (typeof day === 'string' && DAY.test(day));
  const keyOk = key === undefined || (isRecord(key) && Object.values(key).every((v) => typeof v === 'string'));
  if (!dayOk || !keyOk || (day === undefined && key === undefined)) throw invalidCursor();
  return { day: day as string | undefined, key: key as Record<string, string> | undefined };
}
