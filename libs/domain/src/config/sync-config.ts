import { AccountId, isAccountId } from '../accounts/account-id';
import { CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { FieldChecker, isRecord } from '../shared/field-rules';
import { err, ok, Result } from '../shared/result';
import { parseUniqueKeyJson } from '../shared/unique-key-json';
import { ValidationError } from '../shared/validation-error';
import { parseTagRules, parseUnitList } from '../targeting/parse-targeting';
import { OrganizationalUnitId, TagRule, TargetingConfig } from '../targeting/targeting-rules';
import { CONTACT_OPERATIONS } from '../contacts/contact-operation';
import { DEFAULT_RATE_SETTINGS, minimumRatePerSecond, RateLimit, RateSettings, statedMinimumRate, WORK_ITEM_LIMITS } from './rate-settings';

/**
 * What to synchronise, where and how fast. Immutable: every instance is deeply frozen. Which accounts
 * are targeted is decided by the id, OU and tag rules, in that order (see {@link TargetingRules}):
 * an exclusion always wins.
 */
export interface SyncConfig extends TargetingConfig {
  /** The contact kinds that are synchronised, in canonical order. */
  readonly kinds: readonly ContactKind[];
  /** Member accounts never written, sorted. */
  readonly excludedAccountIds: readonly AccountId[];
  /** Accounts in these OUs, or in OUs nested in them at any depth, are never written. Sorted. */
  readonly excludedOrganizationalUnits: readonly OrganizationalUnitId[];
  /** When not empty, only accounts in these OUs (or nested in them) are written. Sorted. */
  readonly includedOrganizationalUnits: readonly OrganizationalUnitId[];
  /** Accounts with a matching tag (the key, or the key with that value) are never written. */
  readonly excludedTags: readonly TagRule[];
  /** When not empty, only accounts with a matching tag are written. */
  readonly includedTags: readonly TagRule[];
  /** Whether deleting an alternate contact on the management account deletes it on members. Off by default. */
  readonly propagateDeletions: boolean;
  /** Plan only: read and compare, write nothing. */
  readonly dryRun: boolean;
  readonly rates: RateSettings;
}

/** The plain JSON form of a config; every field is optional and defaults as documented. */
export interface SyncConfigInput {
  kinds?: string[];
  excludedAccountIds?: string[];
  excludedOrganizationalUnits?: string[];
  includedOrganizationalUnits?: string[];
  excludedTags?: Array<{ key: string; value?: string }>;
  includedTags?: Array<{ key: string; value?: string }>;
  propagateDeletions?: boolean;
  dryRun?: boolean;
  rates?: Partial<Record<string, Partial<RateLimit>>>;
}

/** The fields of a configuration's JSON form. */
export const SYNC_CONFIG_KEYS: readonly string[] = [
  'kinds',
  'excludedAccountIds',
  'excludedOrganizationalUnits',
  'includedOrganizationalUnits',
  'excludedTags',
  'includedTags',
  'propagateDeletions',
  'dryRun',
  'rates',
];
const MAX_RATE = 1000;
const MAX_BURST = 10000;

/** Every kind synchronised, nothing excluded, deletions not propagated, documented quotas. */
export const DEFAULT_SYNC_CONFIG: SyncConfig = deepFreeze({
  kinds: [...CONTACT_KINDS],
  excludedAccountIds: [],
  excludedOrganizationalUnits: [],
  includedOrganizationalUnits: [],
  excludedTags: [],
  includedTags: [],
  propagateDeletions: false,
  dryRun: false,
  rates: DEFAULT_RATE_SETTINGS,
});

/**
 * Parses a config from plain JSON: unknown keys are rejected, missing keys take their defaults, and
 * every bad field is named (`kinds[2]`, `rates.PutAlternateContact.burst`).
 */
export function parseSyncConfig(input: unknown): Result<SyncConfig, ValidationError> {
  if (!isRecord(input)) return err(new ValidationError('sync configuration', [{ field: '(root)', rule: 'must be an object' }]));
  const check = new FieldChecker(input);
  check.onlyKeys(SYNC_CONFIG_KEYS);
  const kinds = parseKinds(input['kinds'], check);
  const excluded = parseExcluded(input['excludedAccountIds'], check);
  const excludedOrganizationalUnits = parseUnitList(input['excludedOrganizationalUnits'], 'excludedOrganizationalUnits', check);
  const includedOrganizationalUnits = parseUnitList(input['includedOrganizationalUnits'], 'includedOrganizationalUnits', check);
  const excludedTags = parseTagRules(input['excludedTags'], 'excludedTags', check);
  const includedTags = parseTagRules(input['includedTags'], 'includedTags', check);
  const propagateDeletions = parseBoolean(input['propagateDeletions'], 'propagateDeletions', DEFAULT_SYNC_CONFIG.propagateDeletions, check);
  const dryRun = parseBoolean(input['dryRun'], 'dryRun', DEFAULT_SYNC_CONFIG.dryRun, check);
  const rates = parseRates(input['rates'], check);
  if (check.issues.length > 0) return err(new ValidationError('sync configuration', check.issues));
  return ok(
    deepFreeze({
      kinds,
      excludedAccountIds: excluded,
      excludedOrganizationalUnits,
      includedOrganizationalUnits,
      excludedTags,
      includedTags,
      propagateDeletions,
      dryRun,
      rates,
    }),
  );
}

/**
 * Parses a configuration from JSON text: a key given twice in one object is rejected and named
 * (`{"dryRun": true, "dryRun": false}` would otherwise be stored as live, the last key winning),
 * then the fields are checked as {@link parseSyncConfig} does. What reads a configuration file or
 * variable reads it with this.
 */
export function parseSyncConfigText(text: string): Result<SyncConfig, ValidationError> {
  const json = parseUniqueKeyJson(text, 'sync configuration');
  return json.ok ? parseSyncConfig(json.value) : json;
}

/** Like {@link parseSyncConfig}, but throws {@link ValidationError}. */
export function syncConfigOf(input: unknown): SyncConfig {
  const result = parseSyncConfig(input);
  if (!result.ok) throw result.error;
  return result.value;
}

/** The plain JSON form; `parseSyncConfig(toSyncConfigJson(c))` equals `c`. */
export function toSyncConfigJson(config: SyncConfig): SyncConfigInput {
  return JSON.parse(JSON.stringify(config)) as SyncConfigInput;
}

function parseKinds(value: unknown, check: FieldChecker): ContactKind[] {
  if (value === undefined) return [...DEFAULT_SYNC_CONFIG.kinds];
  if (!Array.isArray(value)) {
    check.report('kinds', 'must be a list of PRIMARY, BILLING, OPERATIONS, SECURITY');
    return [];
  }
  if (value.length === 0) check.report('kinds', 'must name at least one contact kind');
  value.forEach((kind, i) => {
    if (!(CONTACT_KINDS as readonly unknown[]).includes(kind))
      check.report(`kinds[${i}]`, 'must be one of PRIMARY, BILLING, OPERATIONS, SECURITY');
  });
  return CONTACT_KINDS.filter((kind) => value.includes(kind));
}

function parseExcluded(value: unknown, check: FieldChecker): AccountId[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    check.report('excludedAccountIds', 'must be a list of 12-digit account ids');
    return [];
  }
  value.forEach((id, i) => {
    if (!isAccountId(id)) check.report(`excludedAccountIds[${i}]`, 'must be a 12-digit account id');
  });
  return [...new Set(value.filter(isAccountId))].sort();
}

function parseBoolean(value: unknown, field: string, fallback: boolean, check: FieldChecker): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') check.report(field, 'must be true or false');
  return value === true;
}

function parseRates(value: unknown, check: FieldChecker): RateSettings {
  if (value === undefined) return DEFAULT_RATE_SETTINGS;
  if (!isRecord(value)) {
    check.report('rates', 'must be an object keyed by operation');
    return DEFAULT_RATE_SETTINGS;
  }
  const rates = new FieldChecker(value, 'rates.');
  rates.onlyKeys(CONTACT_OPERATIONS);
  const result = { ...DEFAULT_RATE_SETTINGS } as Record<string, RateLimit>;
  for (const operation of CONTACT_OPERATIONS) {
    const limit = value[operation];
    if (limit === undefined) continue;
    if (!isRecord(limit)) {
      rates.report(operation, 'must be an object with ratePerSecond and burst');
      continue;
    }
    const fields = new FieldChecker(limit, `rates.${operation}.`);
    fields.onlyKeys(['ratePerSecond', 'burst']);
    const ratePerSecond = limit['ratePerSecond'] ?? DEFAULT_RATE_SETTINGS[operation].ratePerSecond;
    const burst = limit['burst'] ?? DEFAULT_RATE_SETTINGS[operation].burst;
    if (typeof ratePerSecond !== 'number' || !Number.isFinite(ratePerSecond) || ratePerSecond <= 0 || ratePerSecond > MAX_RATE) {
      fields.report('ratePerSecond', `must be a number above 0 and at most ${MAX_RATE}`);
    } else if (ratePerSecond < minimumRatePerSecond(operation)) {
      // Slower than this, work items run out of deliveries before their accounts are reached (see minimumRatePerSecond).
      fields.report(
        'ratePerSecond',
        `must be at least ${statedMinimumRate(operation)} per second: slower, a work item cannot be finished within the ${WORK_ITEM_LIMITS.deliveriesBeforeDeadLetter} worker invocations of ${WORK_ITEM_LIMITS.workerTimeoutMs / 1000} s the work queue gives it`,
      );
    }
    if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1 || burst > MAX_BURST) {
      fields.report('burst', `must be a whole number from 1 to ${MAX_BURST}`);
    }
    fields.issues.forEach((issue) => check.report(issue.field, issue.rule));
    result[operation] = { ratePerSecond: ratePerSecond as number, burst: burst as number };
  }
  rates.issues.forEach((issue) => check.report(issue.field, issue.rule));
  return result as RateSettings;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
