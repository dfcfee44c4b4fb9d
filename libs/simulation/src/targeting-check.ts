import { AccountOutcome, ContactKind, SyncConfig, TARGETING_SKIP_REASONS } from '@contact-sync/domain';
import { OrganizationTree } from '@contact-sync/simulated-aws';
import { AppliedWrite } from './write-ledger';

/** What the targeting rules say of one account, worked out from the organization as it is: a reason and rule, or targeted. */
export interface ExpectedTargeting {
  readonly reason?: string;
  readonly rule?: string;
}

const TARGETING = new Set<string>(TARGETING_SKIP_REASONS);

/** Failures of the targeting reads themselves: the member was neither read, compared nor written. */
const TARGETING_UNREADABLE = new Set<string>(['TAGS_UNREADABLE', 'PARENTS_UNREADABLE', 'ACCOUNT_UNREADABLE']);

/** Whether the worker went past the targeting rules for this outcome (it read, compared or wrote the member). */
const treatedAsTargeted = (o: AccountOutcome): boolean =>
  !(o.status === 'SKIPPED' && o.skipReason === 'KIND_DISABLED') && !TARGETING_UNREADABLE.has(o.errorCode ?? '');

/** A configuration's id and OU lists as sets, made once per configuration: a check asks about every account. */
interface RuleSets {
  readonly excludedIds: ReadonlySet<string>;
  readonly excludedUnits: ReadonlySet<string>;
  readonly includedUnits: ReadonlySet<string>;
}

const ruleSets = new WeakMap<SyncConfig, RuleSets>();

function setsOf(config: SyncConfig): RuleSets {
  let sets = ruleSets.get(config);
  if (!sets) {
    sets = {
      excludedIds: new Set(config.excludedAccountIds),
      excludedUnits: new Set(config.excludedOrganizationalUnits),
      includedUnits: new Set(config.includedOrganizationalUnits),
    };
    ruleSets.set(config, sets);
  }
  return sets;
}

/**
 * {@link expectedTargeting}'s answers for one tree while its revision stays the same (every placement,
 * move, removal or tag change of an account counts one), by configuration object (a stored
 * configuration is never changed in place) and account: the simulator judges every write request as
 * it is sent, thousands per run, while the tree seldom changes.
 */
interface Answers {
  readonly revision: number;
  readonly byConfig: WeakMap<SyncConfig, Map<string, ExpectedTargeting>>;
}

const answersByTree = new WeakMap<OrganizationTree, Answers>();

/**
 * The targeting of one account, worked out here from the configuration and the simulated tree,
 * apart from the domain's rules (so that a fault in them shows): its id, then every OU above it
 * (following parents, the nearest excluded one named), then its tags; exclusions before inclusions.
 */
export function expectedTargeting(config: SyncConfig, tree: OrganizationTree, accountId: string): ExpectedTargeting {
  let answers = answersByTree.get(tree);
  if (answers?.revision !== tree.revision) answersByTree.set(tree, (answers = { revision: tree.revision, byConfig: new WeakMap() }));
  let byAccount = answers.byConfig.get(config);
  if (!byAccount) answers.byConfig.set(config, (byAccount = new Map()));
  let answer = byAccount.get(accountId);
  if (!answer) byAccount.set(accountId, (answer = Object.freeze(workedOut(config, tree, accountId))));
  return answer;
}

/** The OUs above an account (nearest first, the root left out) and a test of its tags against a tag rule, read from the simulated tree. */
function placementOf(tree: OrganizationTree, accountId: string) {
  const ancestors: string[] = [];
  for (let at = tree.parentOf(accountId); at !== undefined && at !== tree.rootId; at = tree.parentOf(at)) ancestors.push(at);
  const tags = tree.tagsOf(accountId);
  const has = (rule: { key: string; value?: string }) => rule.key in tags && (rule.value === undefined || tags[rule.key] === rule.value);
  return { ancestors, has };
}

function workedOut(config: SyncConfig, tree: OrganizationTree, accountId: string): ExpectedTargeting {
  const sets = setsOf(config);
  if (sets.excludedIds.has(accountId)) return { reason: 'EXCLUDED_BY_ID' };
  const { ancestors, has } = placementOf(tree, accountId);
  const excludedUnit = ancestors.find((unit) => sets.excludedUnits.has(unit));
  if (excludedUnit) return { reason: 'EXCLUDED_BY_OU', rule: excludedUnit };
  if (sets.includedUnits.size > 0 && !ancestors.some((unit) => sets.includedUnits.has(unit))) return { reason: 'NOT_IN_INCLUDED_OU' };
  const excludedTag = config.excludedTags.find(has);
  if (excludedTag)
    return {
      reason: 'EXCLUDED_BY_TAG',
      rule: excludedTag.value === undefined ? excludedTag.key : `${excludedTag.key}=${excludedTag.value}`,
    };
  if (config.includedTags.length > 0 && !config.includedTags.some(has)) return { reason: 'NOT_TAGGED_FOR_INCLUSION' };
  return {};
}

/**
 * Whether one targeting reason (and rule) holds of an account under a configuration and tree, on its
 * own, whatever the rules before it say: for an account moved or retagged while it was being
 * targeted, whose OUs and tags were read at different times, so that a rule later in the order may
 * have been the first one the reads it had showed.
 */
export function reasonHolds(
  config: SyncConfig,
  tree: OrganizationTree,
  accountId: string,
  reason: string,
  rule: string | undefined,
): boolean {
  const sets = setsOf(config);
  const { ancestors, has } = placementOf(tree, accountId);
  switch (reason) {
    case 'EXCLUDED_BY_ID':
      return sets.excludedIds.has(accountId);
    case 'EXCLUDED_BY_OU':
      return rule !== undefined && sets.excludedUnits.has(rule) && ancestors.includes(rule);
    case 'NOT_IN_INCLUDED_OU':
      return sets.includedUnits.size > 0 && !ancestors.some((unit) => sets.includedUnits.has(unit));
    case 'EXCLUDED_BY_TAG':
      return config.excludedTags.some((r) => has(r) && (r.value === undefined ? r.key : `${r.key}=${r.value}`) === rule);
    case 'NOT_TAGGED_FOR_INCLUSION':
      return config.includedTags.length > 0 && !config.includedTags.some(has);
    default:
      return false;
  }
}

/**
 * Why a configuration and tree leave one account-kind unwritten, worked out as {@link expectedTargeting}
 * does: dry run, the kind not synced, or a targeting rule's reason; undefined when it is to be synced.
 */
export function leftOutBy(config: SyncConfig, tree: OrganizationTree, accountId: string, kind: ContactKind): string | undefined {
  if (config.dryRun) return 'DRY_RUN';
  if (!config.kinds.includes(kind)) return 'KIND_DISABLED';
  return expectedTargeting(config, tree, accountId).reason;
}

/** Outcomes that say the member is no longer an ACTIVE member: true whatever the rules say, and nothing was written. */
const GONE = new Set<string>(['ACCOUNT_NOT_ACTIVE', 'ACCOUNT_LEFT']);

/**
 * Account-kinds the targeting got wrong: a targeting skip whose reason or rule no configuration in
 * force during the simulation gives, an outcome other than a skip for an account that every one of
 * them leaves out, and a write applied to such an account. `configs` are every configuration stored
 * during the simulation, oldest first: an item reads the one in force when it is worked, so an
 * outcome is held to the rules of one of them (the write ledger holds each write to the exact one in
 * force when it was sent, as `wronglyWritten`). An id excluded mid-run may have outcomes and writes
 * from before, so an account excluded by id is only held to its skips. An account moved or retagged
 * during the simulation (`reshapedAt`) is held only to the skips and writes made after its last
 * change (a write by when it was sent): before it, the tree said something else of it. A skip of it
 * need only give a reason that holds on its own ({@link reasonHolds}): its OUs and tags may have
 * been read on either side of the change. Its other outcomes are not held to the tree: a member read
 * just before it moved is recorded after, and a read changes nothing; what it wrote is held to the
 * tree when the write was sent.
 */
export function mistargeted(
  configs: readonly SyncConfig[],
  tree: OrganizationTree,
  outcomes: readonly AccountOutcome[],
  applied: readonly AppliedWrite[],
  reshapedAt: ReadonlyMap<string, number> = new Map(),
): number {
  // An outcome's time is parsed only for an account that was reshaped: most never were.
  const before = (accountId: string, at: number | string) => {
    const reshaped = reshapedAt.get(accountId);
    return reshaped !== undefined && (typeof at === 'number' ? at : Date.parse(at)) < reshaped;
  };
  const expected = new Map<string, readonly ExpectedTargeting[]>();
  const expect = (id: string) => {
    let found = expected.get(id);
    if (!found) {
      found = configs.map((config) => expectedTargeting(config, tree, id));
      expected.set(id, found);
    }
    return found;
  };
  /** Whether some configuration let the account in (or left it out only by id, which may change mid-run). */
  const letIn = (id: string) => expect(id).some((want) => want.reason === undefined || want.reason === 'EXCLUDED_BY_ID');
  let bad = 0;
  for (const o of outcomes) {
    if (before(o.accountId, o.at)) continue;
    if (o.skipReason !== undefined && TARGETING.has(o.skipReason)) {
      const reason = o.skipReason;
      const right =
        expect(o.accountId).some((want) => reason === want.reason && o.skipRule === want.rule) ||
        (reshapedAt.has(o.accountId) && configs.some((config) => reasonHolds(config, tree, o.accountId, reason, o.skipRule)));
      if (!right) bad += 1;
    } else if (!reshapedAt.has(o.accountId) && treatedAsTargeted(o) && !GONE.has(o.skipReason ?? '') && !letIn(o.accountId)) bad += 1;
  }
  for (const w of applied) {
    if (before(w.accountId, w.sentAt)) continue;
    if (!letIn(w.accountId)) bad += 1;
  }
  return bad;
}
