import { AccountOutcome, AuditEntry, auditEntryFor, ContactKind, RunReport, SyncRun } from '@contact-sync/domain';

/** A RUNNING change run of `totalItems` items, with every optional field set. */
export function aRun(runId: string, totalItems: number, overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    runId,
    trigger: 'CHANGE',
    eventId: `event-${runId}`,
    initiator: 'arn:aws:iam::111111111111:user/alice',
    kinds: ['PRIMARY', 'SECURITY'],
    startedAt: '2026-11-22T09:00:00.000Z',
    targetCount: totalItems * 2,
    accountIds: ['222222222222', '333333333333'],
    totalItems,
    completedItems: 0,
    status: 'RUNNING',
    dryRun: false,
    ...overrides,
  };
}

/** An outcome for one account and kind of a run. */
export function anOutcome(runId: string, accountId: string, kind: ContactKind, at: string, overrides: Partial<AccountOutcome> = {}): AccountOutcome {
  return {
    runId,
    accountId,
    kind,
    status: 'UPDATED',
    action: 'PUT',
    beforeFingerprint: 'a'.repeat(16),
    afterFingerprint: 'b'.repeat(16),
    attempts: 1,
    at,
    ...overrides,
  };
}

/** The audit entry for an outcome of `runId` at `at`. */
export function anEntry(runId: string, accountId: string, kind: ContactKind, at: string, overrides: Partial<AccountOutcome> = {}): AuditEntry {
  return auditEntryFor(anOutcome(runId, accountId, kind, at, overrides), 'arn:aws:iam::111111111111:user/alice');
}

/** A finished run's report. */
export function aReport(run: SyncRun, overrides: Partial<RunReport> = {}): RunReport {
  return {
    runId: run.runId,
    trigger: run.trigger,
    kinds: run.kinds,
    targeted: run.targetCount,
    updated: 1,
    unchanged: 0,
    skipped: 0,
    failed: 1,
    missing: 0,
    failures: [{ accountId: '333333333333', kind: 'SECURITY', errorCode: 'ACCESS_DENIED' }],
    dryRun: run.dryRun,
    startedAt: run.startedAt,
    finishedAt: '2026-11-22T09:05:00.000Z',
    durationMs: 300_000,
    status: 'PARTIAL',
    ...overrides,
  };
}

/** A twelve-digit account id for index `i`. */
export const accountIdFor = (i: number): string => String(100_000_000_000 + i);
