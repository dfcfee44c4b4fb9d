import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';
import { DEFAULT_RATE_SETTINGS } from '../config/rate-settings';
import { DEFAULT_SYNC_CONFIG, SyncConfig } from '../config/sync-config';
import { AlternateContact } from '../contacts/alternate-contact';
import { AlternateContactType, ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue, kindOf } from '../contacts/contact-value';
import { ContactFingerprints } from '../fingerprints/fingerprint';
import { ContactsPort, Removal } from '../ports/contacts.port';
import { MetricName } from '../ports/metrics.port';
import { KeptPreviousValue } from '../ports/previous-values.port';
import { VersionedSyncConfig } from '../ports/sync-config.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { ResilientContacts, resilientContactsFor } from '../resilience/resilient-contacts';
import { AuditEntry } from '../sync/audit-entry';
import { WriteStepDeps } from '../use-cases/guarded-write';
import { PreWriteCheck } from '../use-cases/pre-write-check';
import { PreviousValues } from '../use-cases/previous-values';
import { RunReport } from '../sync/run-report';
import { SyncRun } from '../sync/sync-run';
import { DEFAULT_WRITE_TIMING } from '../sync/write-doubt';
import { AccountTags } from '../targeting/targeting-rules';
import { TagReader } from '../organization/tag-reader';
import { ManualTime } from './manual-time';
import { WorkerState } from './worker-state';
import { activeMember } from './member';

/** A security contact named `name`: the value most worker specs write. */
export const securityContact = (name: string): AlternateContact =>
  AlternateContact.of({
    AlternateContactType: 'SECURITY',
    Name: name,
    Title: 'CISO',
    EmailAddress: 'sec@example.com',
    PhoneNumber: '+1 206 555 0100',
  });

/**
 * A run that holds SECURITY at generation 1, launched with `totalItems` items, to bring members to
 * `wanted`: what the worker's specs process.
 */
export const securityRun = (runId: string, totalItems: number, wanted: AlternateContact, at: string): SyncRun => ({
  runId,
  trigger: 'CHANGE',
  initiator: 'alice',
  kinds: ['SECURITY'],
  requestedAt: at,
  startedAt: at,
  supersedes: true,
  launch: 'LAUNCHED',
  generations: { SECURITY: 1 },
  desired: { SECURITY: wanted.props },
  targetCount: totalItems,
  totalItems,
  completedItems: 0,
  status: 'RUNNING',
  dryRun: false,
});

/**
 * Member contacts kept by account and kind, with every write told (`PUT 111111111111 SECURITY`), and
 * failures to throw: `failing` errors are thrown by the next calls on that account, one each.
 */
export class KeptContacts implements ContactsPort {
  readonly stored = new Map<string, ContactValue>();
  readonly writes: string[] = [];
  readonly reads: string[] = [];
  readonly failing = new Map<AccountId, ContactApiError[]>();

  async read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    this.fail(accountId);
    this.reads.push(`${accountId} ${kind}`);
    return this.stored.get(`${accountId}#${kind}`);
  }

  async write(value: ContactValue, accountId?: AccountId): Promise<void> {
    this.fail(accountId);
    this.writes.push(`PUT ${accountId} ${kindOf(value)}`);
    this.stored.set(`${accountId}#${kindOf(value)}`, value);
  }

  async remove(type: AlternateContactType, accountId?: AccountId): Promise<Removal> {
    this.fail(accountId);
    this.writes.push(`DELETE ${accountId} ${type}`);
    return this.stored.delete(`${accountId}#${type}`) ? 'REMOVED' : 'ABSENT';
  }

  private fail(accountId: AccountId | undefined): void {
    const error = this.failing.get(accountId ?? '')?.shift();
    if (error) throw error;
  }
}

/** The configuration, the organization and its tags, the audit and the notifications, as a worker's spec sets and reads them. */
export class WorkerSurroundings {
  config: SyncConfig = DEFAULT_SYNC_CONFIG;
  version = 1;
  readonly accounts = new Map<AccountId, MemberAccount>();
  readonly tags = new Map<AccountId, AccountTags>();
  readonly tagReads: AccountId[] = [];
  readonly audit: AuditEntry[] = [];
  readonly reports: RunReport[] = [];
  readonly kept: KeptPreviousValue[] = [];
  readonly metrics: Partial<Record<MetricName, number>> = {};
  readonly logs: string[] = [];

  /** Stores a new configuration (a new version). */
  configure(config: SyncConfig): void {
    this.config = config;
    this.version += 1;
  }

  /** Adds ACTIVE members. */
  members(...ids: AccountId[]): void {
    for (const id of ids) this.accounts.set(id, activeMember(id));
  }

  readonly configPort = {
    load: async (): Promise<VersionedSyncConfig> => ({ config: this.config, version: this.version }),
    save: async (): Promise<number> => {
      throw new Error('a worker stores no configuration');
    },
  };

  readonly organization = {
    listAccounts: () => this.unused<AsyncIterable<readonly MemberAccount[]>>(),
    accountPages: () => this.unused<never>(),
    describeAccount: async (id: AccountId) => this.accounts.get(id),
    managementAccountId: async () => '999999999999',
  };

  readonly structure = {
    rootId: async () => 'r-root',
    accountsUnder: async () => this.unused<never>(),
    unitsUnder: async () => this.unused<never>(),
    parentOf: async (id: string) => (this.accounts.has(id) ? { id: 'r-root', isRoot: true } : undefined),
    tagsOf: async (id: AccountId): Promise<AccountTags> => {
      this.tagReads.push(id);
      const tags = this.tags.get(id);
      if (!tags) throw new Error('tags not readable');
      return tags;
    },
  };

  readonly auditPort = {
    append: async (entries: readonly AuditEntry[]) => {
      for (const entry of entries) if (!this.audit.some((e) => e.entryId === entry.entryId)) this.audit.push(entry);
    },
    query: async () => this.unused<never>(),
  };

  readonly notifier = { notify: async (report: RunReport) => void this.reports.push(report) };

  readonly metricsPort = {
    add: (name: MetricName, value = 1) => void (this.metrics[name] = (this.metrics[name] ?? 0) + value),
    flush: async () => undefined,
  };

  readonly logger = {
    debug: (message: string) => void this.logs.push(message),
    info: (message: string) => void this.logs.push(message),
    warn: (message: string) => void this.logs.push(message),
    error: (message: string) => void this.logs.push(message),
  };

  /** Fingerprints under a stand-in key: a plain digest of the canonical text is enough to tell values apart in a spec. */
  readonly fingerprints = new ContactFingerprints({
    hmacSha256Hex: (text) =>
      [...text]
        .reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7)
        .toString(16)
        .padStart(64, '0'),
  });

  readonly previousValues = new PreviousValues(
    { seal: (plain, context) => `${context}|${plain}`, open: (sealed, context) => sealed.slice(context.length + 1) },
    { keep: async (value) => void this.kept.push(value), keptFor: async () => [...this.kept] },
  );

  /** The contacts API over `contacts`, paced and retried on `time` as a worker's is. */
  resilient(contacts: ContactsPort, time: ManualTime): ResilientContacts {
    return resilientContactsFor({
      contacts,
      rates: DEFAULT_RATE_SETTINGS,
      clock: time,
      sleeper: time,
      random: { next: () => 0.5 },
      metrics: this.metricsPort,
    });
  }

  /** What a guarded write works with, over `state` and `contacts`, on `time`: as a worker builds it. */
  writeStepDeps(state: WorkerState, contacts: ContactsPort, time: ManualTime): WriteStepDeps {
    return {
      contacts: this.resilient(contacts, time),
      kindHeads: state,
      runs: state,
      outcomes: state,
      preWrite: new PreWriteCheck(this.configPort, this.structure, this.tagReader(time), this.logger),
      previousValues: this.previousValues,
      clock: time,
      metrics: this.metricsPort,
      timing: DEFAULT_WRITE_TIMING,
    };
  }

  /** A tag reader fast enough never to wait in a spec. */
  tagReader(time: ManualTime): TagReader {
    return new TagReader(this.structure, { ratePerSecond: 100, burst: 100 }, time, time);
  }

  private unused<T>(): T {
    throw new Error('a worker does not call this');
  }
}
