import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { AccountPage, OrganizationPort } from '../ports/organization.port';
import { DomainError } from '../shared/domain-error';
import { OrganizationalUnitId } from '../targeting/targeting-rules';

/** An account and the OUs above it, outermost first (the root left out). */
export interface PlacedAccount {
  readonly account: MemberAccount;
  readonly units: readonly OrganizationalUnitId[];
}

/** One page of a walk of the organization's tree, and the cursor of the rest (none after the last page). */
export interface PlacedAccountPage {
  readonly accounts: readonly PlacedAccount[];
  readonly next?: string;
}

/**
 * How far a walk got: every unit found so far with the index of its parent (the root first, its
 * parent -1), in the order they are walked (breadth first); the unit being walked; whether its
 * accounts or its child OUs are being listed; and the page token within that listing. The units
 * walked already stay, since they are the ancestors of the ones to come: about 30 bytes an OU.
 */
interface WalkState {
  readonly u: Array<[string, number]>;
  i: number;
  p: 'a' | 'u';
  t?: string;
}

const PREFIX = 'tree:';

/** Whether a stored listing cursor is a walk's (rather than a ListAccounts page token). */
export const isWalkCursor = (cursor: string | undefined): boolean => cursor?.startsWith(PREFIX) === true;

/**
 * Walks the organization's tree breadth first: for the root and then each OU, the accounts directly
 * in it (ListAccountsForParent) and the OUs directly under it (ListOrganizationalUnitsForParent),
 * page by page. Calls grow with OUs and pages, not accounts, and every account comes with the OUs
 * above it. Each page carries the cursor of the rest, so that a walk can stop after any page and
 * continue later (pages of OUs carry no accounts, only progress). An account moved while the walk
 * goes on may be listed twice or not at all: the next walk lists it where it is.
 */
export async function* walkOrganization(structure: OrganizationStructurePort, cursor?: string): AsyncIterable<PlacedAccountPage> {
  const state: WalkState = cursor === undefined ? { u: [[await structure.rootId(), -1]], i: 0, p: 'a' } : decode(cursor);
  while (state.i < state.u.length) {
    const parent = (state.u[state.i] as [string, number])[0];
    if (state.p === 'a') {
      const page = await structure.accountsUnder(parent, state.t);
      const units = unitsAbove(state, state.i);
      if (page.next !== undefined) state.t = page.next;
      else {
        state.p = 'u';
        state.t = undefined;
      }
      yield withCursor({ accounts: page.accounts.map((account) => ({ account, units })) }, state);
    } else {
      const page = await structure.unitsUnder(parent, state.t);
      for (const unit of page.units) state.u.push([unit, state.i]);
      if (page.next !== undefined) state.t = page.next;
      else {
        state.i += 1;
        state.p = 'a';
        state.t = undefined;
      }
      yield state.i < state.u.length ? withCursor({ accounts: [] }, state) : { accounts: [] };
    }
  }
}

/**
 * The OUs above one account, outermost first, by asking each level for its parent (ListParents):
 * a call per level, for one account at a time (an onboarding, an explanation). Undefined when the
 * account is not in the organization.
 */
export async function unitsAboveAccount(
  structure: OrganizationStructurePort,
  accountId: AccountId,
): Promise<readonly OrganizationalUnitId[] | undefined> {
  const units: OrganizationalUnitId[] = [];
  let parent = await structure.parentOf(accountId);
  if (!parent) return undefined;
  // Organizations nests OUs at most five deep under the root: more levels mean an answer that loops.
  for (let depth = 0; !parent.isRoot; depth += 1) {
    if (depth >= MAX_UNIT_DEPTH)
      throw new DomainError('INVARIANT_VIOLATED', `the OUs above account ${accountId} nest deeper than ${MAX_UNIT_DEPTH}`);
    units.unshift(parent.id);
    parent = await structure.parentOf(parent.id);
    if (!parent) return undefined;
  }
  return units;
}

/** Levels of OUs a walk up from an account follows before it takes the answers for a loop (Organizations nests at most five). */
export const MAX_UNIT_DEPTH = 10;

/** A page of listed accounts, each with the OUs above it when they are known. */
export interface ListedPage {
  readonly accounts: ReadonlyArray<{ readonly account: MemberAccount; readonly units?: readonly OrganizationalUnitId[] }>;
  readonly next?: string;
}

/**
 * The organization's accounts from `cursor` on: a walk of the tree when `walking` (each account with
 * the OUs above it), otherwise ListAccounts pages (no OUs known).
 */
export function listPages(
  organization: OrganizationPort,
  structure: OrganizationStructurePort,
  walking: boolean,
  cursor?: string,
): AsyncIterable<ListedPage> {
  return walking ? walkOrganization(structure, cursor) : unplaced(organization.accountPages(cursor));
}

async function* unplaced(pages: AsyncIterable<AccountPage>): AsyncIterable<ListedPage> {
  for await (const page of pages) {
    const accounts = page.accounts.map((account) => ({ account }));
    yield page.next === undefined ? { accounts } : { accounts, next: page.next };
  }
}

/** An account the service may write: an ACTIVE member (never the management account). The targeting rules decide the rest. */
export const isActiveMember = (account: Pick<MemberAccount, 'isManagement' | 'state'>): boolean =>
  !account.isManagement && account.state === 'ACTIVE';

function unitsAbove(state: WalkState, index: number): OrganizationalUnitId[] {
  const units: OrganizationalUnitId[] = [];
  for (let at = index; at > 0; at = (state.u[at] as [string, number])[1]) units.unshift((state.u[at] as [string, number])[0]);
  return units;
}

/**
 * The page with the cursor of the walk as it stands now, written only when asked for: the cursor
 * holds every unit found so far, and most pages' cursors are never stored (a launch keeps a
 * batch's last). The units only grow, so the first `found` of them are the ones found by now.
 */
function withCursor(page: { readonly accounts: readonly PlacedAccount[] }, state: WalkState): PlacedAccountPage {
  const { i, p, t } = state;
  const found = state.u.length;
  return {
    ...page,
    get next() {
      return encode({ u: state.u.slice(0, found), i, p, ...(t !== undefined ? { t } : {}) });
    },
  };
}

const encode = (state: WalkState): string =>
  PREFIX + JSON.stringify(state.t === undefined ? { u: state.u, i: state.i, p: state.p } : state);

function decode(cursor: string): WalkState {
  const invalid = () => new DomainError('VALIDATION_FAILED', 'the stored walk cursor is not one this version wrote');
  if (!isWalkCursor(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor.slice(PREFIX.length));
  } catch {
    throw invalid();
  }
  const s = parsed as Partial<WalkState>;
  const unitsOk =
    Array.isArray(s.u) &&
    s.u.length > 0 &&
    s.u.every((e, n) => Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1]) && e[1] >= -1 && e[1] < n);
  if (
    !unitsOk ||
    !Number.isInteger(s.i) ||
    (s.i as number) < 0 ||
    (s.i as number) >= (s.u as unknown[]).length ||
    (s.p !== 'a' && s.p !== 'u') ||
    (s.t !== undefined && typeof s.t !== 'string')
  )
    throw invalid();
  return { u: s.u as Array<[string, number]>, i: s.i as number, p: s.p, ...(s.t !== undefined ? { t: s.t } : {}) };
}
