import { AccountOutcome, skipCounts } from './account-outcome';

/** An outcome of run r1 for an account, UPDATED unless overridden. */
const outcome = (runId: string, account: number, seconds: number, overrides: Partial<AccountOutcome> = {}): AccountOutcome => ({
  runId,
  accountId: String(100_000_000_000 + account),
  kind: 'SECURITY',
  status: 'UPDATED',
  attempts: 1,
  at: new Date(Date.UTC(2026, 10, 22, 9, 0, seconds)).toISOString(),
  ...overrides,
});

describe('skipCounts', () => {
  it('counts skipped account-kinds by reason, with the rule where one left them out, and nothing else', () => {
    const skipped = (account: number, skipReason: string, skipRule?: string) =>
      outcome('r1', account, 1, {
        status: 'SKIPPED',
        skipReason: skipReason as never,
        ...(skipRule !== undefined ? { skipRule } : {}),
      });
    const outcomes = [
      skipped(1, 'EXCLUDED_BY_OU', 'ou-ab12-sandbox'),
      skipped(2, 'EXCLUDED_BY_OU', 'ou-ab12-sandbox'),
      skipped(3, 'EXCLUDED_BY_OU', 'ou-ab12-lab'),
      skipped(4, 'EXCLUDED_BY_TAG', 'contact-sync:exclude=true'),
      skipped(5, 'KIND_DISABLED'),
      outcome('r1', 6, 1),
      outcome('r1', 7, 1, { status: 'FAILED', errorCode: 'ACCESS_DENIED' }),
    ];
    expect(skipCounts(outcomes)).toEqual({
      'EXCLUDED_BY_OU ou-ab12-sandbox': 2,
      'EXCLUDED_BY_OU ou-ab12-lab': 1,
      'EXCLUDED_BY_TAG contact-sync:exclude=true': 1,
      KIND_DISABLED: 1,
    });
    expect(skipCounts([outcome('r1', 1, 1)])).toEqual({});
  });
});
