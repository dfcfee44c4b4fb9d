import { err, ok, Result } from '../shared/result';
import { FieldChecker, isRecord } from '../shared/field-rules';
import { ValidationError } from '../shared/validation-error';
import { AccountId, isAccountId } from './account-id';

/** Organizations' account states (`State`; the retired `Status` field is not used). */
export const ACCOUNT_STATES = ['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'] as const;
/** One of {@link ACCOUNT_STATES}: an account's `State` in Organizations. */
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** An account of the organization; `isManagement` marks the management account. */
export interface MemberAccount {
  readonly id: AccountId;
  readonly name: string;
  readonly state: AccountState;
  /** When the account joined the organization, ISO-8601. */
  readonly joinedAt: string;
  readonly isManagement: boolean;
}

/** Validates an account record, naming each bad field. */
export const parseMemberAccount = (input: unknown): Result<MemberAccount, ValidationError> => {
  if (!isRecord(input)) return err(new ValidationError('account', [{ field: '(root)', rule: 'must be an object' }]));
  const check = new FieldChecker(input);
  check.onlyKeys(['id', 'name', 'state', 'joinedAt', 'isManagement']);
  if (!isAccountId(input['id'])) check.report('id', 'must be 12 digits');
  const name = check.requiredString('name', 1, 50);
  if (!(ACCOUNT_STATES as readonly unknown[]).includes(input['state']))
    check.report('state', `must be one of ${ACCOUNT_STATES.join(', ')}`);
  const joinedAt = input['joinedAt'];
  if (typeof joinedAt !== 'string' || Number.isNaN(Date.parse(joinedAt))) check.report('joinedAt', 'must be an ISO-8601 time');
  if (typeof input['isManagement'] !== 'boolean') check.report('isManagement', 'must be true or false');
  if (check.issues.length > 0) return err(new ValidationError('account', check.issues));
  return ok(
    Object.freeze({
      id: input['id'] as AccountId,
      name: name as string,
      state: input['state'] as AccountState,
      joinedAt: new Date(joinedAt as string).toISOString(),
      isManagement: input['isManagement'] as boolean,
    }),
  );
};
