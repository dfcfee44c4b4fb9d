import { ContactKind } from '../../contacts/contact-kind';
import { ClockPort } from '../../ports/clock.port';
import { LoggerPort } from '../../ports/logger.port';
import { SleeperPort } from '../../ports/sleeper.port';
import { KindHeadsPort } from '../../ports/kind-heads.port';
import { RunStorePort } from '../../ports/run-store.port';
import { ResilientContacts } from '../../resilience/resilient-contacts';
import { DomainError } from '../../shared/domain-error';
import { instantText } from '../../shared/instant-text';
import { claimKinds, KindClaimValues } from '../../sync/run-lifecycle';
import { heldKinds, SyncRun } from '../../sync/sync-run';
import { DesiredValues } from '../../sync/work-item';
import { readManagementValues } from '../management-values';
import { Moved, storeTransition } from '../store-transition';

/**
 * Claims a run's kinds and reads what it brings the members to. A run that takes its kinds over
 * advances their heads, waits out the write fence, and reads the management account. One that does
 * not (onboarding, verification) writes at the head's generation, so it must never bring an older
 * value than the head's run: while that run is open it takes that run's values; when that run has not
 * read them yet (its change may not show yet), it waits the fence too and then reads.
 */
export class KindClaim {
  constructor(
    private readonly heads: KindHeadsPort,
    private readonly runs: RunStorePort,
    private readonly contacts: ResilientContacts,
    private readonly clock: ClockPort,
    private readonly sleeper: SleeperPort,
    private readonly logger: LoggerPort,
    private readonly writeFenceMs: number,
  ) {}

  /** Claims the run's kinds and stores the claim (CREATED to CLAIMED), on the condition that the run is still CREATED. */
  async claim(run: SyncRun): Promise<Moved> {
    const claimed = await storeTransition(this.runs, run, claimKinds(run, await this.values(run)));
    const held = claimed.ok ? heldKinds(claimed.value) : run.kinds;
    if (held.length < run.kinds.length)
      this.logger.info('kinds held by newer runs', { runId: run.runId, kinds: run.kinds.filter((k) => !held.includes(k)) });
    return claimed;
  }

  /**
   * The run's generations and values, to store with its claim. Throws INVARIANT_VIOLATED when it holds
   * kinds and none of their values could be read, so that the launch is tried again (a redelivery, the sweeper).
   */
  async values(run: SyncRun): Promise<KindClaimValues> {
    const generations: Partial<Record<ContactKind, number>> = {};
    const adopted: DesiredValues = {};
    let fence = false;
    for (const kind of run.kinds) {
      if (run.supersedes) {
        const generation = await this.heads.advanceHead(kind, run.runId, run.requestedAt);
        if (generation !== undefined) [generations[kind], fence] = [generation, true];
        continue;
      }
      const head = await this.heads.headOf(kind);
      generations[kind] = head?.generation ?? 0;
      const holder = head && (await this.runs.getRun(head.runId));
      if (holder?.status !== 'RUNNING') continue;
      const value = holder.desired?.[kind];
      if (value !== undefined && !holder.unreadableKinds?.includes(kind)) adopted[kind] = value;
      else fence = true;
    }
    const held = run.kinds.filter((kind) => generations[kind] !== undefined);
    // Counted from now, which is after the change was made: an event's own time may be skewed ahead.
    if (fence && held.length > 0) await this.sleeper.sleep(this.writeFenceMs);
    const desiredReadAt = instantText(this.clock.now());
    const { values, unreadable } = await readManagementValues(
      this.contacts,
      held.filter((kind) => adopted[kind] === undefined),
    );
    const desired: DesiredValues = { ...adopted };
    for (const [kind, value] of values) desired[kind] = value === undefined ? null : value.toJSON();
    for (const { kind, error } of unreadable)
      this.logger.warn('management value unreadable', {
        runId: run.runId,
        kind,
        error: error instanceof DomainError ? error.code : 'UNKNOWN',
      });
    const unreadableKinds = unreadable.map(({ kind }) => kind);
    if (held.length > 0 && unreadableKinds.length === held.length)
      throw new DomainError('INVARIANT_VIOLATED', `run ${run.runId}: no management value could be read`);
    return { generations, desired, desiredReadAt, unreadableKinds };
  }
}
