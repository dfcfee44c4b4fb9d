import { ContactKind } from '../contacts/contact-kind';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { AccountOutcome, targetKey } from '../sync/account-outcome';
import { ItemCompletion } from '../sync/finish-claim';
import { KindHead } from '../sync/kind-head';
import { RunCondition, runMeets } from '../sync/run-lifecycle';
import { RunUpdate, SyncRun } from '../sync/sync-run';
import { itemIndex, StoredWorkItem, WorkItem } from '../sync/work-item';

/** A deep copy of plain data, as a store's read or write makes one (the lib targets no DOM or Node types). */
const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The part of the sync state a launch uses: runs and their lease, kind heads, items and outcomes. */
export type LaunchState = Pick<
  RunStorePort & KindHeadsPort & ItemLedgerPort & OutcomeLedgerPort,
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
  | 'claimFinish'
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

  /** Marks the item done (counted once) and says where the run stands; the domain decides who finishes. */
  async completeItem(runId: string, itemId: string): Promise<ItemCompletion | undefined> {
    await this.call('completeItem');
    const stored = this.items.get(itemId);
    const run = this.runs.get(runId);
    if (!stored || !run) return undefined;
    const completedItems = run.completedItems + (stored.done ? 0 : 1);
    this.items.set(itemId, { ...stored, done: true });
    this.runs.set(runId, { ...run, completedItems });
    return { launch: run.launch, remaining: run.totalItems - completedItems, finishClaimed: this.leases.has(`${runId}#finisher`) };
  }

  /** The finish of a run, to the first claimant only. */
  async claimFinish(runId: string, claimant: string): Promise<boolean> {
    await this.call('claimFinish');
    const finisher = `${runId}#finisher`;
    if (this.leases.has(finisher)) return false;
    this.leases.set(finisher, { holder: claimant, until: Number.POSITIVE_INFINITY });
    return true;
  }
}
