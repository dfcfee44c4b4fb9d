import { AccountId } from '../accounts/account-id';

/** An organizational unit's id, `ou-` then the root's suffix and the unit's own. */
export type OrganizationalUnitId = string;

/** A tag rule: a key, or a key with the one value it must have. */
export interface TagRule {
  readonly key: string;
  readonly value?: string;
}

/** An account's tags, by key. */
export type AccountTags = Readonly<Record<string, string>>;

/**
 * Why the configuration's targeting rules leave an account out. The rules are checked in this order
 * and the first that leaves the account out is its reason: the account's id, then its OUs, then its
 * tags; within each, exclusions before inclusions. An exclusion always wins: no inclusion brings an
 * excluded account back.
 */
export const TARGETING_SKIP_REASONS = [
  'EXCLUDED_BY_ID',
  'EXCLUDED_BY_OU',
  'NOT_IN_INCLUDED_OU',
  'EXCLUDED_BY_TAG',
  'NOT_TAGGED_FOR_INCLUSION',
] as const;
/** Why a targeting rule leaves an account out: one of {@link TARGETING_SKIP_REASONS}. */
export type TargetingSkipReason = (typeof TARGETING_SKIP_REASONS)[number];

/** An account left out by a rule, and which rule: the OU id for EXCLUDED_BY_OU, the tag rule (`key` or `key=value`) for EXCLUDED_BY_TAG. */
export interface TargetingSkip {
  readonly reason: TargetingSkipReason;
  readonly rule?: string;
}

/** The configuration fields the rules are made of. */
export interface TargetingConfig {
  readonly excludedAccountIds: readonly AccountId[];
  readonly excludedOrganizationalUnits: readonly OrganizationalUnitId[];
  readonly includedOrganizationalUnits: readonly OrganizationalUnitId[];
  readonly excludedTags: readonly TagRule[];
  readonly includedTags: readonly TagRule[];
}

/** How a tag rule is written in reasons: `key`, or `key=value`. */
export const tagRuleText = (rule: TagRule): string => (rule.value === undefined ? rule.key : `${rule.key}=${rule.value}`);

/** A skip as one line, as plans, audit entries and reports show it: `EXCLUDED_BY_OU ou-ab12-cd34ef56`. */
export const skipText = (skip: { readonly reason: string; readonly rule?: string }): string =>
  skip.rule === undefined ? skip.reason : `${skip.reason} ${skip.rule}`;

/** Whether an account's tags match a rule: it has the key, with the rule's value if the rule names one. */
export const tagRuleMatches = (rule: TagRule, tags: AccountTags): boolean =>
  Object.prototype.hasOwnProperty.call(tags, rule.key) && (rule.value === undefined || tags[rule.key] === rule.value);

/**
 * The configuration's targeting rules, prepared for checking many accounts: sets built once, so an
 * account costs a look-up per OU above it and per tag rule, whatever the lists' lengths.
 */
export class TargetingRules {
  private readonly excludedIds: ReadonlySet<AccountId>;
  private readonly excludedUnits: ReadonlySet<OrganizationalUnitId>;
  private readonly includedUnits: ReadonlySet<OrganizationalUnitId>;

  constructor(
    private readonly config: TargetingConfig,
    extraExcludedIds: readonly AccountId[] = [],
  ) {
    this.excludedIds = new Set([...config.excludedAccountIds, ...extraExcludedIds]);
    this.excludedUnits = new Set(config.excludedOrganizationalUnits);
    this.includedUnits = new Set(config.includedOrganizationalUnits);
  }

  /** Whether any rule is about OUs: then a listing needs each account's OUs. */
  get hasUnitRules(): boolean {
    return this.excludedUnits.size > 0 || this.includedUnits.size > 0;
  }

  /** Whether any rule is about tags: then each account's tags must be read. */
  get hasTagRules(): boolean {
    return this.config.excludedTags.length > 0 || this.config.includedTags.length > 0;
  }

  /** EXCLUDED_BY_ID when the account's id is excluded (by the configuration or the run). */
  byId(accountId: AccountId): TargetingSkip | undefined {
    return this.excludedIds.has(accountId) ? { reason: 'EXCLUDED_BY_ID' } : undefined;
  }

  /**
   * By the OUs above the account (`units`, outermost first, its parent last): EXCLUDED_BY_OU naming
   * the excluded OU nearest the account, else NOT_IN_INCLUDED_OU when OUs are included and none is above it.
   */
  byUnits(units: readonly OrganizationalUnitId[]): TargetingSkip | undefined {
    for (let i = units.length - 1; i >= 0; i -= 1) {
      const unit = units[i] as OrganizationalUnitId;
      if (this.excludedUnits.has(unit)) return { reason: 'EXCLUDED_BY_OU', rule: unit };
    }
    if (this.includedUnits.size > 0 && !units.some((unit) => this.includedUnits.has(unit))) return { reason: 'NOT_IN_INCLUDED_OU' };
    return undefined;
  }

  /** By the account's tags: EXCLUDED_BY_TAG naming the first matching exclusion, else NOT_TAGGED_FOR_INCLUSION when tags are included and none matches. */
  byTags(tags: AccountTags): TargetingSkip | undefined {
    const excluded = this.config.excludedTags.find((rule) => tagRuleMatches(rule, tags));
    if (excluded) return { reason: 'EXCLUDED_BY_TAG', rule: tagRuleText(excluded) };
    if (this.config.includedTags.length > 0 && !this.config.includedTags.some((rule) => tagRuleMatches(rule, tags)))
      return { reason: 'NOT_TAGGED_FOR_INCLUSION' };
    return undefined;
  }

  /**
   * Every rule in order, for one account. `units` and `tags` are needed only when rules of their kind
   * exist; a fact that is needed and missing throws.
   */
  decide(accountId: AccountId, units?: readonly OrganizationalUnitId[], tags?: AccountTags): TargetingSkip | undefined {
    if (this.hasUnitRules && units === undefined) throw new RangeError('the OUs above the account are needed');
    if (this.hasTagRules && tags === undefined) throw new RangeError("the account's tags are needed");
    return this.byId(accountId) ?? (units && this.byUnits(units)) ?? (tags && this.byTags(tags)) ?? undefined;
  }
}

const prepared = new WeakMap<TargetingConfig, TargetingRules>();

/** The rules of a configuration, prepared once per configuration object (configurations are immutable). */
export function targetingRulesOf(config: TargetingConfig): TargetingRules {
  let rules = prepared.get(config);
  if (!rules) {
    rules = new TargetingRules(config);
    prepared.set(config, rules);
  }
  return rules;
}
