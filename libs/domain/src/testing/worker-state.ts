import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { EventLedgerPort } from '../ports/event-ledger.port';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { ItemProgress, OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { ItemCompletion } from '../sync/finish-claim';
import { AccountOutcome, WriteIntent } from '../sync/account-outcome';
import { KindHead } from '../sync/kind-head';
import { RunCondition, runMeets } from '../sync/run-lifecycle';
import { RunReport } from '../sync/run-report';
import { CancelMark, RunUpdate, runIsLive, SyncRun } from '../sync/sync-run';
import { ItemClaim, StoredWorkItem, WorkItem } from '../sync/work-item';
import { WriteDoubt } from '../sync/write-doubt';

interface HeldItem {
  readonly item: WorkItem;
  done: boolean;
  holder?: string;
  leaseUntil?: number;
}

const keyOf = (runId: string, accountId: AccountId, kind: ContactKind): string => `${runId}#${accountId}#${kind}`;

/**
 * The sync state a worker reads and writes, kept in maps, for the domain's own specs of the worker and
 * its pieces (which may not import the adapters). It keeps the port's promises that the worker relies
 * on: one live holder per item, outcomes stored once, one finisher per run. What a worker never calls
 * (events, the launch lease, listing runs) throws, so that a spec notices if it starts to.
 */
export class WorkerState implements EventLedgerPort, KindHeadsPort, RunStorePort, ItemLedgerPort, OutcomeLedgerPort {
  readonly runs = new Map<string, SyncRun>();
  readonly heads = new Map<ContactKind, KindHead>();
  readonly items = new Map<string, HeldItem>();
  readonly outcomes = new Map<string, AccountOutcome>();
  readonly intents = new Map<string, WriteIntent>();
  readonly doubts: WriteDoubt[] = [];
  private readonly finishers = new Set<string>();

  /** Makes `runId` the head of `kind` at `generation`. */
  setHead(kind: ContactKind, generation: number, runId: string): void {
    this.heads.set(kind, { kind, generation, runId, requestedAt: '2026-01-01T00:00:00.000Z' });
  }

  async claimEvent(): Promise<boolean> {
    throw new Error('a worker claims no event');
  }

  async headOf(kind: ContactKind): Promise<KindHead | undefined> {
    return this.heads.get(kind);
  }

  async advanceHead(): Promise<number | undefined> {
    throw new Error('a worker claims no kind');
  }

  async createRun(run: SyncRun): Promise<boolean> {
    if (this.runs.has(run.runId)) return false;
    this.runs.set(run.runId, run);
    return true;
  }

  async getRun(runId: string): Promise<SyncRun | undefined> {
    return this.runs.get(runId);
  }

  async updateRun(runId: string, update: RunUpdate, condition?: RunCondition): Promise<boolean> {
    const run = this.runs.get(runId);
    if (!run || (condition && !runMeets(run, condition))) return false;
    this.runs.set(runId, { ...run, ...update });
    return true;
  }

  async claimLaunch(): Promise<boolean> {
    throw new Error('a worker launches no run');
  }

  async listOpenRuns(): Promise<string[]> {
    throw new Error('a worker lists no runs');
  }

  async recentRuns(): Promise<SyncRun[]> {
    throw new Error('a worker lists no runs');
  }

  async putItems(items: readonly WorkItem[]): Promise<void> {
    for (const item of items) if (!this.items.has(item.itemId)) this.items.set(item.itemId, { item, done: false });
  }

  async listItems(runId: string, range?: { readonly from: number; readonly limit: number }): Promise<StoredWorkItem[]> {
    const all = [...this.items.values()].filter((held) => held.item.runId === runId).map(({ item, done }) => ({ item, done }));
    return range ? all.slice(range.from, range.from + range.limit) : all;
  }

  async claimItem(_runId: string, itemId: string, holder: string, nowMs: number, leaseMs: number): Promise<ItemClaim> {
    const held = this.items.get(itemId);
    if (!held) return 'UNKNOWN';
    if (held.done) return 'DONE';
    if (held.holder !== undefined && held.holder !== holder && (held.leaseUntil ?? 0) > nowMs) return 'BUSY';
    held.holder = holder;
    held.leaseUntil = nowMs + leaseMs;
    return 'CLAIMED';
  }

  async releaseItem(_runId: string, itemId: string, holder: string): Promise<void> {
    const held = this.items.get(itemId);
    if (held?.holder !== holder) return;
    held.holder = undefined;
    held.leaseUntil = undefined;
  }

  async completeItem(runId: string, itemId: string, nowIso: string): Promise<ItemCompletion | undefined> {
    const run = this.runs.get(runId);
    const held = this.items.get(itemId);
    if (!run || !held) return undefined;
    held.done = true;
    this.runs.set(runId, { ...run, progressAt: nowIso });
    const done = [...this.items.values()].filter((h) => h.item.runId === runId && h.done).length;
    return { launch: run.launch, remaining: run.totalItems - done, finishClaimed: this.finishers.has(runId) };
  }

  async claimFinish(runId: string): Promise<boolean> {
    if (this.finishers.has(runId)) return false;
    this.finishers.add(runId);
    return true;
  }

  async itemProgress(runId: string, accountIds: readonly AccountId[]): Promise<ItemProgress> {
    const mine = (o: { runId: string; accountId: AccountId }) => o.runId === runId && accountIds.includes(o.accountId);
    return { outcomes: [...this.outcomes.values()].filter(mine), intents: [...this.intents.values()].filter(mine) };
  }

  async recordIntent(intent: WriteIntent): Promise<void> {
    this.intents.set(keyOf(intent.runId, intent.accountId, intent.kind), intent);
  }

  async recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void> {
    for (const outcome of outcomes) {
      const key = keyOf(outcome.runId, outcome.accountId, outcome.kind);
      if (!this.outcomes.has(key)) this.outcomes.set(key, outcome);
    }
  }

  async recordDoubt(doubt: WriteDoubt): Promise<void> {
    this.doubts.push(doubt);
  }

  async dueDoubts(): Promise<WriteDoubt[]> {
    throw new Error('a worker verifies no doubt');
  }

  async clearDoubt(): Promise<void> {
    throw new Error('a worker verifies no doubt');
  }

  async listOutcomes(runId: string): Promise<AccountOutcome[]> {
    return [...this.outcomes.values()].filter((o) => o.runId === runId);
  }

  async listIntents(runId: string): Promise<WriteIntent[]> {
    const recorded = new Set(this.outcomes.keys());
    return [...this.intents.entries()].filter(([key, i]) => i.runId === runId && !recorded.has(key)).map(([, i]) => i);
  }

  async finishRun(runId: string, report: RunReport): Promise<RunReport> {
    const run = this.runs.get(runId) as SyncRun;
    if (run.report) return run.report;
    this.runs.set(runId, { ...run, status: 'FINISHED', report, desired: undefined });
    return report;
  }

  async cancelRun(runId: string, atIso: string, by: string): Promise<CancelMark> {
    const run = this.runs.get(runId);
    if (!run) return 'NOT_FOUND';
    if (run.cancelledAt !== undefined) return 'ALREADY_CANCELLED';
    if (!runIsLive(run)) return 'FINISHED';
    this.runs.set(runId, { ...run, cancelledAt: atIso, cancelledBy: by });
    return 'CANCELLED';
  }

  async markNotified(runId: string): Promise<void> {
    const run = this.runs.get(runId);
    if (run) this.runs.set(runId, { ...run, notified: true });
  }
}
