import { MemberAccount } from '../accounts/member-account';
import { syncConfigOf } from '../config/sync-config';
import { exclusionReason } from './select-targets';

const account = (id: string, patch: Partial<MemberAccount> = {}): MemberAccount => ({
  id,
  name: `acct-${id}`,
  state: 'ACTIVE',
  joinedAt: '2024-01-01T00:00:00.000Z',
  isManagement: false,
  ...patch,
});

describe('exclusions', () => {
  const accounts = [
    account('000000000001', { isManagement: true }),
    account('000000000002'),
    account('000000000003', { state: 'SUSPENDED' }),
    account('000000000004', { state: 'PENDING_CLOSURE' }),
    account('000000000005'),
  ];

  it('explains each exclusion', () => {
    const config = syncConfigOf({ excludedAccountIds: ['000000000005'] });
    expect(accounts.map((a) => exclusionReason(a, config))).toEqual([
      'MANAGEMENT_ACCOUNT',
      undefined,
      'NOT_ACTIVE',
      'NOT_ACTIVE',
      'EXCLUDED_BY_ID',
    ]);
  });
});
