import {
  AccountOutcome,
  AuditEntry,
  ContactKind,
  heldKinds,
  SyncConfig,
  SyncRun,
  targetKey,
  TARGETING_SKIP_REASONS,
} from '@contact-sync/domain';
import { OrganizationModel, StoredContact } from '@contact-sync/simulated-aws';
import { SimulatedAws } from '@contact-sync/composition';
import { AppliedWrite } from './attributed-contacts';
import { expectedTargeting, mistargeted } from './targeting-check';

const TARGETING: ReadonlySet<string> = new Set(TARGETING_SKIP_REASONS);

/** The promises checked once the system is quiet. Each must be 0. */
export interface Invariants {
  /** Account-kinds some run targeted that are not on the management account's value at the end. */
  readonly outOfSync: number;
  /** Targeted account-kinds of finished runs with no outcome. */
  readonly lost: number;
  /** Runs not finished, or finished without their notification. */
  readonly stuckRuns: number;
  /** Audit entries that disagree with the writes the simulated API applied for their run, and applied writes with no entry. */
  readonly auditMismatches: number;
  /** Account-kinds skipped for the wrong targeting reason, or written or compared although a rule leaves them out. */
  readonly mistargeted: number;
}

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
}

/** What a quiet system holds, read after every write's consistency delay has passed, and the promises checked on it. */
export async function settle(
  sim: SimulatedAws,
  applied: readonly AppliedWrite[],
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
    applied,
    refusing,
  };
  return { ...state, invariants: checkInvariants(state) };
}

export function checkInvariants(s: QuietState): Invariants {
  return {
    outOfSync: outOfSync(s),
    lost: lost(s),
    stuckRuns: s.runs.filter((r) => r.status !== 'FINISHED' || !r.notified).length,
    auditMismatches: auditMismatches(s),
    mistargeted: mistargeted(s.config, s.model.tree, s.outcomes, s.applied, s.model.reshapedAt),
  };
}

/**
 * Every account-kind a run targeted must end on the management account's latest value, unless it is
 * no longer eligible (not ACTIVE, left out by an id, OU or tag rule, kind disabled), refuses every call, dry run is on, or the
 * management account deleted the contact and deletions are not propagated.
 */
function outOfSync(s: QuietState): number {
  const management = s.model.managementAccountId;
  // By account, so that each account's eligibility and rules are looked at once, whatever its kinds.
  const kindsOf = new Map<string, Set<ContactKind>>();
  for (const run of s.runs) {
    const kinds = heldKinds(run);
    for (const id of s.targets.get(run.runId) ?? []) {
      let held = kindsOf.get(id);
      if (!held) kindsOf.set(id, (held = new Set()));
      for (const kind of kinds) held.add(kind);
    }
  }
  if (s.config.dryRun) return 0;
  const wanted = new Map<ContactKind, StoredContact | undefined>();
  let bad = 0;
  for (const [id, kinds] of kindsOf) {
    const account = s.model.account(id);
    if (!account || account.state !== 'ACTIVE' || s.refusing.has(id)) continue;
    if (expectedTargeting(s.config, s.model.tree, id).reason !== undefined) continue;
    for (const kind of kinds) {
      if (!s.config.kinds.includes(kind)) continue;
      if (!wanted.has(kind)) wanted.set(kind, s.model.settled(management, kind));
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
  const writes = new Map<string, Set<string>>();
  for (const w of s.applied) {
    const key = `${w.runId}#${targetKey(w.accountId, w.kind)}`;
    writes.set(key, (writes.get(key) ?? new Set()).add(w.afterFingerprint));
  }
  let bad = 0;
  const audited = new Set<string>();
  for (const entry of s.audit) {
    const key = `${entry.runId}#${targetKey(entry.accountId, entry.kind)}`;
    audited.add(key);
    const written = writes.get(key);
    if (entry.status === 'UPDATED' ? !written?.has(entry.afterFingerprint ?? '') : written !== undefined && !entry.unconfirmedWrite)
      bad += 1;
  }
  for (const key of writes.keys()) if (!audited.has(key)) bad += 1;
  return bad;
}
