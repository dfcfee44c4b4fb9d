import { AccountOutcome, SyncRun } from '@contact-sync/domain';

const START = Date.UTC(2026, 10, 22, 9, 0, 0);
/** An ISO time `seconds` after the fixtures' start. */
export const at = (seconds: number): string => new Date(START + seconds * 1000).toISOString();

/** A finished run of one kind over `targets` accounts, started at the fixtures' start. */
export function finishedRun(runId: string, targets: number, overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    runId,
    trigger: 'CHANGE',
    initiator: 'test',
    kinds: ['SECURITY'],
    requestedAt: at(0),
    startedAt: at(0),
    supersedes: true,
    launch: 'LAUNCHED',
    targetCount: targets,
    totalItems: 1,
    completedItems: 1,
    status: 'FINISHED',
    dryRun: false,
    ...overrides,
  };
}

/** An outcome of `runId` for an account, `seconds` after the start. */
export function outcome(runId: string, account: number, seconds: number, overrides: Partial<AccountOutcome> = {}): AccountOutcome {
  return {
    runId,
    accountId: String(100_000_000_000 + account),
    kind: 'SECURITY',
    status: 'UPDATED',
    action: 'PUT',
    beforeFingerprint: `fp-before-${account}`,
    afterFingerprint: `fp-after-${account}`,
    attempts: 2,
    at: at(seconds),
    ...overrides,
  };
}
