import { AccountOutcome, AuditEntry, ContactKind, heldKinds, SyncConfig, SyncRun, TARGETING_SKIP_REASONS } from '@contact-sync/domain';
import { ModelMark, OrganizationModel, StoredContact } from '@contact-sync/simulated-aws';
import { SimulatedAws } from '@contact-sync/composition';
import { AppliedWrite } from './write-ledger';
import { expectedTargeting, leftOutBy, mistargeted } from './targeting-check';
import type { DeployedSystem } from './deployed-system';

const TARGETING: ReadonlySet<string> = new Set(TARGETING_SKIP_REASONS);

/** The promises checked once the system is quiet. Each must be 0. */
export interface Invariants {
  /**
   * Account-kinds of ACTIVE members, left in by the final configuration, tree and tags, that do not
   * hold the management account's value at the end although something obliged the system to bring
   * them in line: whether or not a run listed them (see {@link outOfSync}).
   */
  readonly outOfSync: number;
  /** Writes applied to an account-kind the rules left out when the write was sent: dry run, a kind not synced, an id, OU or tag rule. */
  readonly wronglyWritten: number;
  /** Targeted account-kinds of finished runs with no outcome. */
  readonly lost: number;
  /** Runs not finished, or finished without their notification. */
  readonly stuckRuns: number;
  /** Audit entries that disagree with the writes the simulated API applied for their run, and applied writes with no entry. */
  readonly auditMismatches: number;
  /** Account-kinds skipped for the wrong targeting reason, or written or compared although a rule leaves them out. */
  readonly mistargeted: number;
}

/** Every promise kept: what a test expects of {@link promisesOf} a report or of a quiet state's invariants. */
export const PROMISES_KEPT: Invariants = Object.freeze({
  outOfSync: 0,
  wronglyWritten: 0,
  lost: 0,
  stuckRuns: 0,
  auditMismatches: 0,
  mistargeted: 0,
});

/** The promises of a report (or anything carrying them), and nothing else of it. */
export const promisesOf = (r: Invariants): Invariants => ({
  outOfSync: r.outOfSync,
  wronglyWritten: r.wronglyWritten,
  lost: r.lost,
  stuckRuns: r.stuckRuns,
  auditMismatches: r.auditMismatches,
  mistargeted: r.mistargeted,
});

/** What the checks read. */
export interface QuietState {
  readonly model: OrganizationModel;
  readonly config: SyncConfig;
  readonly runs: readonly SyncRun[];
  readonly outcomes: readonly AccountOutcome[];
  /** The accounts each run targeted (its stored items, less those it skipped by a targeting rule). */
  readonly targets: ReadonlyMap<string, readonly string[]>;
  readonly audit: readonly AuditEntry[];
  readonly applied: readonly AppliedWrite[];
  /** Accounts that refuse every call (they can never be synced, and say so as FAILED). */
  readonly refusing: ReadonlySet<string>;
  /** Where the organization stood when the system was deployed: what changed after it obliges the system. */
  readonly since: ModelMark;
  /** The configuration in force when the system was deployed, then every one stored after it, the final one last. */
  readonly configs: readonly SyncConfig[];
}

/** What a quiet system holds, read after every write's consistency delay has passed, and the promises checked on it. */
export async function settle(
  sim: SimulatedAws,
  system: DeployedSystem,
  refusing: ReadonlySet<string>,
): Promise<QuietState & { readonly invariants: Invariants }> {
  sim.time.advance(60_000);
  const runs = sim.syncState.allRuns();
  const outcomes: AccountOutcome[] = [];
  const targets = new Map<string, string[]>();
  for (const run of runs) {
    const own = await sim.syncState.listOutcomes(run.runId);
    outcomes.push(...own);
    const skipped = new Set(own.filter((o) => TARGETING.has(o.skipReason ?? '')).map((o) => o.accountId));
    const reached = new Set(own.filter((o) => !TARGETING.has(o.skipReason ?? '')).map((o) => o.accountId));
    targets.set(
      run.runId,
      (await sim.syncState.listItems(run.runId)).flatMap((s) => s.item.accountIds).filter((id) => reached.has(id) || !skipped.has(id)),
    );
  }
  const state: QuietState = {
    model: sim.model,
    config: (await sim.syncConfig.load()).config,
    runs,
    outcomes,
    targets,
    audit: sim.auditLog.all(),
    applied: system.applied,
    refusing,
    since: system.baseline.mark,
    configs: sim.syncConfig.history.slice(system.baseline.configsBefore).map((stored) => stored.config),
  };
  return { ...state, invariants: checkInvariants(state) };
}

export function checkInvariants(s: QuietState): Invariants {
  return {
    outOfSync: outOfSync(s),
    wronglyWritten: s.applied.filter((w) => w.leftOutBy !== undefined).length,
    lost: lost(s),
    stuckRuns: s.runs.filter((r) => r.status !== 'FINISHED' || !r.notified).length,
    auditMismatches: auditMismatches(s),
    mistargeted: mistargeted(s.configs, s.model.tree, s.outcomes, s.applied, s.model.reshapedAt),
  };
}

/**
 * Judged against the world, not against what runs chose to do. The promise: once quiet, every ACTIVE
 * member that the final configuration, tree and tags leave in (worked out apart from the domain's
 * rules) holds the management account's latest value for every synced kind, unless it refuses every
 * call, dry run is on, or the management account deleted the contact and deletions are not
 * propagated. A member's contacts may differ from the start (drift that nothing asked to repair), so
 * an account-kind is held to it when something since the system was deployed obliged the system to
 * bring it in line:
 * - the management account's contact of that kind was written (every member);
 * - a reconcile run that was not a dry run covered the kind (every member);
 * - the member joined, changed state, moved or had its tags changed (every kind);
 * - a configuration change let the account-kind in where the configuration before left it out (a
 *   kind enabled, an exclusion removed, an inclusion widened, dry run released);
 * - a run listed the member for that kind.
 */
function outOfSync(s: QuietState): number {
  if (s.config.dryRun) return 0;
  const management = s.model.managementAccountId;
  const synced = s.config.kinds;
  const everyMember = new Set<ContactKind>(synced.filter((kind) => s.model.writtenSince(management, kind, s.since)));
  const listed = new Map<string, Set<ContactKind>>();
  for (const run of s.runs) {
    const kinds = heldKinds(run);
    // A reconcile of the whole organization is an operator's (or the schedule's) request for its kinds
    // everywhere, whether or not it got to claim them. One that names its accounts (a verification of
    // writes in doubt, one kind per run) asks for those account-kinds only, which `listed` counts.
    if (run.trigger === 'RECONCILE' && !run.dryRun && !run.onlyAccounts) for (const kind of run.kinds) everyMember.add(kind);
    const owe = (id: string, kind: ContactKind) => {
      let held = listed.get(id);
      if (!held) listed.set(id, (held = new Set()));
      held.add(kind);
    };
    for (const id of s.targets.get(run.runId) ?? []) for (const kind of kinds) owe(id, kind);
  }
  const widenings = s.configs.slice(1).map((after, i) => [s.configs[i] as SyncConfig, after] as const);
  const wanted = new Map<ContactKind, StoredContact | undefined>();
  for (const kind of synced) wanted.set(kind, s.model.settled(management, kind));
  let bad = 0;
  for (const account of s.model.listAccounts()) {
    const id = account.id;
    if (account.isManagement || account.state !== 'ACTIVE' || s.refusing.has(id)) continue;
    if (expectedTargeting(s.config, s.model.tree, id).reason !== undefined) continue;
    const changed = s.model.accountChangedSince(id, s.since);
    for (const kind of synced) {
      const owed =
        changed ||
        everyMember.has(kind) ||
        listed.get(id)?.has(kind) === true ||
        widenings.some(
          ([before, after]) => leftOutBy(before, s.model.tree, id, kind) !== undefined && !leftOutBy(after, s.model.tree, id, kind),
        );
      if (!owed) continue;
      const value = wanted.get(kind);
      if (value === undefined && !s.config.propagateDeletions) continue;
      if (!sameContact(s.model.settled(id, kind), value)) bad += 1;
    }
  }
  return bad;
}

/** Equal stored values: the same fields with the same text (in any order), or both unset. */
function sameContact(a: StoredContact | undefined, b: StoredContact | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function lost(s: QuietState): number {
  const recorded = new Map<string, number>();
  for (const o of s.outcomes) recorded.set(o.runId, (recorded.get(o.runId) ?? 0) + 1);
  return s.runs.filter((r) => r.status === 'FINISHED').reduce((n, r) => n + Math.max(0, r.targetCount - (recorded.get(r.runId) ?? 0)), 0);
}

/**
 * An entry UPDATED must have at least one write of its run applied, and its after-fingerprint must
 * be that of a value the run wrote; an entry that is not UPDATED and not marked unconfirmed must have
 * no write; every applied write must have an entry.
 */
function auditMismatches(s: QuietState): number {
  // Nested by run, account and kind, so that no key string is built for each of the (many) writes.
  const writes = new Map<string, Map<string, Partial<Record<ContactKind, WrittenTo>>>>();
  for (const w of s.applied) {
    let byAccount = writes.get(w.runId);
    if (!byAccount) writes.set(w.runId, (byAccount = new Map()));
    let byKind = byAccount.get(w.accountId);
    if (!byKind) byAccount.set(w.accountId, (byKind = {}));
    (byKind[w.kind] ??= { fingerprints: new Set(), audited: false }).fingerprints.add(w.afterFingerprint);
  }
  let bad = 0;
  for (const entry of s.audit) {
    const written = writes.get(entry.runId)?.get(entry.accountId)?.[entry.kind];
    if (written) written.audited = true;
    if (
      entry.status === 'UPDATED'
        ? !written?.fingerprints.has(entry.afterFingerprint ?? '')
        : written !== undefined && !entry.unconfirmedWrite
    )
      bad += 1;
  }
  for (const byAccount of writes.values())
    for (const byKind of byAccount.values()) for (const written of Object.values(byKind)) if (!written.audited) bad += 1;
  return bad;
}

/** The writes applied to one account-kind for one run: the fingerprints of their values, and whether an audit entry names them. */
interface WrittenTo {
  readonly fingerprints: Set<string>;
  audited: boolean;
}
