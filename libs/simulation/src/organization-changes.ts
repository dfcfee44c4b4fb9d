import { AccountTags, ConfigApplied, ConvergeConfiguration, SyncConfigInput, syncConfigOf, toSyncConfigJson } from '@contact-sync/domain';
import { accountChangeEvent } from '@contact-sync/domain/testing';
import { SimulatedAws } from '@contact-sync/composition';
import { StoredContact } from '@contact-sync/simulated-aws';
import { DeployedSystem } from './deployed-system';

/**
 * What changes in an organization besides the management account's contacts, made on the simulated
 * AWS with the events AWS sends for them: accounts moved and (un)tagged (CloudTrail's MoveAccount,
 * TagResource, UntagResource), the configuration changed by an operator (`contact-sync config set`),
 * and a member's admin editing its own contacts (which no event tells the management account).
 */
export class OrganizationChanges {
  private events = 0;

  constructor(
    private readonly sim: SimulatedAws,
    private readonly system: DeployedSystem,
  ) {}

  /** Moves a member to another root or OU; CloudTrail tells EventBridge unless `silently` (an event lost). Returns the event id. */
  move(accountId: string, parentId: string, options: { readonly silently?: boolean } = {}): string {
    const sourceParentId = this.sim.model.tree.parentOf(accountId);
    this.sim.model.moveAccount(accountId, parentId, this.sim.time.now());
    return this.tell('MoveAccount', accountId, { sourceParentId, destinationParentId: parentId }, options.silently);
  }

  /** Adds or replaces tags of a member (TagResource). */
  tag(accountId: string, tags: AccountTags): string {
    this.sim.model.tagAccount(accountId, { ...this.sim.model.tree.tagsOf(accountId), ...tags }, this.sim.time.now());
    return this.tell('TagResource', accountId, { tags });
  }

  /** Removes tags of a member by key (UntagResource). */
  untag(accountId: string, keys: readonly string[]): string {
    const kept = Object.fromEntries(Object.entries(this.sim.model.tree.tagsOf(accountId)).filter(([key]) => !keys.includes(key)));
    this.sim.model.tagAccount(accountId, kept, this.sim.time.now());
    return this.tell('UntagResource', accountId, { tags: Object.fromEntries(keys.map((key) => [key, ''])) });
  }

  /**
   * An operator changes the configuration as `contact-sync config set` does: stores it and records the
   * run of what it widens. With `interrupted`, the tool stops right after storing (no run recorded).
   */
  async configure(
    edit: (config: SyncConfigInput) => SyncConfigInput,
    options: { readonly interrupted?: boolean } = {},
  ): Promise<ConfigApplied> {
    const loaded = await this.sim.syncConfig.load();
    const next = syncConfigOf(edit(toSyncConfigJson(loaded.config)));
    if (options.interrupted) return { version: await this.sim.syncConfig.save(next, loaded.version) };
    return this.system.operatorContainer().get(ConvergeConfiguration).apply(next, loaded, 'operator');
  }

  /** A member's own admin writes one of its contacts (or removes it): nothing tells the management account. */
  editOnMember(accountId: string, kind: Parameters<SimulatedAws['model']['write']>[1], value: StoredContact | undefined): void {
    const now = this.sim.time.now();
    this.sim.model.write(accountId, kind, value, now, this.sim.accountService.visibleAt(now));
  }

  private tell(
    eventName: 'MoveAccount' | 'TagResource' | 'UntagResource',
    accountId: string,
    details: { readonly sourceParentId?: string; readonly destinationParentId?: string; readonly tags?: AccountTags },
    silently = false,
  ): string {
    this.events += 1;
    const eventId = `evt-${eventName.toLowerCase()}-${accountId}-${this.events}`;
    if (!silently)
      this.system.deliverEvent(
        accountChangeEvent({
          eventName,
          accountId,
          eventId,
          eventTime: new Date(this.sim.time.now()).toISOString(),
          managementAccountId: this.sim.model.managementAccountId,
          ...details,
        }),
      );
    return eventId;
  }
}
