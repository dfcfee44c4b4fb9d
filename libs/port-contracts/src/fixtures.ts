import {
  AccountOutcome,
  AuditEntry,
  auditEntryFor,
  ContactKind,
  itemIdOf,
  RunReport,
  SyncRun,
  WorkItem,
  WriteIntent,
} from '@contact-sync/domain';

/** A RUNNING change run of `totalItems` items, with every optional field set. */
export function aRun(runId: string, totalItems: number, overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    runId,
    trigger: 'CHANGE',
    eventId: `event-${runId}`,
    initiator: 'arn:aws:iam::111111111111:user/alice',
    kinds: ['PRIMARY', 'SECURITY'],
    requestedAt: '2026-11-22T08:59:00.000Z',
    startedAt: '2026-11-22T09:00:00.000Z',
    onlyAccounts: ['222222222222', '333333333333'],
    excludeAccounts: ['444444444444'],
    supersedes: true,
    launch: 'LAUNCHED',
    generations: { PRIMARY: 3, SECURITY: 1 },
    desired: {
      PRIMARY: null,
      SECURITY: {
        AlternateContactType: 'SECURITY',
        Name: 'Sec',
        Title: 'CISO',
        EmailAddress: 'sec@example.com',
        PhoneNumber: '+1 555 0100',
      },
    },
    unreadableKinds: [],
    targetCount: totalItems * 2,
    totalItems,
    completedItems: 0,
    status: 'RUNNING',
    dryRun: false,
    ...overrides,
  };
}

/** An outcome for one account and kind of a run. */
export function anOutcome(
  runId: string,
  accountId: string,
  kind: ContactKind,
  at: string,
  overrides: Partial<AccountOutcome> = {},
): AccountOutcome {
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
export function anEntry(
  runId: string,
  accountId: string,
  kind: ContactKind,
  at: string,
  overrides: Partial<AccountOutcome> = {},
): AuditEntry {
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
    superseded: 0,
    failed: 1,
    missing: 0,
    unconfirmedWrites: 0,
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

/** The items of a run, `size` accounts each. */
export function someItems(runId: string, count: number, size = 2): WorkItem[] {
  return Array.from({ length: count }, (_, i) => ({
    runId,
    itemId: itemIdOf(runId, i),
    accountIds: Array.from({ length: size }, (_, a) => accountIdFor(i * size + a)),
  }));
}

/** A write intent for one account and kind of a run. */
export function anIntent(runId: string, accountId: string, kind: ContactKind, overrides: Partial<WriteIntent> = {}): WriteIntent {
  return {
    runId,
    accountId,
    kind,
    action: 'PUT',
    beforeFingerprint: 'a'.repeat(16),
    afterFingerprint: 'b'.repeat(16),
    at: '2026-11-22T09:01:00.000Z',
    ...overrides,
  };
}
