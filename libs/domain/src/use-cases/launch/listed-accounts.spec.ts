import { syncConfigOf } from '../../config/sync-config';
import { TargetingRules } from '../../targeting/targeting-rules';
import { unitIdOf } from '../../testing/organization-tree';
import { ListedAccounts } from './listed-accounts';

const AT = '2026-12-01T10:00:00.000Z';
const READ_AT = '2026-12-01T10:00:05.000Z';
const TAKEN_AT = '2026-12-01T10:00:09.000Z';
const rules = new TargetingRules(syncConfigOf({ excludedOrganizationalUnits: [unitIdOf(1)] }));

describe('ListedAccounts', () => {
  it('lists each account once, with a skip for each held kind of one an OU rule leaves out, dated when its page was read', () => {
    const listed = new ListedAccounts('run-1', ['SECURITY', 'BILLING'], rules, AT);
    listed.add('200000000001', [unitIdOf(0)], READ_AT);
    listed.add('200000000002', [unitIdOf(0), unitIdOf(1)], READ_AT);
    listed.add('200000000002', [unitIdOf(0)], READ_AT);
    listed.add('200000000003', undefined);
    const { ids, skips } = listed.take(TAKEN_AT);
    expect(ids).toEqual(['200000000001', '200000000002', '200000000003']);
    const skip = {
      runId: 'run-1',
      accountId: '200000000002',
      status: 'SKIPPED',
      skipReason: 'EXCLUDED_BY_OU',
      skipRule: unitIdOf(1),
      attempts: 0,
      at: READ_AT,
    };
    expect(skips).toEqual([
      { ...skip, kind: 'SECURITY' },
      { ...skip, kind: 'BILLING' },
    ]);
    expect(listed.take()).toEqual({ ids: [], skips: [] });
  });

  it('lists an account whose outcome is decided already (a failed read), dated when taken, and still only once', () => {
    const listed = new ListedAccounts('run-1', ['SECURITY'], rules, AT);
    listed.decide('200000000004', { status: 'FAILED', errorCode: 'ACCOUNT_UNREADABLE' });
    listed.add('200000000004', []);
    expect(listed.take()).toEqual({
      ids: ['200000000004'],
      skips: [
        {
          runId: 'run-1',
          accountId: '200000000004',
          kind: 'SECURITY',
          status: 'FAILED',
          errorCode: 'ACCOUNT_UNREADABLE',
          attempts: 0,
          at: AT,
        },
      ],
    });
  });
});
