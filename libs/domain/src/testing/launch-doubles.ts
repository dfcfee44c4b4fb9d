import { AccountId } from '../accounts/account-id';
import { MemberAccount } from '../accounts/member-account';
import { SyncConfig } from '../config/sync-config';
import { ContactKind } from '../contacts/contact-kind';
import { readOperation } from '../contacts/contact-kinds';
import { ContactSlot, ContactValue } from '../contacts/contact-value';
import { ContactsPort } from '../ports/contacts.port';
import { LogFields, LoggerPort } from '../ports/logger.port';
import { AccountPage, OrganizationPort } from '../ports/organization.port';
import { SyncConfigPort, VersionedSyncConfig } from '../ports/sync-config.port';
import { WorkQueuePort } from '../ports/work-queue.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { DomainError } from '../shared/domain-error';
import { RunReport } from '../sync/run-report';
import { WorkItem } from '../sync/work-item';
import { FinishRun } from '../use-cases/finish-run';

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
