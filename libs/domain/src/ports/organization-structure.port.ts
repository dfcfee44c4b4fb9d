import { AccountId } from '../accounts/account-id';
import { AccountTags, OrganizationalUnitId } from '../targeting/targeting-rules';
import { AccountPage } from './organization.port';

/** One page of the OUs directly under a root or an OU, and where the next page starts (none after the last). */
export interface UnitPage {
  readonly units: readonly OrganizationalUnitId[];
  readonly next?: string;
}

/** What holds an account or an OU: an OU, or the organization's root. */
export interface ParentRef {
  readonly id: string;
  readonly isRoot: boolean;
}

/**
 * The organization's tree (its root, the OUs nested under it, the accounts each holds) and the
 * accounts' tags: what the targeting rules are checked against. Each call is one page or one
 * account, so that a caller can pace them and stop between any two.
 */
export interface OrganizationStructurePort {
  /** The organization's root id (`r-…`). */
  rootId(): Promise<string>;
  /** One page of the accounts directly under a root or OU, from `cursor` (the first when undefined), the management account marked. */
  accountsUnder(parentId: string, cursor?: string): Promise<AccountPage>;
  /** One page of the OUs directly under a root or OU, from `cursor`. */
  unitsUnder(parentId: string, cursor?: string): Promise<UnitPage>;
  /** What holds an account or an OU; undefined when it is not (or no longer) in the organization. */
  parentOf(childId: AccountId | OrganizationalUnitId): Promise<ParentRef | undefined>;
  /**
   * Every tag of an account (none is an empty record). Throws when they cannot be read, an account
   * that is not found included: never an empty record for tags not known. Values may be anything: never log them.
   */
  tagsOf(accountId: AccountId): Promise<AccountTags>;
}
