/**
 * Every text an error could show someone: its message, stack and own fields, and the same of its
 * causes. Tests check that no contact value (personal data) is among them.
 */
export function textsOf(error: unknown, seen = new Set<unknown>()): string[] {
  if (error === null || error === undefined || seen.has(error)) return [];
  if (typeof error !== 'object') return [String(error)];
  seen.add(error);
  const texts: string[] = [];
  if (error instanceof Error) texts.push(String(error), error.stack ?? '');
  for (const [key, value] of Object.entries(error)) {
    if (key === 'cause') continue;
    texts.push(typeof value === 'object' && value !== null ? safeJson(value) : String(value));
  }
  return [...texts, ...textsOf((error as { cause?: unknown }).cause, seen)];
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
