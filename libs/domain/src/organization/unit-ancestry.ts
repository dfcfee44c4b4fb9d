import { AccountId } from '../accounts/account-id';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { DomainError } from '../shared/domain-error';
import { MAX_UNIT_DEPTH } from './organization-walk';
import { OrganizationalUnitId } from '../targeting/targeting-rules';

/** OUs whose ancestry one {@link UnitAncestry} keeps (Organizations allows 2,000 OUs by default): past it, it starts again. */
const REMEMBERED_UNITS = 10_000;

/**
 * The OUs above an account, read again at each question, at the cost of one ListParents call for an
 * OU already seen. The account's own parent is always read, since accounts move (MoveAccount); the
 * OUs above that parent are remembered, since OUs never move: Organizations has no call that moves
 * one (an OU is created under its parent and can only be deleted, empty), so what holds an OU is the
 * same for as long as that OU exists, and an OU that holds the account exists. An OU not seen before
 * costs a ListParents call per level up to the first one known, or the root.
 */
export class UnitAncestry {
  /** For each OU seen: the OUs from the outermost down to it, it included. */
  private readonly paths = new Map<OrganizationalUnitId, readonly OrganizationalUnitId[]>();

  constructor(private readonly structure: OrganizationStructurePort) {}

  /**
   * The OUs above the account, outermost first, its parent last (none when it is in the root);
   * undefined when the account, or an OU above it, is not found. Throws what a read throws.
   */
  async unitsAbove(accountId: AccountId): Promise<readonly OrganizationalUnitId[] | undefined> {
    const parent = await this.structure.parentOf(accountId);
    if (!parent) return undefined;
    return parent.isRoot ? [] : this.pathTo(parent.id, accountId);
  }

  /** The OUs from the outermost down to `unit`, it included, reading the levels not known yet. */
  private async pathTo(unit: OrganizationalUnitId, accountId: AccountId): Promise<readonly OrganizationalUnitId[] | undefined> {
    // The OUs read on the way up, nearest first, and the path of the first one already known above them.
    const climbed: OrganizationalUnitId[] = [];
    let above: readonly OrganizationalUnitId[] = [];
    for (let at: OrganizationalUnitId | undefined = unit; at !== undefined;) {
      const known = this.paths.get(at);
      if (known) {
        above = known;
        break;
      }
      if (climbed.length >= MAX_UNIT_DEPTH)
        throw new DomainError('INVARIANT_VIOLATED', `the OUs above account ${accountId} nest deeper than ${MAX_UNIT_DEPTH}`);
      climbed.push(at);
      const parent = await this.structure.parentOf(at);
      if (!parent) return undefined;
      at = parent.isRoot ? undefined : parent.id;
    }
    let path = above;
    for (let i = climbed.length - 1; i >= 0; i -= 1) {
      path = [...path, climbed[i] as OrganizationalUnitId];
      this.remember(climbed[i] as OrganizationalUnitId, path);
    }
    return path;
  }

  private remember(unit: OrganizationalUnitId, path: readonly OrganizationalUnitId[]): void {
    if (this.paths.size >= REMEMBERED_UNITS) this.paths.clear();
    this.paths.set(unit, path);
  }
}
