import { AccountId, AccountOutcome, ContactKind, RunReport, SyncRun, SyncStatePort } from '@contact-sync/domain';

/** Runs, outcomes, claimed events and watermarks, in memory. */
export class InMemorySyncState implements SyncStatePort {
  private readonly events = new Map<string, string>();
  private readonly watermarks = new Map<ContactKind, string>();
  private readonly runs = new Map<string, SyncRun>();
  private readonly outcomes = new Map<string, Map<string, AccountOutcome>>();
  private readonly completed = new Map<string, Set<string>>();
  private readonly finishers = new Set<string>();

  async claimEvent(eventId: string, runId: string): Promise<boolean> {
    if (this.events.has(eventId)) return false;
    this.events.set(eventId, runId);
    return true;
  }

  async advanceWatermark(kind: ContactKind, eventTime: string): Promise<boolean> {
    const current = this.watermarks.get(kind);
    if (current !== undefined && Date.parse(current) > Date.parse(eventTime)) return false;
    this.watermarks.set(kind, eventTime);
    return true;
  }

  async createRun(run: SyncRun): Promise<void> {
    this.runs.set(run.runId, { ...run });
  }

  async getRun(runId: string): Promise<SyncRun | undefined> {
    const run = this.runs.get(runId);
    return run && { ...run, completedItems: this.completed.get(runId)?.size ?? 0 };
  }

  async recordOutcomes(outcomes: readonly AccountOutcome[]): Promise<void> {
    for (const outcome of outcomes) {
      let byTarget = this.outcomes.get(outcome.runId);
      if (!byTarget) this.outcomes.set(outcome.runId, (byTarget = new Map()));
      byTarget.set(`${outcome.accountId}#${outcome.kind}`, outcome);
    }
  }

  async completeItem(runId: string, itemId: string): Promise<boolean> {
    const run = this.runs.get(runId);
    if (!run) return false;
    let done = this.completed.get(runId);
    if (!done) this.completed.set(runId, (done = new Set()));
    done.add(itemId);
    if (done.size < run.totalItems || this.finishers.has(runId)) return false;
    this.finishers.add(runId);
    return true;
  }

  async listOutcomes(runId: string): Promise<AccountOutcome[]> {
    return [...(this.outcomes.get(runId)?.values() ?? [])];
  }

  async finishRun(runId: string, report: RunReport): Promise<void> {
    const run = this.runs.get(runId);
    if (run) this.runs.set(runId, { ...run, status: 'FINISHED', report });
  }

  async outcomesForAccount(accountId: AccountId, limit: number): Promise<AccountOutcome[]> {
    const found: AccountOutcome[] = [];
    for (const byTarget of this.outcomes.values()) for (const o of byTarget.values()) if (o.accountId === accountId) found.push(o);
    return found.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }

  /** Every run, for reports and tests. */
  allRuns(): SyncRun[] {
    return [...this.runs.keys()].map((id) => ({ ...(this.runs.get(id) as SyncRun), completedItems: this.completed.get(id)?.size ?? 0 }));
  }
}
