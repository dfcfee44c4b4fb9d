import { AccountId } from '../accounts/account-id';
import { SyncConfig } from '../config/sync-config';
import { ContactKind } from '../contacts/contact-kind';
import { ContactSlot, differingFields } from '../contacts/contact-value';
import { ContactFingerprints } from '../fingerprints/fingerprint';
import { ClockPort } from '../ports/clock.port';
import { OrganizationPort } from '../ports/organization.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { ResilientContacts } from '../resilience/resilient-contacts';
import { ContactApiError } from '../resilience/contact-api-error';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { SyncTarget } from '../sync/select-targets';
import { SyncRun } from '../sync/sync-run';
import { isActiveMember, listPages } from '../organization/organization-walk';
import { TagReader } from '../organization/tag-reader';
import { skipText, TargetingRules, TargetingSkip } from '../targeting/targeting-rules';
import { LaunchRun } from './launch-run';
import { readManagementValues } from './management-values';
import { compareMember } from './member-comparison';

/** One line of a plan: what a sync would do to one account and kind. */
export interface PlanEntry {
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly action: 'PUT' | 'DELETE' | 'UNCHANGED' | 'SKIP' | 'ERROR';
  /** Why: the skip reason (a targeting rule with its rule: `EXCLUDED_BY_OU ou-ab12-cd34ef56`), or the error code. */
  readonly detail?: string;
  /**
   * Whether the member has a value of this kind (absent when it could not be read). A plan carries
   * fingerprints only when asked (a saved plan): they need the fingerprint key, which only the audit's
   * writers hold.
   */
  readonly setOnMember?: boolean;
  /** For a PUT over a member's value: the names of the fields that differ (never their values). */
  readonly fields?: readonly string[];
  /** With {@link ReconcileRequest.fingerprints}, for a compared member: the fingerprint of its value now. */
  readonly beforeFingerprint?: string;
  /** With {@link ReconcileRequest.fingerprints}, for a compared member: the fingerprint of the value a sync leaves it with. */
  readonly afterFingerprint?: string;
}

/** A dry run's result. */
export interface Plan {
  readonly entries: readonly PlanEntry[];
  readonly pending: number;
  readonly errors: number;
  /** With {@link ReconcileRequest.fingerprints}: the fingerprint of the management account's value of each kind compared. */
  readonly managementFingerprints?: Partial<Record<ContactKind, string>>;
}

/** What to compare, and whether to repair. */
export interface ReconcileRequest {
  /** Only compare and return the plan, write nothing. Otherwise a run is launched; with the configuration in dry run its workers write nothing and report what they would have done. */
  readonly dryRun: boolean;
  /** The kinds to compare; every enabled kind when absent. */
  readonly kinds?: readonly ContactKind[];
  /** Extra exclusions for this run, on top of the config's. */
  readonly exclude?: readonly AccountId[];
  readonly runId: string;
  readonly initiator: string;
  /** Told after each account-kind is compared. */
  readonly onProgress?: (done: number, total: number) => void;
  /** A configuration to plan with instead of the stored one (to preview it); dry runs only. */
  readonly config?: SyncConfig;
  /**
   * Dry runs: fingerprint the values compared (keyed as the audit's are), so that the plan can be
   * saved and checked later without holding a contact value.
   */
  readonly fingerprints?: ContactFingerprints;
  /** Runs: only these member accounts (a saved plan's), instead of every eligible one. */
  readonly onlyAccounts?: readonly AccountId[];
}

/** A dry run's plan, or the run launched to repair the drift. */
export type ReconcileResult = { readonly status: 'PLANNED'; readonly plan: Plan } | { readonly status: 'STARTED'; readonly run: SyncRun };

/**
 * Compares every eligible account with the management account for every enabled kind. In a dry run
 * it returns the plan and writes nothing; otherwise it launches a run that repairs the drift.
 */
export class Reconcile {
  constructor(
    private readonly organization: OrganizationPort,
    private readonly structure: OrganizationStructurePort,
    private readonly config: SyncConfigPort,
    private readonly contacts: ResilientContacts,
    private readonly tags: TagReader,
    private readonly launch: LaunchRun,
    private readonly clock: ClockPort,
  ) {}

  /** Plans (dry run) or launches the repair. */
  async execute(request: ReconcileRequest): Promise<ReconcileResult> {
    const loaded = request.config && request.dryRun ? request.config : (await this.config.load()).config;
    const config: SyncConfig = { ...loaded, excludedAccountIds: [...loaded.excludedAccountIds, ...(request.exclude ?? [])] };
    const kinds = config.kinds.filter((kind) => !request.kinds || request.kinds.includes(kind));
    if (!request.dryRun) {
      // The run lists the organization itself, after it has claimed its kinds, even when a plan just
      // did: an account that joined since, whose onboarding run this one supersedes, must be listed.
      const run = await this.launch.execute({
        runId: request.runId,
        trigger: 'RECONCILE',
        initiator: request.initiator,
        kinds,
        requestedAt: new Date(this.clock.now()).toISOString(),
        supersedes: true,
        dryRun: config.dryRun,
        ...(request.exclude ? { excludeAccounts: request.exclude } : {}),
        ...(request.onlyAccounts ? { onlyAccounts: request.onlyAccounts } : {}),
      });
      return { status: 'STARTED', run };
    }
    return { status: 'PLANNED', plan: await this.plan(config, kinds, request.onProgress, request.fingerprints) };
  }

  /**
   * Reads every ACTIVE member that the targeting rules leave in and compares it, kind by kind; the
   * members a rule leaves out are in the plan as SKIP with the rule. The tree is walked only with OU
   * rules, and tags are read (paced) only with tag rules, once per member the id and OU rules leave in.
   */
  private async plan(
    config: SyncConfig,
    kinds: readonly ContactKind[],
    onProgress?: (done: number, total: number) => void,
    fingerprints?: ContactFingerprints,
  ): Promise<Plan> {
    const { values: desired, unreadable } = await readManagementValues(this.contacts, kinds);
    if (unreadable[0]) throw unreadable[0].error;
    const rules = new TargetingRules(config);
    const members: Array<{ readonly accountId: AccountId; readonly skip?: TargetingSkip }> = [];
    const seen = new Set<AccountId>();
    if (kinds.length > 0) {
      for await (const page of listPages(this.organization, this.structure, rules.hasUnitRules)) {
        for (const { account, units } of page.accounts) {
          if (!isActiveMember(account) || seen.has(account.id)) continue;
          seen.add(account.id);
          const skip = rules.byId(account.id) ?? (units && rules.byUnits(units));
          members.push(skip ? { accountId: account.id, skip } : { accountId: account.id });
        }
      }
    }
    const total = members.length * kinds.length;
    let done = 0;
    const perAccount = await Promise.all(
      members.map(async ({ accountId, skip }) => {
        const decided = skip ?? (rules.hasTagRules ? await this.byTags(rules, accountId) : undefined);
        const entries = await Promise.all(
          kinds.map(async (kind): Promise<PlanEntry> => {
            const target = { accountId, kind };
            const entry =
              decided === 'TAGS_UNREADABLE'
                ? { ...target, action: 'ERROR' as const, detail: decided }
                : decided
                  ? { ...target, action: 'SKIP' as const, detail: skipText(decided) }
                  : await this.compare(target, desired.get(kind), config.propagateDeletions, fingerprints);
            done += 1;
            onProgress?.(done, total);
            return entry;
          }),
        );
        return entries;
      }),
    );
    const entries = perAccount.flat();
    return {
      entries,
      pending: entries.filter((e) => e.action === 'PUT' || e.action === 'DELETE').length,
      errors: entries.filter((e) => e.action === 'ERROR').length,
      ...(fingerprints
        ? { managementFingerprints: Object.fromEntries(kinds.map((kind) => [kind, fingerprints.of(desired.get(kind))])) }
        : {}),
    };
  }

  private async byTags(rules: TargetingRules, accountId: AccountId): Promise<TargetingSkip | 'TAGS_UNREADABLE' | undefined> {
    try {
      // Fails closed: tags that could not be read are never taken as no tags.
      const tags = await this.tags.tagsOf(accountId);
      return tags === undefined ? 'TAGS_UNREADABLE' : rules.byTags(tags);
    } catch {
      return 'TAGS_UNREADABLE';
    }
  }

  private async compare(
    target: SyncTarget,
    wanted: ContactSlot,
    propagateDeletions: boolean,
    fingerprints?: ContactFingerprints,
  ): Promise<PlanEntry> {
    try {
      const { current, diff } = await compareMember(this.contacts, target.accountId, target.kind, wanted, propagateDeletions);
      // What the member holds after a sync: the management value, unless this plan leaves it as it is.
      const after = diff.action === 'PUT' || diff.action === 'DELETE' ? wanted : current;
      const printed = fingerprints ? { beforeFingerprint: fingerprints.of(current), afterFingerprint: fingerprints.of(after) } : {};
      const base = { ...target, setOnMember: current !== undefined, ...printed };
      if (diff.action === 'PUT')
        return current === undefined ? { ...base, action: 'PUT' } : { ...base, action: 'PUT', fields: differingFields(wanted, current) };
      if (diff.action === 'DELETE') return { ...base, action: 'DELETE' };
      if (diff.action === 'SKIP') return { ...base, action: 'SKIP', detail: diff.reason };
      return { ...base, action: 'UNCHANGED' };
    } catch (error) {
      return { ...target, action: 'ERROR', detail: error instanceof ContactApiError ? error.code : 'UNKNOWN' };
    }
  }
}
