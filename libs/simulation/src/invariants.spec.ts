import { DEFAULT_SYNC_CONFIG, MemberAccount, SyncRun } from '@contact-sync/domain';
import { OrganizationModel, StoredContact } from '@contact-sync/simulated-aws';
import { checkInvariants, QuietState } from './invariants';

const at = Date.UTC(2026, 10, 22, 9, 0, 0);
const member = (id: string, isManagement = false): MemberAccount => ({
  id,
  name: id,
  state: 'ACTIVE',
  isManagement,
  joinedAt: new Date(at).toISOString(),
});
const SECURITY: StoredContact = {
  AlternateContactType: 'SECURITY',
  Name: 'Sec',
  Title: 'CISO',
  EmailAddress: 'sec@example.com',
  PhoneNumber: '+1 555 0100',
};

/** A quiet organization where one SECURITY run targeted two members, whose values are as given. */
function quiet(first: StoredContact | undefined, second: StoredContact | undefined): QuietState {
  const model = new OrganizationModel([member('111111111111', true), member('222222222222'), member('333333333333')]);
  model.write('111111111111', 'SECURITY', SECURITY, at);
  model.write('222222222222', 'SECURITY', first, at);
  model.write('333333333333', 'SECURITY', second, at);
  const run: SyncRun = {
    runId: 'chg-1',
    trigger: 'CHANGE',
    initiator: 'simulator',
    kinds: ['SECURITY'],
    requestedAt: new Date(at).toISOString(),
    startedAt: new Date(at).toISOString(),
    supersedes: true,
    launch: 'LAUNCHED',
    generations: { SECURITY: 1 },
    targetCount: 0,
    totalItems: 1,
    completedItems: 1,
    status: 'FINISHED',
    notified: true,
    dryRun: false,
  };
  return {
    model,
    config: DEFAULT_SYNC_CONFIG,
    runs: [run],
    outcomes: [],
    targets: new Map([['chg-1', ['222222222222', '333333333333']]]),
    audit: [],
    applied: [],
    refusing: new Set(),
  };
}

describe('checkInvariants: outOfSync', () => {
  it('counts each targeted member that does not hold the management value at the end', () => {
    expect(checkInvariants(quiet({ ...SECURITY, Title: 'Old' }, undefined)).outOfSync).toBe(2);
  });

  it('counts none when the members hold the value, whatever order its fields are stored in', () => {
    const reordered = Object.fromEntries(Object.entries(SECURITY).reverse()) as StoredContact;
    expect(checkInvariants(quiet(SECURITY, reordered)).outOfSync).toBe(0);
  });
});
