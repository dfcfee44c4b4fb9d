import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';
import { SyncConfig } from '../config/sync-config';
import { ContactKind } from '../contacts/contact-kind';
import { ContactSlot, ContactValue } from '../contacts/contact-value';
import { ContactsPort } from '../ports/contacts.port';
import { LogFields, LoggerPort } from '../ports/logger.port';
import { SyncConfigPort, VersionedSyncConfig } from '../ports/sync-config.port';
import { AccountPage, OrganizationPort } from '../ports/organization.port';
import { SyncStatePort } from '../ports/sync-state.port';
import { WorkQueuePort } from '../ports/work-queue.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { readOperation } from '../resilience/resilient-contacts';
import { DomainError } from '../shared/domain-error';
import { AccountOutcome, targetKey } from '../sync/account-outcome';
import { KindHead } from '../sync/kind-head';
import { RunCondition, runMeets } from '../sync/run-lifecycle';
import { RunReport } from '../sync/run-report';
import { RunUpdate, SyncRun } from '../sync/sync-run';
import { itemIndex, StoredWorkItem, WorkItem } from '../sync/work-item';
import { FinishRun } from '../use-cases/finish-run';

/** A deep copy of plain data, as a store's read or write makes one (the lib targets no DOM or Node types). */
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The part of the sync state a launch uses: runs and their lease, kind heads, items and outcomes. */
export type LaunchState = Pick<
  SyncStatePort,
  | 'createRun'
  | 'getRun'
  | 'updateRun'
  | 'claimLaunch'
  | 'headOf'
  | 'advanceHead'
  | 'putItems'
  | 'listItems'
  | 'recordOutcomes'
  | 'completeItem'
>;

/**
 * The launch's part of the sync state in memory, atomic per call as the real stores are: a conditional
 * update is applied only when the run meets its condition. Every write is counted in `writes`, and a
 * test may step in before any call with `before`.
 */
export class LaunchStateDouble implements LaunchState {
  readonly runs = new Map<string, SyncRun>();
  readonly heads = new Map<ContactKind, KindHead>();
  readonly items = new Map<string, StoredWorkItem>();
  readonly outcomes = new Map<string, AccountOutcome>();
  readonly leases = new Map<string, { readonly holder: string; readonly until: number }>();
  /** Each call by name, in order. */
  readonly calls: string[] = [];
  /** Called before every call, with its name (another launcher stepping in, a cancellation). */
  before: (call: string) => Promise<void> = async () => undefined;

  private async call(name: string): Promise<void> {
    this.calls.push(name);
    await this.before(name);
  }

  async createRun(run: SyncRun): Promise<boolean> {
    await this.call('createRun');
    if (this.runs.has(run.runId)) return false;
    this.runs.set(run.runId, copyOf(run));
    return true;
  }

  async getRun(runId: string): Promise<SyncRun | undefined> {
    await this.call('getRun');
    const run = this.runs.get(runId);
    return run && copyOf(run);
  }

  async updateRun(runId: string, update: RunUpdate, condition?: RunCondition): Promise<boolean> {
    await this.call('updateRun');
    const run = this.runs.get(runId);
    if (!run || (condition && !runMeets(run, condition))) return false;
    this.runs.set(runId, { ...run, ...copyOf(update) });
    return true;
  }

  async claimLaunch(runId: string, holder: string, nowMs: number, leaseMs: number): Promise<boolean> {
    await this.call('claimLaunch');
    const lease = this.leases.get(runId);
    if (!this.runs.has(runId) || (lease && lease.holder !== holder && lease.until > nowMs)) return false;
    this.leases.set(runId, { holder, until: nowMs + leaseMs });
    return true;
  }

  async headOf(kind: ContactKind): Promise<KindHead | undefined> {
    await this.call('headOf');
    return this.heads.get(kind);
  }

  async advanceHead(kind: ContactKind, runId: string, requestedAt: string): Promise<number | undefined> {
    await this.call('advanceHead');
    const head = this.heads.get(kind);
    if (head?.runId === runId) return head.generation;
    const generation = (head?.generation ?? 0) + 1;
    this.heads.set(kind, { kind, generation, runId, requestedAt });
    return generation;
  }

  async putItems(items: readonly WorkItem[]): Promise<void> {
    await this.call('putItems');
    for (const item of items) this.items.set(item.itemId, { item: copyOf(item), done: false });
  }

  async listItems(runId: string, range?: { readonly from: number; readonly limit: number }): Promise<StoredWorkItem[]> {
    await this.call('listItems');
    return [...this.items.values()]
      .filter(({ item }) => item.runId === runId)
      .filter(({ item }) => !range || (itemIndex(item.itemId) >= range.from && itemIndex(item.itemId) < range.from + range.limit))
      .sort((a, b) => itemIndex(a.item.itemId) - itemIndex(b.item.itemId));
  }

  async recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void> {
    await this.call('recordOutcomes');
    for (const outcome of outcomes) {
      const key = `${outcome.runId}#${targetKey(outcome.accountId, outcome.kind)}`;
      if (!this.outcomes.has(key)) this.outcomes.set(key, outcome);
    }
  }

  /** Marks the item done; true for the first call that finds the run LAUNCHED with every item done (the finisher). */
  async completeItem(runId: string, itemId: string): Promise<boolean> {
    await this.call('completeItem');
    const stored = this.items.get(itemId);
    const run = this.runs.get(runId);
    if (!stored || !run) return false;
    const first = !stored.done;
    this.items.set(itemId, { ...stored, done: true });
    if (first) this.runs.set(runId, { ...run, completedItems: run.completedItems + 1 });
    const finisher = `${runId}#finisher`;
    if (run.launch !== 'LAUNCHED' || (this.runs.get(runId)?.completedItems ?? 0) < run.totalItems || this.leases.has(finisher))
      return false;
    this.leases.set(finisher, { holder: itemId, until: Number.POSITIVE_INFINITY });
    return true;
  }
}

/** An organization of `accounts`, listed in pages of `pageSize`, counting the pages served and the accounts described. */
export class PagedOrganization implements OrganizationPort {
  pagesServed = 0;
  readonly described: AccountId[] = [];
  /** Accounts whose describe throws (throttled, refused). */
  readonly unreadable = new Set<AccountId>();
  /** Called before each page is served (time passing while ListAccounts answers). */
  beforePage: () => void = () => undefined;

  constructor(
    private readonly accounts: readonly MemberAccount[],
    private readonly pageSize = 2,
  ) {}

  async *listAccounts(): AsyncIterable<readonly MemberAccount[]> {
    for await (const page of this.accountPages()) yield page.accounts;
  }

  async *accountPages(cursor?: string): AsyncIterable<AccountPage> {
    for (let at = cursor === undefined ? 0 : Number(cursor); at < this.accounts.length; at += this.pageSize) {
      this.beforePage();
      this.pagesServed += 1;
      const next = at + this.pageSize < this.accounts.length ? String(at + this.pageSize) : undefined;
      const accounts = this.accounts.slice(at, at + this.pageSize);
      yield next === undefined ? { accounts } : { accounts, next };
    }
  }

  async describeAccount(accountId: AccountId): Promise<MemberAccount | undefined> {
    this.described.push(accountId);
    if (this.unreadable.has(accountId)) throw new DomainError('THROTTLED', `describing ${accountId} was throttled`);
    return this.accounts.find((a) => a.id === accountId);
  }

  async managementAccountId(): Promise<AccountId> {
    return this.accounts.find((a) => a.isManagement)?.id ?? '000000000000';
  }
}

/** A queue that keeps what it was given, in order. */
export class RecordingQueue implements WorkQueuePort {
  readonly enqueued: WorkItem[] = [];

  async enqueue(items: readonly WorkItem[]): Promise<void> {
    this.enqueued.push(...items);
  }
}

/** A logger that keeps each line's level and message (and its fields, which never hold contacts). */
export class RecordingLogger implements LoggerPort {
  readonly lines: Array<{ readonly level: string; readonly message: string; readonly fields?: LogFields }> = [];
  debug = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'debug', message, ...(fields ? { fields } : {}) });
  info = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'info', message, ...(fields ? { fields } : {}) });
  warn = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) });
  error = (message: string, fields?: LogFields): void => void this.lines.push({ level: 'error', message, ...(fields ? { fields } : {}) });
}

/** A configuration that is stored once and only read. */
export class FixedSyncConfig implements SyncConfigPort {
  constructor(private readonly config: SyncConfig) {}

  async load(): Promise<VersionedSyncConfig> {
    return { config: this.config, version: 1 };
  }

  async save(): Promise<number> {
    throw new DomainError('CONFLICT', 'this configuration is only read');
  }
}

/** The management account's contacts, as a launch reads them: `values` set (the rest unset), reads of `denied` kinds refused. */
export class ManagementContacts implements ContactsPort {
  readonly values = new Map<ContactKind, ContactValue>();
  readonly denied = new Set<ContactKind>();

  async read(kind: ContactKind): Promise<ContactSlot> {
    if (this.denied.has(kind)) throw new ContactApiError('ACCESS_DENIED', readOperation(kind));
    return this.values.get(kind);
  }

  async write(): Promise<void> {
    throw new Error('a launch only reads');
  }

  async remove(): Promise<never> {
    throw new Error('a launch only reads');
  }
}

/**
 * A stand-in for the finisher (a collaborator with a spec of its own), that lists the runs handed to
 * it in `finished`: what a launch spec asks is only whether the run is handed on.
 */
export const recordingFinishRun = (finished: string[]): FinishRun =>
  ({
    execute: async (runId: string): Promise<RunReport> => {
      finished.push(runId);
      return {} as RunReport;
    },
  }) as unknown as FinishRun;
