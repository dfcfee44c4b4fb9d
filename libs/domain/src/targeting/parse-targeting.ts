import { FieldChecker, isRecord } from '../shared/field-rules';
import { OrganizationalUnitId, TagRule } from './targeting-rules';

/** Organizations' OU id: `ou-`, the root's 4 to 32 characters, `-`, the unit's 8 to 32. */
const UNIT_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** The characters AWS allows in tag keys and values. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** The most OU ids one list may hold. */
export const MAX_UNIT_RULES = 100;
/** The most tag rules one list may hold. */
export const MAX_TAG_RULES = 50;

/** A list of OU ids, sorted and without repeats; every bad entry is reported under `field[i]`. */
export function parseUnitList(value: unknown, field: string, check: FieldChecker): OrganizationalUnitId[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    check.report(field, 'must be a list of organizational unit ids (ou-…)');
    return [];
  }
  if (value.length > MAX_UNIT_RULES) check.report(field, `must hold at most ${MAX_UNIT_RULES} organizational unit ids`);
  const valid = (id: unknown): id is string => typeof id === 'string' && UNIT_ID.test(id);
  value.forEach((id, i) => {
    if (!valid(id)) check.report(`${field}[${i}]`, 'must be an organizational unit id: ou-, 4 to 32 letters or digits, -, 8 to 32 more');
  });
  return [...new Set(value.filter(valid))].sort();
}

/** A list of tag rules (`{ "key": …, "value"?: … }`), in the order given, without repeats. */
export function parseTagRules(value: unknown, field: string, check: FieldChecker): TagRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    check.report(field, 'must be a list of tag rules, each { "key": …, "value": … } (value optional)');
    return [];
  }
  if (value.length > MAX_TAG_RULES) check.report(field, `must hold at most ${MAX_TAG_RULES} tag rules`);
  const rules: TagRule[] = [];
  value.forEach((entry, i) => {
    const path = `${field}[${i}]`;
    if (!isRecord(entry)) {
      check.report(path, 'must be an object with a key and, optionally, a value');
      return;
    }
    const rule = new FieldChecker(entry, `${path}.`);
    rule.onlyKeys(['key', 'value']);
    const key = rule.requiredString('key', 1, 128, { regex: TAG_TEXT, rule: 'must use only letters, digits, spaces and _ . : / = + - @' });
    const tagValue = entry['value'];
    if (tagValue !== undefined) {
      if (typeof tagValue !== 'string') rule.report('value', 'must be a string');
      else if (tagValue.length > 256) rule.report('value', 'must be 0-256 characters');
      else if (!TAG_TEXT.test(tagValue)) rule.report('value', 'must use only letters, digits, spaces and _ . : / = + - @');
    }
    rule.issues.forEach((issue) => check.report(issue.field, issue.rule));
    if (rule.issues.length > 0 || key === undefined) return;
    if (!rules.some((r) => r.key === key && r.value === tagValue))
      rules.push(typeof tagValue === 'string' ? { key, value: tagValue } : { key });
  });
  return rules;
}
