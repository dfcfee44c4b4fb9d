import { FUNCTION_NAMES, FunctionName } from './deployment';
import roles from './grants.json';

/** What IAM lets a caller do: true for an action (`account:PutAlternateContact`) its grants allow. */
export type Grants = (action: string) => boolean;

/**
 * Each function's Account Management and Organizations actions, as its execution role in the stack
 * (iam-roles.yml) grants them: what the simulated services let each simulated Lambda environment do,
 * so that a call a role does not grant is refused in a simulation as IAM refuses it once deployed. A
 * spec of the packaged stack holds grants.json equal to the roles' statements. Only the actions are
 * modelled: every grant here applies to any account, where the stack scopes the contact actions to the
 * management account or to the members (the Account Management API itself refuses a call naming the
 * management account, and the least-privilege spec checks the code reaches no other action).
 */
export const FUNCTION_GRANTS: Readonly<Record<FunctionName, readonly string[]>> = Object.freeze(
  Object.fromEntries(FUNCTION_NAMES.map((name) => [name, Object.freeze([...roles[name]])])) as Record<FunctionName, readonly string[]>,
);

/** The grants of a role that allows exactly `actions`. */
export function grantsOf(actions: Iterable<string>): Grants {
  const allowed: ReadonlySet<string> = new Set(actions);
  return (action) => allowed.has(action);
}

/** The grants of the function's execution role, as the stack gives them. */
export const functionGrants = (name: FunctionName): Grants => grantsOf(FUNCTION_GRANTS[name]);
