import { AccountId } from '../accounts/account-id';
import { CONTACT_KINDS, ContactKind } from '../contacts/contact-kind';
import { deletableKind, isDeletableKind } from '../contacts/contact-kinds';
import { ContactSlot } from '../contacts/contact-value';
import { ContactFingerprints } from '../fingerprints/fingerprint';
import { AuditLogPort } from '../ports/audit-log.port';
import { ClockPort } from '../ports/clock.port';
import { LoggerPort } from '../ports/logger.port';
import { RunStorePort } from '../ports/run-store.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { ContactApiError } from '../resilience/contact-api-error';
import { ExhaustedCallError, ResilientContacts } from '../resilience/resilient-contacts';
import { DomainError } from '../shared/domain-error';
import { instantText } from '../shared/instant-text';
import { AccountOutcome, SkipReason, targetKey } from '../sync/account-outcome';
import { auditEntryFor } from '../sync/audit-entry';
import { failedOutcome, skippedOutcome, updatedOutcome } from '../sync/outcomes';
import { PreviousValues, UNREADABLE_PREVIOUS } from './previous-values';
import { RunReport } from '../sync/run-report';
import { heldKinds } from '../sync/sync-run';
import { FinishRun } from './finish-run';

/**
 * What a rollback finds for one member the run wrote:
 * - RESTORABLE: the member still holds the value the run wrote, and its previous value was kept;
 * - CHANGED_SINCE_RUN: the member holds another value now (someone, or a later run, changed it): left alone;
 * - NOT_KEPT: no previous value was kept (it expired, or the run predates them), or it cannot be opened;
 * - CANNOT_UNSET: the member had no primary contact before the run, and the API cannot delete one: left alone;
 * - UNREADABLE: the member's contact could not be read now.
 */
export type RollbackVerdict = 'RESTORABLE' | 'CHANGED_SINCE_RUN' | 'NOT_KEPT' | 'CANNOT_UNSET' | 'UNREADABLE';

/** One member-kind of the rolled-back run, as the rollback found it. Ids and kinds, never values. */
export interface RollbackTarget {
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly verdict: RollbackVerdict;
  /** What restoring does: put the previous value back, or delete the contact (it was unset). RESTORABLE only. */
  readonly action?: 'PUT' | 'DELETE';
}

/** What a rollback of a run would do, counted by verdict and kind. */
export interface RollbackPlan {
  readonly runId: string;
  readonly targets: readonly RollbackTarget[];
  /** Account-kinds per verdict and kind. */
  readonly counts: Readonly<Record<RollbackVerdict, Readonly<Partial<Record<ContactKind, number>>>>>;
}

/** Who asks for the rollback run, and its id. */
export interface RollbackRequest {
  readonly rollbackRunId: string;
  readonly initiator: string;
}

/** Internal: a RESTORABLE target with what restoring it needs. */
interface Restorable extends RollbackTarget {
  readonly previous: ContactSlot;
  readonly runFingerprint: string;
}

/**
 * Undoes a finished run: restores, to every member whose current value is still the one the run
 * wrote (same fingerprint), the value it held before (its previous value, kept sealed by the worker);
 * a previous "unset" is restored by deleting the contact. Members changed since are left alone and
 * reported. `plan` only reads; `apply` restores as a run of its own (trigger ROLLBACK), audited and
 * notified like any run, and keeps the values it overwrites, so that a rollback can be rolled back.
 */
export class RollbackRun {
  constructor(
    private readonly runStore: RunStorePort,
    private readonly outcomeLedger: OutcomeLedgerPort,
    private readonly contacts: ResilientContacts,
    private readonly previousValues: PreviousValues,
    private readonly fingerprints: ContactFingerprints,
    private readonly audit: AuditLogPort,
    private readonly finishRun: FinishRun,
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
  ) {}

  /** What a rollback of `runId` would do now: the members it wrote, read again. Writes nothing. */
  async plan(runId: string): Promise<RollbackPlan> {
    const targets = await this.targets(runId);
    return planOf(
      runId,
      targets.map(({ accountId, kind, verdict, action }) => ({ accountId, kind, verdict, ...(action ? { action } : {}) })),
    );
  }

  /**
   * Restores the previous values of the members still holding what `runId` wrote, as run
   * `request.rollbackRunId`, and returns its report. Refused while a run that holds one of the kinds is open.
   */
  async apply(runId: string, request: RollbackRequest): Promise<RunReport> {
    const targets = await this.targets(runId);
    const kinds = CONTACT_KINDS.filter((kind) => targets.some((t) => t.kind === kind));
    await this.refuseWhileOpen(kinds);
    const startedAt = this.now();
    const created = await this.runStore.createRun({
      runId: request.rollbackRunId,
      trigger: 'ROLLBACK',
      initiator: request.initiator,
      kinds,
      requestedAt: startedAt,
      startedAt,
      supersedes: false,
      launch: 'LAUNCHED',
      targetCount: targets.length,
      totalItems: 0,
      completedItems: 0,
      status: 'RUNNING',
      dryRun: false,
    });
    if (!created) throw new DomainError('CONFLICT', `run ${request.rollbackRunId} exists already`);
    this.logger.info('rollback started', { runId: request.rollbackRunId, rolledBack: runId, targets: targets.length });
    const outcomes: AccountOutcome[] = [];
    for (const target of targets) outcomes.push(await this.restore(request.rollbackRunId, target));
    await this.outcomeLedger.recordOutcomes(outcomes);
    await this.audit.append(outcomes.map((outcome) => auditEntryFor(outcome, request.initiator)));
    return this.finishRun.execute(request.rollbackRunId);
  }

  private async restore(rollbackRunId: string, target: Restorable | RollbackTarget): Promise<AccountOutcome> {
    const key = { runId: rollbackRunId, accountId: target.accountId, kind: target.kind };
    const at = this.now();
    if (target.verdict === 'UNREADABLE') return failedOutcome(key, 'UNKNOWN', { attempts: 1, at });
    if (target.verdict !== 'RESTORABLE' || !('runFingerprint' in target))
      return skippedOutcome(key, SKIP_REASONS[target.verdict], { attempts: 0, at });
    const previousFingerprint = this.fingerprints.of(target.previous);
    const action = target.previous === undefined ? 'DELETE' : 'PUT';
    try {
      // What the rollback overwrites is the rolled-back run's value: kept too, so that it can be undone.
      const current = await this.contacts.read(target.kind, target.accountId);
      if (this.fingerprints.of(current.value) !== target.runFingerprint)
        return skippedOutcome(key, 'CHANGED_SINCE_RUN', { attempts: current.attempts, at });
      await this.previousValues.keep({ ...key, afterFingerprint: previousFingerprint, at }, current.value);
      const written =
        target.previous === undefined
          ? await this.contacts.remove(deletableKind(target.kind), target.accountId)
          : await this.contacts.write(target.previous, target.accountId);
      return updatedOutcome(
        key,
        { action, beforeFingerprint: target.runFingerprint, afterFingerprint: previousFingerprint },
        { attempts: current.attempts + written.attempts, at: this.now() },
      );
    } catch (error) {
      const failure = error instanceof ContactApiError ? error : undefined;
      const attempts = error instanceof ExhaustedCallError ? error.attempts : 1;
      return failedOutcome(key, failure?.code ?? 'UNKNOWN', { attempts, at: this.now() }, failure?.requestId);
    }
  }

  /** Every member-kind the run wrote (UPDATED), with what the rollback finds for it now. */
  private async targets(runId: string): Promise<(Restorable | RollbackTarget)[]> {
    const run = await this.runStore.getRun(runId);
    if (!run) throw new DomainError('NOT_FOUND', `run ${runId} does not exist`);
    if (run.status !== 'FINISHED') throw new DomainError('CONFLICT', `run ${runId} is still open: cancel it or wait for it to finish`);
    const written = (await this.outcomeLedger.listOutcomes(runId)).filter((o) => o.status === 'UPDATED');
    const kept = await this.previousValues.keptFor(runId);
    const targets: (Restorable | RollbackTarget)[] = [];
    for (const outcome of written) {
      const { accountId, kind } = outcome;
      const record = kept.get(targetKey(accountId, kind));
      const runFingerprint = outcome.afterFingerprint ?? record?.afterFingerprint;
      let current: ContactSlot;
      try {
        current = (await this.contacts.read(kind, accountId)).value;
      } catch {
        targets.push({ accountId, kind, verdict: 'UNREADABLE' });
        continue;
      }
      if (runFingerprint === undefined || this.fingerprints.of(current) !== runFingerprint) {
        targets.push({ accountId, kind, verdict: 'CHANGED_SINCE_RUN' });
        continue;
      }
      const previous = record ? this.previousValues.open(record) : UNREADABLE_PREVIOUS;
      if (previous === UNREADABLE_PREVIOUS) {
        targets.push({ accountId, kind, verdict: 'NOT_KEPT' });
        continue;
      }
      if (previous === undefined && !isDeletableKind(kind)) {
        targets.push({ accountId, kind, verdict: 'CANNOT_UNSET' });
        continue;
      }
      targets.push({ accountId, kind, verdict: 'RESTORABLE', action: previous === undefined ? 'DELETE' : 'PUT', previous, runFingerprint });
    }
    return targets;
  }

  private async refuseWhileOpen(kinds: readonly ContactKind[]): Promise<void> {
    for (const openId of await this.runStore.listOpenRuns()) {
      const open = await this.runStore.getRun(openId);
      // A run that holds a kind may be writing it now; one not launched yet reads the members when it does.
      if (open?.status === 'RUNNING' && heldKinds(open).some((kind) => kinds.includes(kind)))
        throw new DomainError(
          'CONFLICT',
          `run ${openId} is writing the same kinds: cancel it or wait for it to finish before rolling back`,
        );
    }
  }

  private now(): string {
    return instantText(this.clock.now());
  }
}

/** Why a member the rollback leaves alone is skipped. */
const SKIP_REASONS = {
  RESTORABLE: 'CHANGED_SINCE_RUN',
  CHANGED_SINCE_RUN: 'CHANGED_SINCE_RUN',
  NOT_KEPT: 'PREVIOUS_VALUE_NOT_KEPT',
  CANNOT_UNSET: 'PRIMARY_CANNOT_BE_UNSET',
  UNREADABLE: 'CHANGED_SINCE_RUN',
} as const satisfies Record<RollbackVerdict, SkipReason>;

/** The plan's counts by verdict and kind. */
function planOf(runId: string, targets: readonly RollbackTarget[]): RollbackPlan {
  const counts: Record<RollbackVerdict, Partial<Record<ContactKind, number>>> = {
    RESTORABLE: {},
    CHANGED_SINCE_RUN: {},
    NOT_KEPT: {},
    CANNOT_UNSET: {},
    UNREADABLE: {},
  };
  for (const { verdict, kind } of targets) counts[verdict][kind] = (counts[verdict][kind] ?? 0) + 1;
  return { runId, targets, counts };
}
