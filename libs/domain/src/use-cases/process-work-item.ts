import { AccountId } from '../accounts/account-id';
import { AlternateContact } from '../contacts/alternate-contact';
import { ContactInformation } from '../contacts/contact-information';
import { ContactKind } from '../contacts/contact-kind';
import { ContactSlot } from '../contacts/contact-value';
import { fingerprint } from '../contacts/fingerprint';
import { AuditLogPort } from '../ports/audit-log.port';
import { ClockPort } from '../ports/clock.port';
import { MetricsPort } from '../ports/metrics.port';
import { SyncStatePort } from '../ports/sync-state.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { ExhaustedCallError, ResilientContacts } from '../resilience/resilient-contacts';
import { AccountOutcome } from '../sync/account-outcome';
import { auditEntryFor } from '../sync/audit-entry';
import { diffContact } from '../sync/diff-contact';
import { WorkItem } from '../sync/work-item';
import { FinishRun } from './finish-run';

/** What a worker did with one item. */
export interface ItemResult {
  readonly outcomes: readonly AccountOutcome[];
  /** True for the one worker that completed the run's last item (and so finished the run). */
  readonly finishedRun: boolean;
}

const METRIC = { UPDATED: 'Updated', UNCHANGED: 'Unchanged', SKIPPED: 'Skipped', FAILED: 'Failed' } as const;

/**
 * Brings every account of a work item in line with the desired values: read, diff, write only when
 * different. One outcome per account and kind; one account's failure never stops the others. A read
 * after a write is not trusted (the API is eventually consistent), so a write's success is the proof.
 */
export class ProcessWorkItem {
  constructor(
    private readonly contacts: ResilientContacts,
    private readonly state: SyncStatePort,
    private readonly audit: AuditLogPort,
    private readonly finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly metrics: MetricsPort,
  ) {}

  async execute(item: WorkItem): Promise<ItemResult> {
    const desired = new Map<ContactKind, ContactSlot | Error>(item.kinds.map((kind) => [kind, desiredValue(item, kind)]));
    const perAccount = await Promise.all(item.accountIds.map((accountId) => this.syncAccount(item, accountId, desired)));
    const outcomes = perAccount.flat();
    await this.state.recordOutcomes(outcomes);
    await this.audit.append(outcomes.map((outcome) => auditEntryFor(outcome, item.initiator)));
    for (const outcome of outcomes) this.metrics.add(METRIC[outcome.status]);
    const finishedRun = await this.state.completeItem(item.runId, item.itemId);
    if (finishedRun) await this.finishRun.execute(item.runId);
    return { outcomes, finishedRun };
  }

  private async syncAccount(item: WorkItem, accountId: AccountId, desired: Map<ContactKind, ContactSlot | Error>): Promise<AccountOutcome[]> {
    const outcomes: AccountOutcome[] = [];
    for (const kind of item.kinds) outcomes.push(await this.syncOne(item, accountId, kind, desired.get(kind)));
    return outcomes;
  }

  private async syncOne(item: WorkItem, accountId: AccountId, kind: ContactKind, wanted: ContactSlot | Error): Promise<AccountOutcome> {
    const base = { runId: item.runId, accountId, kind };
    if (wanted instanceof Error) return { ...base, status: 'FAILED', errorCode: 'INVALID', attempts: 0, at: this.now() };
    let attempts = 0;
    try {
      const current = await this.contacts.read(kind, accountId);
      attempts += current.attempts;
      const before = fingerprint(current.value);
      const diff = diffContact(wanted, current.value, item.propagateDeletions);
      if (diff.action === 'UNCHANGED') return { ...base, status: 'UNCHANGED', beforeFingerprint: before, afterFingerprint: before, attempts, at: this.now() };
      if (diff.action === 'SKIP') return { ...base, status: 'SKIPPED', skipReason: diff.reason, beforeFingerprint: before, attempts, at: this.now() };
      const after = diff.action === 'PUT' ? fingerprint(diff.value) : fingerprint(undefined);
      if (item.dryRun) {
        const skipReason = diff.action === 'PUT' ? 'DRY_RUN_WOULD_PUT' : 'DRY_RUN_WOULD_DELETE';
        return { ...base, status: 'SKIPPED', action: diff.action, skipReason, beforeFingerprint: before, afterFingerprint: after, attempts, at: this.now() };
      }
      const written = diff.action === 'PUT' ? await this.contacts.write(diff.value, accountId) : await this.contacts.remove(kind as AlternateContact['type'], accountId);
      attempts += written.attempts;
      return { ...base, status: 'UPDATED', action: diff.action, beforeFingerprint: before, afterFingerprint: after, attempts, at: this.now() };
    } catch (error) {
      const failure = error instanceof ContactApiError ? error : undefined;
      if (error instanceof ExhaustedCallError) attempts += error.attempts;
      return { ...base, status: 'FAILED', errorCode: failure?.code ?? 'UNKNOWN', requestId: failure?.requestId, attempts, at: this.now() };
    }
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function desiredValue(item: WorkItem, kind: ContactKind): ContactSlot | Error {
  const props = item.desired[kind];
  if (props === null || props === undefined) return undefined;
  const parsed = kind === 'PRIMARY' ? ContactInformation.parse(props) : AlternateContact.parse(props);
  return parsed.ok ? parsed.value : parsed.error;
}
