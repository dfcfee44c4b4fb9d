import { isAccountId } from '../accounts/account-id';
import { CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { FieldChecker, isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { ValidationError } from '../shared/validation-error';
import { DesiredValues, WorkItem } from './work-item';

const KEYS = ['runId', 'itemId', 'accountIds', 'kinds', 'desired', 'propagateDeletions', 'dryRun', 'initiator'];

/**
 * Reads a work item from a queue message body. The shape is checked here; the desired contact values
 * are validated by the worker, kind by kind, so that one bad value fails only its kind.
 */
export function parseWorkItem(body: string): Result<WorkItem, ValidationError> {
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return err(new ValidationError('work item', [{ field: '(body)', rule: 'must be JSON' }]));
  }
  if (!isRecord(input)) return err(new ValidationError('work item', [{ field: '(root)', rule: 'must be an object' }]));
  const check = new FieldChecker(input);
  check.onlyKeys(KEYS);
  for (const field of ['runId', 'itemId', 'initiator']) if (typeof input[field] !== 'string' || input[field] === '') check.report(field, 'must be a non-empty string');
  for (const field of ['propagateDeletions', 'dryRun']) if (typeof input[field] !== 'boolean') check.report(field, 'must be true or false');
  const accountIds = input['accountIds'];
  if (!Array.isArray(accountIds) || accountIds.length === 0) check.report('accountIds', 'must be a non-empty list');
  else accountIds.forEach((id, i) => isAccountId(id) || check.report(`accountIds[${i}]`, 'must be a 12-digit account id'));
  const kinds = input['kinds'];
  if (!Array.isArray(kinds) || kinds.length === 0) check.report('kinds', 'must be a non-empty list');
  else kinds.forEach((kind, i) => (CONTACT_KINDS as readonly unknown[]).includes(kind) || check.report(`kinds[${i}]`, 'must be one of PRIMARY, BILLING, OPERATIONS, SECURITY'));
  const desired = input['desired'];
  if (!isRecord(desired)) check.report('desired', 'must be an object');
  else for (const key of Object.keys(desired)) if (!(CONTACT_KINDS as readonly string[]).includes(key)) check.report(`desired.${key}`, 'is not a contact kind');
  if (check.issues.length > 0) return err(new ValidationError('work item', check.issues));
  return ok({
    runId: input['runId'] as string,
    itemId: input['itemId'] as string,
    accountIds: accountIds as string[],
    kinds: kinds as ContactKind[],
    desired: desired as DesiredValues,
    propagateDeletions: input['propagateDeletions'] as boolean,
    dryRun: input['dryRun'] as boolean,
    initiator: input['initiator'] as string,
  });
}
