import {
  AccountId,
  CancelMark,
  AccountOutcome,
  CONTACT_KINDS,
  ContactKind,
  EventLedgerPort,
  ItemCompletion,
  ItemLedgerPort,
  KindHeadsPort,
  OutcomeLedgerPort,
  RunStorePort,
  ItemClaim,
  itemIndex,
  ItemProgress,
  KindHead,
  RunReport,
  RunCondition,
  runMeets,
  RunUpdate,
  StoredWorkItem,
  SyncRun,
  WorkItem,
  WriteDoubt,
  WriteIntent,
} from '@contact-sync/domain';

interface ItemRecord {
  /** Stored deeply frozen: handed out as it is, never copied on read (every delivery lists its own item). */
  item: WorkItem;
  done: boolean;
  holder?: string;
  leaseUntil?: number;
}

/** An account's stored entries by kind (nested by account, so that a lookup builds no key string). */
type ByAccount<T> = Map<AccountId, Partial<Record<ContactKind, T>>>;

interface RunRecord {
  run: SyncRun;
  launcher?: { holder: string; until: number };
  items: Map<string, ItemRecord>;
  /**
   * The item ids in index order (every delivery lists its own item): kept in order as a launch puts
   * its items page after page, sorted again only after a put out of order.
   */
  ordered?: { readonly index: number; readonly itemId: string }[];
  done: number;
  finisher: boolean;
  /** Stored frozen: handed out as they are, never copied on read. */
  outcomes: ByAccount<AccountOutcome>;
  intents: ByAccount<WriteIntent>;
  /** What `getRun` last returned (deeply frozen), while the run and its count of done items are unchanged. */
  view?: { readonly of: SyncRun; readonly done: number; readonly run: SyncRun };
}

/**
 * Deep, frozen copies of the objects a run holds (desired values, kinds, generations), made once per
 * object: an update replaces a run's record with a spread of it, so its unchanged parts keep their identity.
 */
const frozenParts = new WeakMap<object, unknown>();

function frozenCopyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  let copy = frozenParts.get(value) as T | undefined;
  if (copy === undefined) frozenParts.set(value, (copy = deepFreeze(structuredClone(value))));
  return copy;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Stores a frozen copy of `entry` under its account and kind; one already there stays unless `replace`. */
function store<T extends { readonly accountId: AccountId; readonly kind: ContactKind }>(
  map: ByAccount<T>,
  entry: T,
  replace: boolean,
): void {
  let kinds = map.get(entry.accountId);
  if (!kinds) map.set(entry.accountId, (kinds = {}));
  if (replace || kinds[entry.kind] === undefined) kinds[entry.kind] = Object.freeze({ ...entry });
}

function* entriesOf<T>(map: ByAccount<T>): Generator<T> {
  for (const kinds of map.values()) for (const kind of CONTACT_KINDS) if (kinds[kind] !== undefined) yield kinds[kind] as T;
}

/** Everything an {@link InMemorySyncState} holds, as plain data (JSON-safe), to keep it between processes. */
export interface SyncStateSnapshot {
  readonly events: readonly (readonly [string, string])[];
  readonly heads: readonly KindHead[];
  /** Writes in doubt (absent in snapshots of versions before them). */
  readonly doubts?: readonly WriteDoubt[];
  readonly open: readonly string[];
  readonly runs: readonly {
    readonly run: SyncRun;
    readonly launcher?: { readonly holder: string; readonly until: number };
    readonly items: readonly { readonly item: WorkItem; readonly done: boolean; readonly holder?: string; readonly leaseUntil?: number }[];
    readonly done: number;
    readonly finisher: boolean;
    readonly outcomes: readonly AccountOutcome[];
    readonly intents: readonly WriteIntent[];
  }[];
}

/**
 * Runs, items, outcomes, kind heads and claimed events, in memory; every call is atomic, like the
 * conditional writes of the DynamoDB adapter. One class serves every role port: a run's record holds
 * its items, their count and its outcomes together, and a snapshot takes all of it at once.
 */
export class InMemorySyncState implements EventLedgerPort, KindHeadsPort, RunStorePort, ItemLedgerPort, OutcomeLedgerPort {
  private readonly events = new Map<string, string>();
  private readonly heads = new Map<ContactKind, KindHead>();
  private readonly runs = new Map<string, RunRecord>();
  private readonly open = new Set<string>();
  private readonly doubts = new Map<string, WriteDoubt>();

  async claimEvent(eventId: string, runId: string): Promise<boolean> {
    if (this.events.has(eventId)) return false;
    this.events.set(eventId, runId);
    return true;
  }

  async headOf(kind: ContactKind): Promise<KindHead | undefined> {
    const head = this.heads.get(kind);
    return head && { ...head };
  }

  async advanceHead(kind: ContactKind, runId: string, requestedAt: string): Promise<number | undefined> {
    const head = this.heads.get(kind);
    if (head?.runId === runId) return head.generation;
    const generation = (head?.generation ?? 0) + 1;
    this.heads.set(kind, { kind, generation, runId, requestedAt });
    return generation;
  }

  async createRun(run: SyncRun): Promise<boolean> {
    if (this.runs.has(run.runId)) return false;
    const { completedItems: _done, report: _report, ...stored } = structuredClone(run);
    this.runs.set(run.runId, {
      run: { ...stored, completedItems: 0 },
      items: new Map(),
      done: 0,
      finisher: false,
      outcomes: new Map(),
      intents: new Map(),
    });
    this.open.add(run.runId);
    return true;
  }

  async getRun(runId: string): Promise<SyncRun | undefined> {
    const record = this.runs.get(runId);
    if (!record) return undefined;
    const view = record.view;
    if (view?.of === record.run && view.done === record.done) return view.run;
    const run = { completedItems: record.done } as Record<string, unknown>;
    for (const [field, value] of Object.entries(record.run)) if (field !== 'completedItems') run[field] = frozenCopyOf(value);
    Object.freeze(run);
    record.view = { of: record.run, done: record.done, run: run as unknown as SyncRun };
    return run as unknown as SyncRun;
  }

  async updateRun(runId: string, update: RunUpdate, condition?: RunCondition): Promise<boolean> {
    const record = this.runs.get(runId);
    if (!record || (condition && !runMeets(record.run, condition))) return false;
    record.run = { ...record.run, ...structuredClone(update) };
    return true;
  }

  async claimLaunch(runId: string, holder: string, nowMs: number, leaseMs: number): Promise<boolean> {
    const record = this.runs.get(runId);
    if (!record) return false;
    if (record.launcher && record.launcher.holder !== holder && record.launcher.until > nowMs) return false;
    record.launcher = { holder, until: nowMs + leaseMs };
    return true;
  }

  async listOpenRuns(): Promise<string[]> {
    return [...this.open];
  }

  async recentRuns(limit: number): Promise<SyncRun[]> {
    return this.allRuns()
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId))
      .slice(0, limit);
  }

  async putItems(items: readonly WorkItem[]): Promise<void> {
    for (const item of items) {
      const record = this.runs.get(item.runId);
      if (!record) continue;
      if (!record.items.has(item.itemId)) {
        // An item put again keeps its place; a new one after the last joins the order at its end.
        const index = itemIndex(item.itemId);
        const last = record.ordered?.at(-1);
        if (record.ordered && (last === undefined || last.index < index)) record.ordered.push({ index, itemId: item.itemId });
        else record.ordered = undefined;
      }
      record.items.set(item.itemId, { item: deepFreeze(structuredClone(item)), done: false });
    }
  }

  async listItems(runId: string, range?: { readonly from: number; readonly limit: number }): Promise<StoredWorkItem[]> {
    const record = this.runs.get(runId);
    if (!record) return [];
    const ordered = (record.ordered ??= [...record.items.keys()]
      .map((itemId) => ({ index: itemIndex(itemId), itemId }))
      .sort((a, b) => a.index - b.index));
    // A range starts at the first index at or after `from`, found by binary search, not by a pass over every item.
    let start = 0;
    if (range) {
      for (let end = ordered.length; start < end;) {
        const middle = (start + end) >>> 1;
        if ((ordered[middle]?.index ?? Infinity) < range.from) start = middle + 1;
        else end = middle;
      }
    }
    const chosen: StoredWorkItem[] = [];
    for (let i = start, next = ordered[i]; next && (!range || next.index < range.from + range.limit); next = ordered[++i]) {
      const r = record.items.get(next.itemId) as ItemRecord;
      chosen.push({ item: r.item, done: r.done });
    }
    return chosen;
  }

  async claimItem(runId: string, itemId: string, holder: string, nowMs: number, leaseMs: number): Promise<ItemClaim> {
    const item = this.runs.get(runId)?.items.get(itemId);
    if (!item) return 'UNKNOWN';
    if (item.done) return 'DONE';
    if (item.holder !== undefined && item.holder !== holder && (item.leaseUntil ?? 0) > nowMs) return 'BUSY';
    item.holder = holder;
    item.leaseUntil = nowMs + leaseMs;
    return 'CLAIMED';
  }

  async releaseItem(runId: string, itemId: string, holder: string): Promise<void> {
    const item = this.runs.get(runId)?.items.get(itemId);
    if (item?.holder === holder) {
      item.holder = undefined;
      item.leaseUntil = undefined;
    }
  }

  async completeItem(runId: string, itemId: string, nowIso: string): Promise<ItemCompletion | undefined> {
    const record = this.runs.get(runId);
    const item = record?.items.get(itemId);
    if (!record || !item) return undefined;
    if (!item.done) {
      item.done = true;
      record.done += 1;
      record.run = { ...record.run, progressAt: nowIso };
    }
    return { launch: record.run.launch, remaining: record.run.totalItems - record.done, finishClaimed: record.finisher };
  }

  async claimFinish(runId: string, _claimant: string): Promise<boolean> {
    const record = this.runs.get(runId);
    if (!record || record.finisher) return false;
    record.finisher = true;
    return true;
  }

  async itemProgress(runId: string, accountIds: readonly AccountId[]): Promise<ItemProgress> {
    const record = this.runs.get(runId);
    const outcomes: AccountOutcome[] = [];
    const intents: WriteIntent[] = [];
    if (record)
      for (const id of accountIds) {
        const done = record.outcomes.get(id);
        const begun = record.intents.get(id);
        for (const kind of CONTACT_KINDS) {
          if (done?.[kind] !== undefined) outcomes.push(done[kind]);
          if (begun?.[kind] !== undefined) intents.push(begun[kind]);
        }
      }
    return { outcomes, intents };
  }

  async recordIntent(intent: WriteIntent): Promise<void> {
    const record = this.runs.get(intent.runId);
    if (record) store(record.intents, intent, true);
  }

  async recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void> {
    for (const outcome of outcomes) {
      const record = this.runs.get(outcome.runId);
      if (record) store(record.outcomes, outcome, false);
    }
  }

  async listOutcomes(runId: string): Promise<AccountOutcome[]> {
    const record = this.runs.get(runId);
    return record ? [...entriesOf(record.outcomes)] : [];
  }

  async listIntents(runId: string): Promise<WriteIntent[]> {
    const record = this.runs.get(runId);
    return record ? [...entriesOf(record.intents)] : [];
  }

  async finishRun(runId: string, report: RunReport): Promise<RunReport> {
    const record = this.runs.get(runId);
    if (!record) return report;
    if (record.run.status !== 'FINISHED') {
      const { desired: _desired, ...kept } = record.run;
      record.run = { ...kept, status: 'FINISHED', report: structuredClone(report) };
    }
    return structuredClone(record.run.report as RunReport);
  }

  async cancelRun(runId: string, atIso: string, by: string): Promise<CancelMark> {
    const record = this.runs.get(runId);
    if (!record) return 'NOT_FOUND';
    if (record.run.status === 'FINISHED') return 'FINISHED';
    if (record.run.cancelledAt !== undefined) return 'ALREADY_CANCELLED';
    record.run = { ...record.run, cancelledAt: atIso, cancelledBy: by };
    return 'CANCELLED';
  }

  async markNotified(runId: string): Promise<void> {
    const record = this.runs.get(runId);
    if (record) record.run = { ...record.run, notified: true };
    this.open.delete(runId);
  }

  async recordDoubt(doubt: WriteDoubt): Promise<void> {
    const key = `${doubt.accountId}#${doubt.kind}`;
    const stored = this.doubts.get(key);
    if (!stored || stored.dueAtMs < doubt.dueAtMs)
      this.doubts.set(key, { accountId: doubt.accountId, kind: doubt.kind, dueAtMs: doubt.dueAtMs });
  }

  async dueDoubts(nowMs: number, limit: number): Promise<WriteDoubt[]> {
    return [...this.doubts.values()]
      .filter((d) => d.dueAtMs <= nowMs)
      .sort((a, b) => a.dueAtMs - b.dueAtMs)
      .slice(0, limit)
      .map((d) => ({ ...d }));
  }

  async clearDoubt(doubt: WriteDoubt): Promise<void> {
    const key = `${doubt.accountId}#${doubt.kind}`;
    if (this.doubts.get(key)?.dueAtMs === doubt.dueAtMs) this.doubts.delete(key);
  }

  /** Everything stored, as plain data. */
  snapshot(): SyncStateSnapshot {
    return structuredClone({
      events: [...this.events],
      heads: [...this.heads.values()],
      doubts: [...this.doubts.values()],
      open: [...this.open],
      runs: [...this.runs.values()].map(({ view: _view, ordered: _ordered, ...r }) => ({
        ...r,
        items: [...r.items.values()],
        outcomes: [...entriesOf(r.outcomes)],
        intents: [...entriesOf(r.intents)],
      })),
    });
  }

  /** Replaces everything stored with a snapshot's content. */
  restore(snapshot: SyncStateSnapshot): void {
    const copy = structuredClone(snapshot);
    this.events.clear();
    this.heads.clear();
    this.doubts.clear();
    this.runs.clear();
    this.open.clear();
    for (const [eventId, runId] of copy.events) this.events.set(eventId, runId);
    for (const head of copy.heads) this.heads.set(head.kind, head);
    for (const doubt of copy.doubts ?? []) this.doubts.set(`${doubt.accountId}#${doubt.kind}`, doubt);
    for (const runId of copy.open) this.open.add(runId);
    for (const r of copy.runs) {
      const record: RunRecord = {
        ...r,
        items: new Map(r.items.map((i) => [i.item.itemId, { ...i, item: deepFreeze(i.item) }])),
        outcomes: new Map(),
        intents: new Map(),
      };
      for (const outcome of r.outcomes) store(record.outcomes, outcome, false);
      for (const intent of r.intents) store(record.intents, intent, true);
      this.runs.set(r.run.runId, record);
    }
  }

  /**
   * How far the work of every run has got, in account-kinds: those with an outcome, and those the
   * runs target (for a simulation's progress, which a run finished only at its end would misstate).
   */
  progress(): { readonly done: number; readonly total: number } {
    let done = 0;
    let total = 0;
    for (const record of this.runs.values()) {
      total += record.run.targetCount;
      for (const kinds of record.outcomes.values()) done += Object.keys(kinds).length;
    }
    return { done, total };
  }

  /** Every run, for reports and tests. */
  allRuns(): SyncRun[] {
    return [...this.runs.values()].map((r) => structuredClone({ ...r.run, completedItems: r.done }));
  }
}
