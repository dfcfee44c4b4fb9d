import { auditEntryFor, AuditEntry, DEFAULT_SYNC_CONFIG, MemberAccount, syncConfigOf, SyncRun } from '@contact-sync/domain';
import { OrganizationModel, StoredContact } from '@contact-sync/simulated-aws';
import { checkInvariants, QuietState } from './invariants';

const at = Date.UTC(2026, 10, 22, 9, 0, 0);
const MANAGEMENT = '111111111111';
const LISTED = ['222222222222', '333333333333'];
/** A member no run lists. */
const UNLISTED = '444444444444';
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
const OLD: StoredContact = { ...SECURITY, Title: 'Old' };
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

/**
 * A quiet organization: the management account and three members, every one on OLD when the system
 * was deployed (the mark). `change` then happens to the world, and `values` are the members' values at
 * the end; one SECURITY run listed the first two members, none the third.
 */
function quiet(
  values: readonly [StoredContact | undefined, StoredContact | undefined, StoredContact | undefined],
  change: (model: OrganizationModel) => void = (model) => model.write(MANAGEMENT, 'SECURITY', SECURITY, at),
  configs = [DEFAULT_SYNC_CONFIG],
): QuietState {
  const model = new OrganizationModel([member(MANAGEMENT, true), ...[...LISTED, UNLISTED].map((id) => member(id))]);
  for (const id of [MANAGEMENT, ...LISTED, UNLISTED]) model.write(id, 'SECURITY', OLD, at);
  const since = model.mark();
  change(model);
  [...LISTED, UNLISTED].forEach((id, i) => model.write(id, 'SECURITY', values[i], at));
  return {
    model,
    config: configs.at(-1) ?? DEFAULT_SYNC_CONFIG,
    runs: [run],
    outcomes: [],
    targets: new Map([['chg-1', LISTED]]),
    audit: [],
    applied: [],
    refusing: new Set(),
    since,
    configs,
  };
}

describe('checkInvariants: outOfSync sees every member, not only those a run listed', () => {
  it('counts each member that does not hold the management value at the end, listed by a run or not', () => {
    expect(checkInvariants(quiet([OLD, undefined, SECURITY])).outOfSync).toBe(2);
    expect(checkInvariants(quiet([SECURITY, SECURITY, OLD])).outOfSync).toBe(1);
  });

  it('counts none when the members hold the value, whatever order its fields are stored in', () => {
    const reordered = Object.fromEntries(Object.entries(SECURITY).reverse()) as StoredContact;
    expect(checkInvariants(quiet([SECURITY, reordered, SECURITY])).outOfSync).toBe(0);
  });

  it('holds an unlisted member that nothing changed for to nothing: drift that nothing asked to repair', () => {
    // The management value stays OLD (no change since the mark); the unlisted member keeps its own value.
    expect(checkInvariants(quiet([OLD, OLD, { ...SECURITY, Name: 'Own' }], () => undefined)).outOfSync).toBe(0);
  });

  it('holds every member to the kinds a live reconcile was asked for, whether or not it claimed them or listed anyone', () => {
    const drifted: StoredContact = { ...OLD, Name: 'Own' };
    const reconcile: SyncRun = { ...run, runId: 'rec-1', trigger: 'RECONCILE', generations: {} };
    const state = quiet([OLD, OLD, drifted], () => undefined);
    expect(checkInvariants({ ...state, runs: [reconcile] }).outOfSync).toBe(1);
    expect(checkInvariants({ ...state, runs: [{ ...reconcile, dryRun: true }] }).outOfSync).toBe(0);
  });

  it('holds a member that moved, joined, changed state or was retagged since the mark to every synced kind', () => {
    const drifted: StoredContact = { ...OLD, Name: 'Own' };
    const moved = (model: OrganizationModel) => {
      model.tree.addUnit('ou-a');
      model.tree.place(UNLISTED, 'ou-a');
    };
    expect(checkInvariants(quiet([OLD, OLD, drifted], moved)).outOfSync).toBe(1);
    expect(checkInvariants(quiet([OLD, OLD, drifted], (model) => model.tree.setTags(UNLISTED, { env: 'prod' }))).outOfSync).toBe(1);
    expect(checkInvariants(quiet([OLD, OLD, drifted], (model) => model.setState(UNLISTED, 'ACTIVE'))).outOfSync).toBe(1);
  });

  it('holds the account-kinds a configuration change let in to the management value (a kind enabled, dry run released)', () => {
    const drifted: StoredContact = { ...OLD, Name: 'Own' };
    const nothing = () => undefined;
    const withoutSecurity = syncConfigOf({ kinds: ['BILLING'] });
    const dry = syncConfigOf({ dryRun: true });
    expect(checkInvariants(quiet([OLD, OLD, drifted], nothing, [withoutSecurity, DEFAULT_SYNC_CONFIG])).outOfSync).toBe(1);
    expect(checkInvariants(quiet([OLD, OLD, drifted], nothing, [dry, DEFAULT_SYNC_CONFIG])).outOfSync).toBe(1);
    // Narrowing obliges nothing, and a dry-run configuration at the end holds nothing.
    expect(checkInvariants(quiet([OLD, OLD, drifted], nothing, [DEFAULT_SYNC_CONFIG, withoutSecurity])).outOfSync).toBe(0);
    expect(checkInvariants(quiet([OLD, drifted, drifted], undefined, [DEFAULT_SYNC_CONFIG, dry])).outOfSync).toBe(0);
  });

  it('leaves out what the final configuration, tree and tags leave out, members not ACTIVE, and members refusing every call', () => {
    const excluded = syncConfigOf({ excludedAccountIds: [UNLISTED] });
    expect(checkInvariants(quiet([SECURITY, SECURITY, OLD], undefined, [excluded])).outOfSync).toBe(0);
    const byTag = syncConfigOf({ excludedTags: [{ key: 'opt-out' }] });
    const tagged = (model: OrganizationModel) => {
      model.write(MANAGEMENT, 'SECURITY', SECURITY, at);
      model.tree.setTags(UNLISTED, { 'opt-out': 'yes' });
    };
    expect(checkInvariants(quiet([SECURITY, SECURITY, OLD], tagged, [byTag])).outOfSync).toBe(0);
    const suspended = (model: OrganizationModel) => {
      model.write(MANAGEMENT, 'SECURITY', SECURITY, at);
      model.setState(UNLISTED, 'SUSPENDED');
    };
    expect(checkInvariants(quiet([SECURITY, SECURITY, OLD], suspended)).outOfSync).toBe(0);
    expect(checkInvariants({ ...quiet([SECURITY, SECURITY, OLD]), refusing: new Set([UNLISTED]) }).outOfSync).toBe(0);
  });
});

describe('checkInvariants: wronglyWritten', () => {
  it('counts the applied writes the rules left out when they were sent, whatever the rules say at the end', () => {
    const write = { runId: 'chg-1', accountId: UNLISTED, kind: 'SECURITY' as const, afterFingerprint: 'hmac:1', sentAt: at, at };
    const state = quiet([SECURITY, SECURITY, SECURITY]);
    expect(checkInvariants({ ...state, applied: [write, { ...write, leftOutBy: 'DRY_RUN' }] }).wronglyWritten).toBe(1);
  });
});

describe('checkInvariants: auditMismatches', () => {
  const write = (runId: string, accountId: string, afterFingerprint: string) => ({
    runId,
    accountId,
    kind: 'SECURITY' as const,
    afterFingerprint,
    sentAt: at,
    at,
  });
  const entry = (runId: string, accountId: string, status: 'UPDATED' | 'UNCHANGED', afterFingerprint?: string, unconfirmedWrite = false) =>
    auditEntryFor(
      {
        runId,
        accountId,
        kind: 'SECURITY',
        status,
        ...(status === 'UPDATED' ? { action: 'PUT' as const } : {}),
        ...(afterFingerprint !== undefined ? { afterFingerprint } : {}),
        ...(unconfirmedWrite ? { unconfirmedWrite } : {}),
        attempts: 1,
        at: new Date(at).toISOString(),
      },
      'simulator',
    );
  const [A, B] = LISTED as [string, string];
  const mismatches = (audit: AuditEntry[], applied: ReturnType<typeof write>[]) =>
    checkInvariants({ ...quiet([SECURITY, SECURITY, SECURITY]), audit, applied }).auditMismatches;

  it('counts none when each write has its entry, and each entry UPDATED names a value its run wrote', () => {
    const applied = [write('chg-1', A, 'hmac:1'), write('chg-1', A, 'hmac:2'), write('chg-2', A, 'hmac:3'), write('chg-1', B, 'hmac:1')];
    const audit = [entry('chg-1', A, 'UPDATED', 'hmac:2'), entry('chg-2', A, 'UPDATED', 'hmac:3'), entry('chg-1', B, 'UPDATED', 'hmac:1')];
    expect(mismatches(audit, applied)).toBe(0);
    // A write in doubt that an earlier delivery may have made: an entry that is not UPDATED says so.
    expect(mismatches([entry('chg-1', B, 'UNCHANGED', 'hmac:1', true)], [write('chg-1', B, 'hmac:1')])).toBe(0);
  });

  it('counts an entry UPDATED with no write of its run, or with a value its run did not write', () => {
    expect(mismatches([entry('chg-1', A, 'UPDATED', 'hmac:1')], [])).toBe(1);
    expect(mismatches([entry('chg-1', A, 'UPDATED', 'hmac:1')], [write('chg-2', A, 'hmac:1'), write('chg-2', A, 'hmac:1')])).toBe(2);
    expect(mismatches([entry('chg-1', A, 'UPDATED', 'hmac:9')], [write('chg-1', A, 'hmac:1')])).toBe(1);
    expect(mismatches([entry('chg-1', A, 'UPDATED', 'hmac:1')], [write('chg-1', B, 'hmac:1')])).toBe(2);
  });

  it('counts an entry that is not UPDATED, nor marked unconfirmed, for an account-kind its run wrote, and each write with no entry', () => {
    expect(mismatches([entry('chg-1', A, 'UNCHANGED', 'hmac:1')], [write('chg-1', A, 'hmac:1')])).toBe(1);
    expect(mismatches([], [write('chg-1', A, 'hmac:1'), write('chg-1', A, 'hmac:2'), write('chg-1', B, 'hmac:1')])).toBe(2);
  });
});
