import { AccountId, AccountState, ContactKind, MemberAccount } from '@contact-sync/domain';
import { OrganizationTree } from './organization-tree';

/** A stored contact value in its API shape (alternate contact or contact information). */
export type StoredContact = Readonly<Record<string, string>>;

interface Slot {
  committed?: StoredContact;
  pending?: { value: StoredContact | undefined; visibleAt: number };
  /** The model's revision at the slot's last write. */
  revision: number;
}

/** A point in the organization's history (see {@link OrganizationModel.mark}): what changed after it can be asked. */
export interface ModelMark {
  readonly model: number;
  readonly tree: number;
}

/**
 * The simulated organization's data: its accounts and every account's contacts. Writes become
 * visible to reads only after a delay (the real API is eventually consistent); `settled` tells the
 * value that every read will eventually return.
 */
export class OrganizationModel {
  private readonly accounts = new Map<AccountId, MemberAccount>();
  /** Each account's contact slots by kind (nested, so that a lookup builds no key string). */
  private readonly slots = new Map<AccountId, Partial<Record<ContactKind, Slot>>>();
  /** The accounts in listing order, kept until an account is added, removed or changes state. */
  private listed?: readonly MemberAccount[];
  /**
   * Each account's place in ListAccounts' order, given when it joins (a later join comes later), so
   * that a page token can name the last account it returned whatever leaves the listing meanwhile.
   */
  private readonly ordinals = new Map<AccountId, number>();
  private joined = 0;
  /** Counts the writes and account changes made so far: the model's side of a {@link ModelMark}. */
  private revision = 0;
  /** Each account's revision when it joined or last changed state. */
  private readonly accountRevisions = new Map<AccountId, number>();
  readonly managementAccountId: AccountId;
  /** The OUs, where each account sits (the root unless moved) and the accounts' tags. */
  readonly tree = new OrganizationTree();
  /**
   * When each account was last moved or retagged by {@link moveAccount} or {@link tagAccount} (the
   * organization as generated is not counted): before then the tree said something else of it.
   */
  readonly reshapedAt = new Map<AccountId, number>();

  constructor(accounts: Iterable<MemberAccount>) {
    for (const account of accounts) {
      if (!this.accounts.has(account.id)) this.ordinals.set(account.id, ++this.joined);
      this.accounts.set(account.id, account);
      this.tree.place(account.id);
    }
    const managers = [...this.accounts.values()].filter((a) => a.isManagement);
    if (managers.length !== 1) throw new Error(`an organization has exactly one management account, not ${managers.length}`);
    this.managementAccountId = (managers[0] as MemberAccount).id;
  }

  /** Every account, in a stable order (the same array until the organization changes: do not modify it). */
  listAccounts(): readonly MemberAccount[] {
    this.listed ??= [...this.accounts.values()];
    return this.listed;
  }

  /** An account's place in {@link listAccounts}' order: it only grows along the list (0 for an account not in the organization). */
  listOrdinal(id: AccountId): number {
    return this.ordinals.get(id) ?? 0;
  }

  account(id: AccountId): MemberAccount | undefined {
    return this.accounts.get(id);
  }

  addAccount(account: MemberAccount): void {
    if (account.isManagement) throw new Error('an organization has exactly one management account');
    if (!this.accounts.has(account.id)) {
      this.tree.place(account.id);
      this.ordinals.set(account.id, ++this.joined);
    }
    this.accounts.set(account.id, account);
    this.accountRevisions.set(account.id, ++this.revision);
    this.listed = undefined;
  }

  /**
   * Takes a member out of the organization (RemoveAccountFromOrganization, or the member leaving):
   * it is no longer listed, in the tree or manageable. Should it join again, it is listed last.
   */
  removeAccount(id: AccountId): void {
    const account = this.accounts.get(id);
    if (!account) return;
    if (account.isManagement) throw new Error('the management account cannot leave its organization');
    this.accounts.delete(id);
    this.ordinals.delete(id);
    this.tree.remove(id);
    this.accountRevisions.set(id, ++this.revision);
    this.listed = undefined;
  }

  setState(id: AccountId, state: AccountState): void {
    const account = this.accounts.get(id);
    if (account) {
      this.accounts.set(id, { ...account, state });
      this.accountRevisions.set(id, ++this.revision);
    }
    this.listed = undefined;
  }

  /** Where the organization's history stands now: later, {@link writtenSince} and {@link accountChangedSince} tell what changed after it. */
  mark(): ModelMark {
    return { model: this.revision, tree: this.tree.revision };
  }

  /** Whether a contact of an account was written (set or deleted, whatever the value) after `mark`. */
  writtenSince(id: AccountId, kind: ContactKind, mark: ModelMark): boolean {
    return (this.slots.get(id)?.[kind]?.revision ?? 0) > mark.model;
  }

  /** Whether an account joined, changed state, moved or had its tags changed after `mark`. */
  accountChangedSince(id: AccountId, mark: ModelMark): boolean {
    return (this.accountRevisions.get(id) ?? 0) > mark.model || this.tree.changedSince(id, mark.tree);
  }

  /** Moves an account to another root or OU at `nowMs` (Organizations' MoveAccount). */
  moveAccount(id: AccountId, parentId: string, nowMs: number): void {
    this.tree.place(id, parentId);
    this.reshapedAt.set(id, nowMs);
  }

  /** Replaces an account's tags at `nowMs` (TagResource or UntagResource). */
  tagAccount(id: AccountId, tags: Readonly<Record<string, string>>, nowMs: number): void {
    this.tree.setTags(id, tags);
    this.reshapedAt.set(id, nowMs);
  }

  /** What a read at `nowMs` returns. */
  read(id: AccountId, kind: ContactKind, nowMs: number): StoredContact | undefined {
    const slot = this.slots.get(id)?.[kind];
    if (!slot) return undefined;
    if (slot.pending && slot.pending.visibleAt <= nowMs) {
      slot.committed = slot.pending.value;
      slot.pending = undefined;
    }
    return slot.committed;
  }

  /** Stores a value (undefined deletes) that reads see from `visibleAt` on. */
  write(id: AccountId, kind: ContactKind, value: StoredContact | undefined, nowMs: number, visibleAt = nowMs): void {
    let kinds = this.slots.get(id);
    if (!kinds) this.slots.set(id, (kinds = {}));
    const slot = (kinds[kind] ??= { revision: 0 });
    this.read(id, kind, nowMs);
    slot.revision = ++this.revision;
    if (visibleAt <= nowMs) {
      slot.committed = value;
      slot.pending = undefined;
    } else slot.pending = { value, visibleAt };
  }

  /** The value every read eventually returns. */
  settled(id: AccountId, kind: ContactKind): StoredContact | undefined {
    const slot = this.slots.get(id)?.[kind];
    return slot?.pending ? slot.pending.value : slot?.committed;
  }
}
