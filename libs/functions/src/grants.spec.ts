import { FUNCTION_NAMES } from './deployment';
import { FUNCTION_GRANTS, functionGrants, grantsOf } from './grants';

describe('the functions’ grants', () => {
  it('name every function of the stack, each with Account Management and Organizations actions only', () => {
    expect(Object.keys(FUNCTION_GRANTS).sort()).toEqual([...FUNCTION_NAMES].sort());
    for (const name of FUNCTION_NAMES)
      for (const action of FUNCTION_GRANTS[name])
        expect([name, action]).toEqual([name, expect.stringMatching(/^(account|organizations):[A-Z]\w+$/)]);
  });

  it('allow a function the actions its role grants and refuse it the others', () => {
    const worker = functionGrants('accountWorker');
    expect(worker('account:PutAlternateContact')).toBe(true);
    expect(worker('organizations:ListParents')).toBe(true);
    // The worker's role lists no account and never names the organization (issue 26).
    expect(worker('organizations:ListAccounts')).toBe(false);
    expect(worker('organizations:DescribeOrganization')).toBe(false);
    expect(functionGrants('contactChange')('account:PutAlternateContact')).toBe(false);
    expect(FUNCTION_NAMES.filter((name) => functionGrants(name)('organizations:ListRoots')).sort()).toEqual([
      'contactChange',
      'scheduledReconcile',
      'sweepRuns',
    ]);
  });

  it('allow nothing a role does not list, however close its name', () => {
    const grants = grantsOf(['account:GetAlternateContact']);
    expect(grants('account:GetAlternateContact')).toBe(true);
    expect(['account:GetAlternateContacts', 'account:*', 'GetAlternateContact', 'account:getalternatecontact'].filter(grants)).toEqual([]);
  });
});
