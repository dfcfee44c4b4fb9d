import { FieldIssue } from './field-issue';
import { err, ok, Result } from './result';
import { ValidationError } from './validation-error';

/** The rule a key given twice in one object breaks. */
export const DUPLICATE_KEY_RULE = 'is given more than once in the same object (JSON would keep only the last)';

/**
 * Parses JSON text as `JSON.parse` does, but rejects text in which an object names the same key twice
 * (`{"dryRun": true, "dryRun": false}`): `JSON.parse` keeps the last silently, so a file meant to stay
 * in dry run could be stored as live. Each repeated key is named by its path (`dryRun`,
 * `rates.PutAlternateContact.burst`, `excludedTags[1].key`), never with a value. Keys are compared as
 * JSON reads them, escapes decoded (`"dry\u0052un"` is `dryRun`). `subject` names what is parsed in
 * the error. No dependency: once `JSON.parse` has accepted the text, one pass over its tokens finds
 * the keys.
 */
export function parseUniqueKeyJson(text: string, subject: string): Result<unknown, ValidationError> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err(new ValidationError(subject, [{ field: '(text)', rule: 'must be JSON' }]));
  }
  const repeated = repeatedKeys(text);
  return repeated.length === 0 ? ok(value) : err(new ValidationError(subject, repeated));
}

interface ObjectFrame {
  readonly kind: 'object';
  readonly path: string;
  readonly keys: Set<string>;
  /** The key whose value comes next; undefined while a key is expected. */
  key?: string;
}

interface ArrayFrame {
  readonly kind: 'array';
  readonly path: string;
  index: number;
}

/** The paths of the keys repeated within one object, in text order, each once; `text` must be valid JSON. */
function repeatedKeys(text: string): FieldIssue[] {
  const stack: Array<ObjectFrame | ArrayFrame> = [];
  const found = new Set<string>();
  const issues: FieldIssue[] = [];
  const pathHere = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'array') return `${top.path}[${top.index}]`;
    return top.path === '' ? (top.key as string) : `${top.path}.${top.key as string}`;
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '{') stack.push({ kind: 'object', path: pathHere(), keys: new Set() });
    else if (c === '[') stack.push({ kind: 'array', path: pathHere(), index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index += 1;
      else if (top) top.key = undefined;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.key === undefined) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        top.key = key;
        if (top.keys.has(key)) {
          const path = pathHere();
          if (!found.has(path)) issues.push({ field: path, rule: DUPLICATE_KEY_RULE });
          found.add(path);
        }
        top.keys.add(key);
      }
      i = end;
    }
  }
  return issues;
}
