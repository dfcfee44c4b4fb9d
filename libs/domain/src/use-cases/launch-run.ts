import { AccountId } from '../accounts/account-id';
import { SyncConfig } from '../config/sync-config';
import { ContactKind } from '../contacts/contact-kind';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { OrganizationPort } from '../ports/organization.port';
import { SyncStatePort } from '../ports/sync-state.port';
import { WorkQueuePort } from '../ports/work-queue.port';
import { ResilientContacts } from '../resilience/resilient-contacts';
import { exclusionReason } from '../sync/select-targets';
import { RunTrigger, SyncRun } from '../sync/sync-run';
import { DesiredValues, WorkItem } from '../sync/work-item';
import { FinishRun } from './finish-run';

/** What a run is for. */
export interface RunRequest {
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly eventId?: string;
  readonly initiator: string;
  readonly kinds: readonly ContactKind[];
  readonly config: SyncConfig;
  /** Only these accounts (onboarding); every eligible account when absent. */
  readonly onlyAccounts?: readonly AccountId[];
}

/** Accounts per work item: small enough for a worker to finish in well under a minute at the quotas. */
export const DEFAULT_ACCOUNTS_PER_ITEM = 25;

/**
 * Starts a run: re-reads the management account's current values (the event's payload is not
 * trusted), lists the accounts, filters them, records the run and fans out work items.
 */
export class LaunchRun {
  constructor(
    private readonly organization: OrganizationPort,
    private readonly contacts: ResilientContacts,
    private readonly state: SyncStatePort,
    private readonly queue: WorkQueuePort,
    private readonly finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly accountsPerItem = DEFAULT_ACCOUNTS_PER_ITEM,
  ) {}

  async execute(request: RunRequest): Promise<SyncRun> {
    const desired: DesiredValues = {};
    for (const kind of request.kinds) {
      const { value } = await this.contacts.read(kind);
      desired[kind] = value === undefined ? null : value.toJSON();
    }
    const only = request.onlyAccounts ? new Set(request.onlyAccounts) : undefined;
    const accountIds: AccountId[] = [];
    for await (const page of this.organization.listAccounts()) {
      for (const account of page) {
        if ((!only || only.has(account.id)) && exclusionReason(account, request.config) === undefined) accountIds.push(account.id);
      }
    }
    const items: WorkItem[] = [];
    for (let i = 0; i < accountIds.length; i += this.accountsPerItem) {
      items.push({
        runId: request.runId,
        itemId: `${request.runId}:${items.length}`,
        accountIds: accountIds.slice(i, i + this.accountsPerItem),
        kinds: request.kinds,
        desired,
        propagateDeletions: request.config.propagateDeletions,
        dryRun: request.config.dryRun,
        initiator: request.initiator,
      });
    }
    const run: SyncRun = {
      runId: request.runId,
      trigger: request.trigger,
      eventId: request.eventId,
      initiator: request.initiator,
      kinds: request.kinds,
      startedAt: new Date(this.clock.now()).toISOString(),
      targetCount: accountIds.length * request.kinds.length,
      totalItems: items.length,
      completedItems: 0,
      status: 'RUNNING',
      dryRun: request.config.dryRun,
    };
    await this.state.createRun(run);
    this.logger.info('run started', { runId: run.runId, trigger: run.trigger, kinds: run.kinds, accounts: accountIds.length, items: items.length });
    if (items.length === 0) {
      await this.finishRun.execute(run.runId);
      return run;
    }
    await this.queue.enqueue(items);
    return run;
  }
}
