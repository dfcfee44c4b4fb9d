import { AccountId, CONTACT_KINDS, ContactKind, isAccountId, isRecord, OrganizationIdentity, Plan, PlanEntry } from '@contact-sync/domain';
import { CliError } from './cli-error';

/** What `plan --out` writes and `sync --plan` reads: `format` names it, `formatVersion` its shape. */
export const SAVED_PLAN_FORMAT = 'contact-sync-plan';
export const SAVED_PLAN_FORMAT_VERSION = 1;

/** One write a saved plan holds: ids and fingerprints, never a contact value. */
export interface PlannedWrite {
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly action: 'PUT' | 'DELETE';
  /** The fingerprint of the member's value when planned (`absent` when unset). */
  readonly beforeFingerprint: string;
  /** The fingerprint of the value the write leaves (`absent` for a delete). */
  readonly afterFingerprint: string;
}

/**
 * A saved plan: the exact writes a `plan` found, for one organization and management account, with
 * the fingerprints of the management values they bring the members to. Fingerprints are the audit's
 * (HMAC under the deployment's key): they tell whether a value changed, and cannot be reversed.
 */
export interface SavedPlan {
  readonly format: typeof SAVED_PLAN_FORMAT;
  readonly formatVersion: typeof SAVED_PLAN_FORMAT_VERSION;
  readonly createdAt: string;
  readonly organizationId: string;
  readonly managementAccountId: AccountId;
  /** The kinds compared, and the accounts left out on the command line (`--exclude`). */
  readonly kinds: readonly ContactKind[];
  readonly exclude: readonly AccountId[];
  /** The fingerprint of the management account's value of each kind compared. */
  readonly management: Partial<Record<ContactKind, string>>;
  readonly writes: readonly PlannedWrite[];
  /** The account-kinds compared and the ones already in line: for people reading the file. */
  readonly compared: number;
  readonly unchanged: number;
}

const isWrite = (e: PlanEntry): boolean => e.action === 'PUT' || e.action === 'DELETE';
const keyOf = (w: { accountId: string; kind: string }): string => `${w.accountId}#${w.kind}`;
const byAccountAndKind = (a: PlannedWrite, b: PlannedWrite): number =>
  a.accountId.localeCompare(b.accountId) || a.kind.localeCompare(b.kind);

/** The writes of a plan made with fingerprints, in account and kind order. */
export function plannedWrites(plan: Plan): PlannedWrite[] {
  return plan.entries
    .filter(isWrite)
    .map((e) => {
      if (e.beforeFingerprint === undefined || e.afterFingerprint === undefined) throw new Error('the plan was made without fingerprints');
      return {
        accountId: e.accountId,
        kind: e.kind,
        action: e.action as PlannedWrite['action'],
        beforeFingerprint: e.beforeFingerprint,
        afterFingerprint: e.afterFingerprint,
      };
    })
    .sort(byAccountAndKind);
}

/** The saved form of a plan made with fingerprints. */
export function savedPlanOf(
  plan: Plan,
  request: { readonly kinds: readonly ContactKind[]; readonly exclude: readonly AccountId[] },
  organization: OrganizationIdentity,
  createdAt: string,
): SavedPlan {
  if (!plan.managementFingerprints) throw new Error('the plan was made without fingerprints');
  return {
    format: SAVED_PLAN_FORMAT,
    formatVersion: SAVED_PLAN_FORMAT_VERSION,
    createdAt,
    organizationId: organization.organizationId,
    managementAccountId: organization.managementAccountId,
    kinds: [...request.kinds],
    exclude: [...request.exclude],
    management: plan.managementFingerprints,
    writes: plannedWrites(plan),
    compared: plan.entries.length,
    unchanged: plan.entries.filter((e) => e.action === 'UNCHANGED').length,
  };
}

/** The writes of a saved plan by kind: `{ BILLING: { put: 2, delete: 0 } }`, in kind order. */
export function writesByKind(writes: readonly Pick<PlannedWrite, 'kind' | 'action'>[]): [ContactKind, { put: number; delete: number }][] {
  return CONTACT_KINDS.map((kind): [ContactKind, { put: number; delete: number }] => [
    kind,
    {
      put: writes.filter((w) => w.kind === kind && w.action === 'PUT').length,
      delete: writes.filter((w) => w.kind === kind && w.action === 'DELETE').length,
    },
  ]).filter(([, n]) => n.put + n.delete > 0);
}

/** What changed since a plan was saved: empty when the plan still holds. */
export interface PlanStaleness {
  /** Kinds whose management value is not the one planned. */
  readonly managementKinds: readonly ContactKind[];
  /** Account-kinds whose planned write no longer holds (value changed, now in line, left), or that now need one the plan lacks. */
  readonly changedWrites: readonly { readonly accountId: AccountId; readonly kind: ContactKind }[];
}

/** Compares a saved plan with a fresh one of the same kinds and exclusions. */
export function stalenessOf(saved: SavedPlan, fresh: Plan): PlanStaleness {
  const managementKinds = saved.kinds.filter((kind) => saved.management[kind] !== fresh.managementFingerprints?.[kind]);
  const now = new Map(plannedWrites(fresh).map((w) => [keyOf(w), w]));
  const planned = new Map(saved.writes.map((w) => [keyOf(w), w]));
  const same = (a: PlannedWrite, b: PlannedWrite | undefined) =>
    b !== undefined && a.action === b.action && a.beforeFingerprint === b.beforeFingerprint && a.afterFingerprint === b.afterFingerprint;
  const changed = [
    ...saved.writes.filter((w) => !same(w, now.get(keyOf(w)))),
    ...[...now.values()].filter((w) => !planned.has(keyOf(w))),
  ].sort(byAccountAndKind);
  return { managementKinds, changedWrites: changed.map(({ accountId, kind }) => ({ accountId, kind })) };
}

/** How many account ids a refusal names. */
const IDS_NAMED = 5;

/** Why a stale plan is refused, in one paragraph: which kinds' management values, how many members and a few ids. */
export function stalenessText(staleness: PlanStaleness): string | undefined {
  const parts: string[] = [];
  if (staleness.managementKinds.length > 0) parts.push(`the management account's ${staleness.managementKinds.join(', ')} contact changed`);
  const accounts = [...new Set(staleness.changedWrites.map((w) => w.accountId))];
  if (accounts.length > 0) {
    const named = accounts.slice(0, IDS_NAMED).join(', ');
    const more = accounts.length > IDS_NAMED ? ` and ${accounts.length - IDS_NAMED} more` : '';
    parts.push(
      `${accounts.length} member account${accounts.length === 1 ? '' : 's'} (${staleness.changedWrites.length} account-kind${staleness.changedWrites.length === 1 ? '' : 's'}) no longer ${accounts.length === 1 ? 'matches' : 'match'} the plan: ${named}${more}`,
    );
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}

const FINGERPRINT = /^(absent|hmac:[0-9a-f]{32})$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$|^o-simulated$/;

/** A saved plan read back: every field checked, an error naming the first that is wrong (never its value). */
export function parseSavedPlan(text: string, file: string): SavedPlan {
  const bad = (field: string, rule: string) => new CliError('INVALID_INPUT', `${file} is not a saved plan: ${field}: ${rule}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CliError('INVALID_INPUT', `${file} is not a saved plan: not JSON (write one with contact-sync plan --out FILE)`);
  }
  if (!isRecord(doc) || doc['format'] !== SAVED_PLAN_FORMAT) throw bad('format', `must be "${SAVED_PLAN_FORMAT}"`);
  if (doc['formatVersion'] !== SAVED_PLAN_FORMAT_VERSION)
    throw bad('formatVersion', `must be ${SAVED_PLAN_FORMAT_VERSION} (plan again with this version of contact-sync)`);
  const text_ = (field: string, test: (v: string) => boolean, rule: string): string => {
    const value = doc[field];
    if (typeof value !== 'string' || !test(value)) throw bad(field, rule);
    return value;
  };
  const createdAt = text_('createdAt', (v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 time');
  const organizationId = text_('organizationId', (v) => ORGANIZATION_ID.test(v), 'must be an organization id (o-…)');
  const managementAccountId = text_('managementAccountId', isAccountId, 'must be a 12-digit account id');
  const kinds = doc['kinds'];
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => (CONTACT_KINDS as readonly unknown[]).includes(k)))
    throw bad('kinds', `must list one or more of ${CONTACT_KINDS.join(', ')}`);
  const exclude = doc['exclude'];
  if (!Array.isArray(exclude) || !exclude.every((id) => typeof id === 'string' && isAccountId(id)))
    throw bad('exclude', 'must be a list of 12-digit account ids');
  const management = doc['management'];
  if (!isRecord(management) || !kinds.every((k: string) => typeof management[k] === 'string' && FINGERPRINT.test(management[k] as string)))
    throw bad('management', 'must hold the fingerprint of each kind compared');
  const writes = doc['writes'];
  if (!Array.isArray(writes)) throw bad('writes', 'must be a list');
  const seen = new Set<string>();
  writes.forEach((w: unknown, i) => {
    const field = `writes[${i}]`;
    if (!isRecord(w)) throw bad(field, 'must be an object');
    if (typeof w['accountId'] !== 'string' || !isAccountId(w['accountId']))
      throw bad(`${field}.accountId`, 'must be a 12-digit account id');
    if (!kinds.includes(w['kind'])) throw bad(`${field}.kind`, 'must be one of the kinds compared');
    if (w['action'] !== 'PUT' && w['action'] !== 'DELETE') throw bad(`${field}.action`, 'must be PUT or DELETE');
    for (const print of ['beforeFingerprint', 'afterFingerprint'])
      if (typeof w[print] !== 'string' || !FINGERPRINT.test(w[print] as string)) throw bad(`${field}.${print}`, 'must be a fingerprint');
    if (w['afterFingerprint'] !== management[w['kind'] as string]) throw bad(`${field}.afterFingerprint`, "must be the management value's");
    const key = keyOf(w as unknown as PlannedWrite);
    if (seen.has(key)) throw bad(field, 'names an account and kind twice');
    seen.add(key);
  });
  const count = (field: string): number => {
    const value = doc[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw bad(field, 'must be a whole number from 0');
    return value;
  };
  return {
    format: SAVED_PLAN_FORMAT,
    formatVersion: SAVED_PLAN_FORMAT_VERSION,
    createdAt,
    organizationId,
    managementAccountId,
    kinds: kinds as ContactKind[],
    exclude: exclude as AccountId[],
    management: management as Partial<Record<ContactKind, string>>,
    writes: (writes as Record<string, unknown>[]).map((w) => ({
      accountId: w['accountId'] as AccountId,
      kind: w['kind'] as ContactKind,
      action: w['action'] as PlannedWrite['action'],
      beforeFingerprint: w['beforeFingerprint'] as string,
      afterFingerprint: w['afterFingerprint'] as string,
    })),
    compared: count('compared'),
    unchanged: count('unchanged'),
  };
}
