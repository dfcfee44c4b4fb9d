import { isAccountId } from '../accounts/account-id';
import { FieldChecker, isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { ValidationError } from '../shared/validation-error';
import { WorkItem } from './work-item';

const KEYS = ['runId', 'itemId', 'accountIds'];

/**
 * The most accounts one item may hold: a worker paced at a small share of the quotas must finish an
 * item (all four kinds) well inside its invocation's timeout.
 */
export const MAX_ACCOUNTS_PER_ITEM = 50;

/** Reads a work item from a queue message body, naming every bad field and never echoing a value. */
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
  const runId = input['runId'];
  const itemId = input['itemId'];
  if (typeof runId !== 'string' || runId === '') check.report('runId', 'must be a non-empty string');
  if (typeof itemId !== 'string' || itemId === '') check.report('itemId', 'must be a non-empty string');
  else if (typeof runId === 'string' && !new RegExp(`^${escapeRegExp(runId)}:\\d+$`).test(itemId))
    check.report('itemId', 'must be <runId>:<index> of its run');
  const accountIds = input['accountIds'];
  if (!Array.isArray(accountIds) || accountIds.length === 0) check.report('accountIds', 'must be a non-empty list');
  else {
    if (accountIds.length > MAX_ACCOUNTS_PER_ITEM) check.report('accountIds', `must hold at most ${MAX_ACCOUNTS_PER_ITEM} accounts`);
    accountIds.forEach((id, i) => isAccountId(id) || check.report(`accountIds[${i}]`, 'must be a 12-digit account id'));
    if (new Set(accountIds).size !== accountIds.length) check.report('accountIds', 'must not repeat an account');
  }
  if (check.issues.length > 0) return err(new ValidationError('work item', check.issues));
  return ok({ runId: runId as string, itemId: itemId as string, accountIds: accountIds as string[] });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
