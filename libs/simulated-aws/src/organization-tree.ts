import { AccountId, AccountTags } from '@contact-sync/domain';

/** An untagged account's tags (frozen, as every account's tags are). */
const NO_TAGS: AccountTags = Object.freeze({});

/**
 * The simulated organization's tree: its root, the OUs nested under it, which root or OU holds each
 * account, and each account's tags. Every account starts in the root, untagged.
 */
export class OrganizationTree {
  private readonly parents = new Map<string, string>();
  private readonly units = new Map<string, string[]>();
  /** Accounts by what holds them: sets, so that moving one of 100,000 accounts out of the root costs O(1). */
  private readonly accounts = new Map<string, Set<AccountId>>();
  /** {@link accountsUnder}'s arrays, made once per parent until its accounts change (pages are sliced from them). */
  private readonly listed = new Map<string, readonly AccountId[]>();
  private readonly tags = new Map<AccountId, AccountTags>();
  /**
   * Each account's or OU's place in the listing of what holds it: an account's grows with every
   * placement (one put in a root or OU is listed after those already there), an OU's with every OU
   * made. A page token names the last one it returned, as a position that nothing leaving can shift.
   */
  private readonly ordinals = new Map<string, number>();
  private placements = 0;
  /** Counts the moves and tag changes made so far. */
  private changes = 0;
  /** Each account's {@link revision} at its last move or tag change. */
  private readonly changedAt = new Map<AccountId, number>();

  constructor(readonly rootId = 'r-sim0') {}

  /** Creates an OU under a root or OU. */
  addUnit(id: string, parentId: string = this.rootId): void {
    if (this.parents.has(id) || id === this.rootId) throw new Error(`${id} exists already`);
    if (!this.isParent(parentId)) throw new Error(`no parent ${parentId}`);
    this.parents.set(id, parentId);
    this.units.set(id, []);
    this.children(this.units, parentId).push(id);
    this.ordinals.set(id, ++this.placements);
  }

  /** Puts an account in a root or OU (moving it out of where it was). */
  place(accountId: AccountId, parentId: string = this.rootId): void {
    if (!this.isParent(parentId)) throw new Error(`no parent ${parentId}`);
    const from = this.parents.get(accountId);
    if (from !== undefined) {
      this.accounts.get(from)?.delete(accountId);
      this.listed.delete(from);
    }
    this.parents.set(accountId, parentId);
    let here = this.accounts.get(parentId);
    if (!here) {
      here = new Set();
      this.accounts.set(parentId, here);
    }
    here.add(accountId);
    this.ordinals.set(accountId, ++this.placements);
    this.listed.delete(parentId);
    this.changedAt.set(accountId, ++this.changes);
  }

  /** Takes an account out of the tree (it left the organization), with its tags. */
  remove(accountId: AccountId): void {
    const from = this.parents.get(accountId);
    if (from === undefined || this.units.has(accountId)) return;
    this.accounts.get(from)?.delete(accountId);
    this.listed.delete(from);
    this.parents.delete(accountId);
    this.ordinals.delete(accountId);
    this.tags.delete(accountId);
    this.changedAt.set(accountId, ++this.changes);
  }

  /**
   * Where an account or OU stands in the listing of what holds it ({@link accountsUnder},
   * {@link unitsUnder}): it only grows along each list (0 when not in the tree).
   */
  listOrdinal(id: string): number {
    return this.ordinals.get(id) ?? 0;
  }

  /**
   * How many placements, moves, removals and tag changes of accounts were made so far: a mark to ask
   * {@link changedSince} about later. Where an account stands and its tags change only with it, so
   * what is worked out from them holds while it stays the same.
   */
  get revision(): number {
    return this.changes;
  }

  /** Whether an account was placed, moved or had its tags set after the tree's {@link revision} was `mark`. */
  changedSince(accountId: AccountId, mark: number): boolean {
    return (this.changedAt.get(accountId) ?? 0) > mark;
  }

  /** Whether an id is the root or an OU. */
  isParent(id: string): boolean {
    return id === this.rootId || this.isUnit(id);
  }

  /** Whether an id is an OU. */
  isUnit(id: string): boolean {
    return id !== this.rootId && this.units.has(id);
  }

  /** What holds an account or OU: undefined when it is not in the tree. */
  parentOf(id: string): string | undefined {
    return this.parents.get(id);
  }

  /** The OUs directly under a root or OU, in the order they were made (do not modify). */
  unitsUnder(parentId: string): readonly string[] {
    return this.units.get(parentId) ?? [];
  }

  /** The accounts directly in a root or OU, in the order they were put there (do not modify). */
  accountsUnder(parentId: string): readonly AccountId[] {
    let listed = this.listed.get(parentId);
    if (!listed) {
      listed = [...(this.accounts.get(parentId) ?? [])];
      this.listed.set(parentId, listed);
    }
    return listed;
  }

  /** The OUs above an account or OU, outermost first. */
  unitsAbove(id: string): string[] {
    const units: string[] = [];
    for (let at = this.parents.get(id); at !== undefined && at !== this.rootId; at = this.parents.get(at)) units.unshift(at);
    return units;
  }

  setTags(accountId: AccountId, tags: AccountTags): void {
    // Stored frozen: tags change only through here, which counts the change.
    this.tags.set(accountId, Object.freeze({ ...tags }));
    this.changedAt.set(accountId, ++this.changes);
  }

  tagsOf(accountId: AccountId): AccountTags {
    return this.tags.get(accountId) ?? NO_TAGS;
  }

  private children(map: Map<string, string[]>, parentId: string): string[] {
    let list = map.get(parentId);
    if (!list) {
      list = [];
      map.set(parentId, list);
    }
    return list;
  }
}
