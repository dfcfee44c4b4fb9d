import { AccountId } from '../accounts/account-id';
import { AccountState } from '../accounts/member-account';
import { SyncConfig } from '../config/sync-config';
import { ContactKind } from '../contacts/contact-kind';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { OrganizationPort } from '../ports/organization.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { unitsAboveAccount } from '../organization/organization-walk';
import {
  AccountTags,
  OrganizationalUnitId,
  TagRule,
  tagRuleMatches,
  tagRuleText,
  TargetingRules,
  TargetingSkipReason,
} from '../targeting/targeting-rules';

/** One rule of the configuration, and whether it leaves the account out, lets it in, or was not reached. */
export interface RuleCheck {
  /** The configuration field, with the rule: `excludedAccountIds`, `excludedOrganizationalUnits ou-ab12-cd34ef56`, `includedTags team`. */
  readonly rule: string;
  /** MATCH: the rule applies to the account; NO_MATCH: it does not. */
  readonly result: 'MATCH' | 'NO_MATCH';
}

/** Why an account is or is not written, and what that was decided from. Ids, OU ids and rules only: no tag values. */
export interface TargetingExplanation {
  readonly accountId: AccountId;
  /** False when the account is not in the organization. */
  readonly inOrganization: boolean;
  readonly state?: AccountState;
  readonly isManagement?: boolean;
  /** The OUs above the account, outermost first. */
  readonly organizationalUnits?: readonly OrganizationalUnitId[];
  readonly targeted: boolean;
  /** Why not, when it is not targeted. */
  readonly reason?: TargetingSkipReason | 'NOT_IN_ORGANIZATION' | 'MANAGEMENT_ACCOUNT' | 'NOT_ACTIVE';
  /** The rule behind the reason: the OU id, or the tag rule. */
  readonly rule?: string;
  /** The kinds a sync would write to it (none when it is not targeted). */
  readonly kinds: readonly ContactKind[];
  /** Every rule of the configuration, checked against the account (tags only read when a tag rule exists). */
  readonly checks: readonly RuleCheck[];
}

/**
 * Explains the targeting of one account: describes it, asks for the OUs above it (a call per level),
 * reads its tags when a tag rule exists, and checks every rule, in the order a run does.
 */
export class ExplainTargeting {
  constructor(
    private readonly organization: OrganizationPort,
    private readonly structure: OrganizationStructurePort,
    private readonly config: SyncConfigPort,
  ) {}

  /** Explains one account under the stored configuration, or under `candidate` when given (a preview). */
  async execute(accountId: AccountId, candidate?: SyncConfig): Promise<TargetingExplanation> {
    const config = candidate ?? (await this.config.load()).config;
    const account = await this.organization.describeAccount(accountId);
    const units = account ? await unitsAboveAccount(this.structure, accountId) : undefined;
    if (!account || !units)
      return { accountId, inOrganization: false, targeted: false, reason: 'NOT_IN_ORGANIZATION', kinds: [], checks: [] };
    const rules = new TargetingRules(config);
    const tags = rules.hasTagRules ? await this.structure.tagsOf(accountId) : undefined;
    const checks: RuleCheck[] = [
      ...(config.excludedAccountIds.length > 0
        ? [{ rule: 'excludedAccountIds', result: config.excludedAccountIds.includes(accountId) ? 'MATCH' : 'NO_MATCH' } as const]
        : []),
      ...config.excludedOrganizationalUnits.map((ou) => unitCheck('excludedOrganizationalUnits', ou, units)),
      ...config.includedOrganizationalUnits.map((ou) => unitCheck('includedOrganizationalUnits', ou, units)),
      ...config.excludedTags.map((rule) => tagCheck('excludedTags', rule, tags ?? {})),
      ...config.includedTags.map((rule) => tagCheck('includedTags', rule, tags ?? {})),
    ];
    const base = {
      accountId,
      inOrganization: true,
      state: account.state,
      isManagement: account.isManagement,
      organizationalUnits: units,
      checks,
    };
    if (account.isManagement) return { ...base, targeted: false, reason: 'MANAGEMENT_ACCOUNT', kinds: [] };
    if (account.state !== 'ACTIVE') return { ...base, targeted: false, reason: 'NOT_ACTIVE', kinds: [] };
    const skip = rules.decide(accountId, units, tags);
    if (skip) return { ...base, targeted: false, reason: skip.reason, ...(skip.rule !== undefined ? { rule: skip.rule } : {}), kinds: [] };
    return { ...base, targeted: true, kinds: config.kinds };
  }
}

const unitCheck = (field: string, unit: OrganizationalUnitId, above: readonly OrganizationalUnitId[]): RuleCheck => ({
  rule: `${field} ${unit}`,
  result: above.includes(unit) ? 'MATCH' : 'NO_MATCH',
});

const tagCheck = (field: string, rule: TagRule, tags: AccountTags): RuleCheck => ({
  rule: `${field} ${tagRuleText(rule)}`,
  result: tagRuleMatches(rule, tags) ? 'MATCH' : 'NO_MATCH',
});
