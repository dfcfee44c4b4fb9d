import { AccountId } from '../accounts/account-id';
import { ContactSlot } from '../contacts/contact-value';
import { ContactFingerprints } from '../fingerprints/fingerprint';
import { AuditLogPort } from '../ports/audit-log.port';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { MetricsPort } from '../ports/metrics.port';
import { OrganizationPort } from '../ports/organization.port';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { SyncConfigPort } from '../ports/sync-config.port';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { InterruptionCode } from '../resilience/interruption';
import { ResilientContacts } from '../resilience/resilient-contacts';
import { instantText } from '../shared/instant-text';
import { AccountOutcome, targetKey } from '../sync/account-outcome';
import { auditEntryFor } from '../sync/audit-entry';
import { DesiredProblem, desiredSlots } from '../sync/desired-values';
import { failedOutcome } from '../sync/outcomes';
import { PreWriteCheck } from './pre-write-check';
import { PreviousValues } from './previous-values';
import { heldKinds } from '../sync/sync-run';
import { WorkItem } from '../sync/work-item';
import { DEFAULT_WRITE_TIMING, WriteTiming } from '../sync/write-doubt';
import { TagReader } from '../organization/tag-reader';
import { targetingRulesOf, TargetingSkip } from '../targeting/targeting-rules';
import { FinishRun } from './finish-run';
import { ItemResult, mayRetryLaterIn, stopForTags, WorkerContext } from './item-delivery';
import { ItemTargeting } from './item-targeting';
import { SyncAccountKind } from './sync-account-kind';
import { isTaken, WorkItemHold } from './work-item-hold';

const METRIC = { UPDATED: 'Updated', UNCHANGED: 'Unchanged', SKIPPED: 'Skipped', SUPERSEDED: 'Superseded', FAILED: 'Failed' } as const;

/**
 * Brings every account of a work item in line with its run's desired values: read, diff, write only
 * when different. Safe under at-least-once delivery and crashes:
 * - the item is leased, so a duplicate delivery waits instead of writing twice;
 * - account-kinds with a stored outcome are not done again, and outcomes are stored once;
 * - a write intent is stored before each write, so a write cut off before its outcome is recorded
 *   as one by the next delivery;
 * - each write goes out only while the kind is still at the run's generation (the guard runs
 *   immediately before the request), so a superseded run never writes;
 * - the rules are checked again by the same guard, on every attempt of every write (see
 *   {@link PreWriteCheck}): the configuration read again, and the account's parent and tags when
 *   rules of their kind exist, so that disabling a kind, excluding an account (by id, OU or tag),
 *   switching dry run on, moving the account or retagging it stops the writes not yet sent, even
 *   those of an item already being worked;
 * - the configuration is also read for each item, so that members an item has not compared yet are
 *   judged by the rules in force (an UNCHANGED member is never re-checked: nothing is written to it);
 * - with tag rules, each account's tags are read once, paced by their own limiter, and only for
 *   accounts with a kind left to do that no earlier rule leaves out (an outcome already stored tells
 *   a later delivery what the tags decided);
 * - near its deadline, or while the API is down for long, the worker stops and leaves the rest.
 */
export class ProcessWorkItem {
  private readonly hold: WorkItemHold;
  private readonly targeting: ItemTargeting;
  private readonly accountKind: SyncAccountKind;

  constructor(
    contacts: ResilientContacts,
    kindHeads: KindHeadsPort,
    runStore: RunStorePort,
    itemLedger: ItemLedgerPort,
    private readonly outcomeLedger: OutcomeLedgerPort,
    private readonly config: SyncConfigPort,
    organization: OrganizationPort,
    structure: OrganizationStructurePort,
    private readonly audit: AuditLogPort,
    finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly metrics: MetricsPort,
    fingerprints: ContactFingerprints,
    tags: TagReader,
    previousValues: PreviousValues,
    timing: WriteTiming = DEFAULT_WRITE_TIMING,
  ) {
    this.hold = new WorkItemHold(itemLedger, runStore, finishRun, clock, logger, metrics);
    this.targeting = new ItemTargeting(tags, logger);
    const preWrite = new PreWriteCheck(config, structure, tags, logger);
    this.accountKind = new SyncAccountKind({
      contacts,
      kindHeads,
      runs: runStore,
      outcomes: outcomeLedger,
      preWrite,
      previousValues,
      clock,
      metrics,
      timing,
      organization,
      fingerprints,
      logger,
    });
  }

  /** Processes one delivery of a work item. */
  async execute(item: WorkItem, context: WorkerContext): Promise<ItemResult> {
    if (await this.hold.refuses(item)) return { status: 'REFUSED', reason: 'ACCOUNTS_DIFFER' };
    const claimed = await this.hold.claim(item, context);
    if (!isTaken(claimed)) return claimed;
    const run = claimed;
    const { config } = await this.config.load();
    const rules = targetingRulesOf(config);
    const runExcluded: ReadonlySet<AccountId> = new Set(run.excludeAccounts ?? []);
    const mayRetryLater = mayRetryLaterIn(context);
    const progress = await this.outcomeLedger.itemProgress(item.runId, item.accountIds);
    const stored = new Map(progress.outcomes.map((o) => [targetKey(o.accountId, o.kind), o]));
    const intents = new Map(progress.intents.map((i) => [targetKey(i.accountId, i.kind), i]));
    const held = heldKinds(run);
    const slots = desiredSlots(held, run.desired, run.unreadableKinds);
    let interrupted: InterruptionCode | undefined;
    const fresh: AccountOutcome[] = [];
    await Promise.all(
      item.accountIds.map(async (accountId) => {
        const pending = held.filter((kind) => !stored.has(targetKey(accountId, kind)));
        if (pending.length === 0) return;
        const skip = runExcluded.has(accountId)
          ? BY_ID
          : await this.targeting.verdict(rules, accountId, pending, { outcomes: stored, intents }, config, context.deadlineMs);
        const stop = stopForTags(skip, mayRetryLater);
        if (stop) {
          interrupted ??= stop;
          return;
        }
        for (const kind of pending) {
          if (interrupted) continue;
          if (skip === 'TAGS_UNREADABLE' && config.kinds.includes(kind)) {
            fresh.push(failedOutcome({ runId: run.runId, accountId, kind }, 'TAGS_UNREADABLE', { attempts: 0, at: this.now() }));
            continue;
          }
          const result = await this.accountKind.outcome({
            run,
            accountId,
            kind,
            wanted: slots.get(kind) as ContactSlot | DesiredProblem,
            config,
            ...(typeof skip === 'object' ? { skip } : {}),
            mayRetryLater,
            intent: intents.get(targetKey(accountId, kind)),
            deadlineMs: context.deadlineMs,
          });
          if (typeof result === 'string') interrupted ??= result;
          else fresh.push(result);
        }
      }),
    );
    await this.outcomeLedger.recordOutcomes(fresh);
    // Every final outcome of the item is audited, not only the new ones: a delivery cut off between
    // storing outcomes and auditing them leaves the audit to the next one (entries are stored once).
    const all = [...stored.values(), ...fresh];
    await this.audit.append(all.map((outcome) => auditEntryFor(outcome, run.initiator)));
    for (const outcome of fresh) this.metrics.add(METRIC[outcome.status]);
    if (interrupted) {
      await this.hold.release(item, context.holder);
      this.logger.warn('work item left for a later delivery', {
        runId: item.runId,
        itemId: item.itemId,
        reason: interrupted,
        done: fresh.length,
      });
      return { status: 'INTERRUPTED', outcomes: fresh, reason: interrupted };
    }
    const finishedRun = await this.hold.complete(item);
    return { status: 'DONE', outcomes: all, finishedRun };
  }

  /** Every outcome is stamped: its text is made from the second's, not from a new Date each time. */
  private now(): string {
    return instantText(this.clock.now());
  }
}

const BY_ID: TargetingSkip = Object.freeze({ reason: 'EXCLUDED_BY_ID' });
