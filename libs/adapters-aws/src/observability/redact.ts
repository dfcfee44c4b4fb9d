import { isPersonalField, redactIdentifier, redactText } from './personal-data';

/** How deep a logged structure is walked; deeper parts are replaced, not logged. */
const MAX_DEPTH = 8;
const REDACTED = '[redacted]';
/** Keys whose string values are ids, ARNs or times (`accountId`, `runIds`, `topicArn`, `startedAt`): only e-mail addresses are taken out. */
const IDENTIFIER_KEY = /(Id|Ids|ID|Arn|Arns|At)$|^id$|^correlation_id$/;

/**
 * Fields made safe to log, at any depth: a contact field (by name) is replaced whatever it holds;
 * strings lose e-mail addresses, phone numbers and named contact fields; an Error becomes its name
 * and code (and its cause's), never its message, which may quote a value.
 */
export function redact(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const safe = redactValue(fields, '', 0, new WeakSet());
  return typeof safe === 'object' && safe !== null && !Array.isArray(safe) ? (safe as Record<string, unknown>) : { value: safe };
}

function redactValue(value: unknown, key: string, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return IDENTIFIER_KEY.test(key) ? redactIdentifier(value) : redactText(value);
  if (typeof value !== 'object' || value === null)
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : typeof value === 'bigint' ? String(value) : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return errorSummary(value, depth, seen);
    if (Array.isArray(value) || value instanceof Set) return [...value].map((item) => redactValue(item, key, depth + 1, seen));
    const entries = value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(value);
    return Object.fromEntries(
      entries.map(([k, v]) => [redactIdentifier(k), isPersonalField(k) ? REDACTED : redactValue(v, k, depth + 1, seen)]),
    );
  } finally {
    seen.delete(value);
  }
}

/** An Error as its name, its code when it has one (a stable code, or an AWS or Node error's), and its cause's, if an Error. */
function errorSummary(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    name: redactText(error.name),
    ...(typeof code === 'string' ? { code: redactText(code) } : {}),
    ...(error.cause instanceof Error ? { cause: redactValue(error.cause, 'cause', depth + 1, seen) } : {}),
  };
}
