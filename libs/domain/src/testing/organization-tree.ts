import fc from 'fast-check';
import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';
import { SyncConfigInput } from '../config/sync-config';
import { OrganizationStructurePort, ParentRef, UnitPage } from '../ports/organization-structure.port';
import { AccountPage } from '../ports/organization.port';
import { DomainError } from '../shared/domain-error';
import { AccountTags, OrganizationalUnitId, TagRule } from '../targeting/targeting-rules';

/** An organization's tree: its OUs (a parent of undefined is the root), which OU holds each account (none: the root), and account tags. */
export interface TreeSpec {
  readonly rootId: string;
  readonly units: ReadonlyArray<{ readonly id: OrganizationalUnitId; readonly parent?: OrganizationalUnitId }>;
  readonly placement: Readonly<Record<AccountId, OrganizationalUnitId | undefined>>;
  readonly tags: Readonly<Record<AccountId, AccountTags>>;
}

/** The tag keys and values the arbitraries draw from: few, so that rules and tags meet. */
export const TAG_KEYS = ['env', 'team', 'contact-sync:exclude'] as const;
/** The tag values the arbitraries draw from. */
export const TAG_VALUES = ['prod', 'dev', 'true', 'blue'] as const;

/** The id of generated OU `n`. */
export const unitIdOf = (n: number): OrganizationalUnitId => `ou-test-${String(n).padStart(8, '0')}`;

const tagsArb: fc.Arbitrary<AccountTags> = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...TAG_KEYS), fc.constantFrom(...TAG_VALUES)), { maxLength: 3, selector: ([key]) => key })
  .map((pairs) => Object.fromEntries(pairs));

/**
 * A tree over `accountIds`: up to `maxUnits` OUs, each under the root or an earlier OU (so nesting
 * goes several levels deep), every account in the root or an OU, and each with a few tags.
 */
export const treeArb = (accountIds: readonly AccountId[], maxUnits = 8): fc.Arbitrary<TreeSpec> =>
  fc.integer({ min: 0, max: maxUnits }).chain((count) =>
    fc.record({
      rootId: fc.constant('r-test'),
      units: fc
        .tuple(...Array.from({ length: count }, (_, n) => fc.integer({ min: -1, max: n - 1 })))
        .map((parents) => parents.map((parent, n) => (parent < 0 ? { id: unitIdOf(n) } : { id: unitIdOf(n), parent: unitIdOf(parent) }))),
      placement: fc
        .tuple(...accountIds.map(() => fc.integer({ min: -1, max: count - 1 })))
        .map((at) => Object.fromEntries(accountIds.map((id, i) => [id, (at[i] as number) < 0 ? undefined : unitIdOf(at[i] as number)]))),
      tags: fc
        .tuple(...accountIds.map(() => tagsArb))
        .map((all): Record<AccountId, AccountTags> => Object.fromEntries(accountIds.map((id, i) => [id, all[i] ?? {}]))),
    }),
  );

const tagRuleArb: fc.Arbitrary<TagRule> = fc.oneof(
  fc.record({ key: fc.constantFrom(...TAG_KEYS) }),
  fc.record({ key: fc.constantFrom(...TAG_KEYS), value: fc.constantFrom(...TAG_VALUES) }),
);

/** Targeting rules over a tree: some OUs excluded or included, some tag rules, some ids excluded (the input form). */
export const targetingInputArb = (tree: TreeSpec, accountIds: readonly AccountId[]): fc.Arbitrary<SyncConfigInput> => {
  const units = tree.units.map((u) => u.id);
  return fc.record({
    excludedAccountIds: fc.subarray([...accountIds], { maxLength: Math.min(2, accountIds.length) }),
    excludedOrganizationalUnits: fc.subarray(units, { maxLength: Math.min(2, units.length) }),
    includedOrganizationalUnits: fc.oneof(
      { arbitrary: fc.constant<string[]>([]), weight: 2 },
      { arbitrary: fc.subarray(units, { maxLength: Math.min(2, units.length) }), weight: 1 },
    ),
    excludedTags: fc.array(tagRuleArb, { maxLength: 2 }),
    includedTags: fc.oneof(
      { arbitrary: fc.constant<TagRule[]>([]), weight: 3 },
      { arbitrary: fc.array(tagRuleArb, { minLength: 1, maxLength: 2 }), weight: 1 },
    ),
  });
};

/** The operations a {@link TreeOrganization} answers, counted. */
export interface TreeCalls {
  rootId: number;
  accountsUnder: number;
  unitsUnder: number;
  parentOf: number;
  tagsOf: number;
}

/** An organization's structure served from a {@link TreeSpec}, in pages of `pageSize`, counting its calls. */
export class TreeOrganization implements OrganizationStructurePort {
  readonly calls: TreeCalls = { rootId: 0, accountsUnder: 0, unitsUnder: 0, parentOf: 0, tagsOf: 0 };

  constructor(
    private readonly tree: TreeSpec,
    private readonly accounts: readonly MemberAccount[],
    private readonly pageSize = 2,
  ) {}

  async rootId(): Promise<string> {
    this.calls.rootId += 1;
    return this.tree.rootId;
  }

  async accountsUnder(parentId: string, cursor?: string): Promise<AccountPage> {
    this.calls.accountsUnder += 1;
    const held = this.accounts.filter((a) => (this.tree.placement[a.id] ?? this.tree.rootId) === parentId);
    return this.page(held, cursor, (accounts, next) => (next === undefined ? { accounts } : { accounts, next }));
  }

  async unitsUnder(parentId: string, cursor?: string): Promise<UnitPage> {
    this.calls.unitsUnder += 1;
    const held = this.tree.units.filter((u) => (u.parent ?? this.tree.rootId) === parentId).map((u) => u.id);
    return this.page(held, cursor, (units, next) => (next === undefined ? { units } : { units, next }));
  }

  async parentOf(childId: string): Promise<ParentRef | undefined> {
    this.calls.parentOf += 1;
    const unit = this.tree.units.find((u) => u.id === childId);
    const parent = unit
      ? (unit.parent ?? this.tree.rootId)
      : this.accounts.some((a) => a.id === childId)
        ? this.tree.placement[childId]
        : null;
    if (parent === null) return undefined;
    return parent === undefined || parent === this.tree.rootId ? { id: this.tree.rootId, isRoot: true } : { id: parent, isRoot: false };
  }

  async tagsOf(accountId: AccountId): Promise<AccountTags> {
    this.calls.tagsOf += 1;
    // As Organizations answers TargetNotFoundException: an unknown account has no tags to read, not empty ones.
    if (!this.accounts.some((a) => a.id === accountId))
      throw new DomainError('NOT_FOUND', `account ${accountId} is not in the organization`);
    return this.tree.tags[accountId] ?? {};
  }

  private page<T, P>(all: readonly T[], cursor: string | undefined, make: (items: T[], next?: string) => P): P {
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = start + this.pageSize;
    return make(all.slice(start, end), end < all.length ? String(end) : undefined);
  }
}
