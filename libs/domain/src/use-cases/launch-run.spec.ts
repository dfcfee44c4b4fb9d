import { MemberAccount } from '../accounts/member-account';
import { DEFAULT_RATE_SETTINGS } from '../config/rate-settings';
import { syncConfigOf, SyncConfigInput } from '../config/sync-config';
import { AlternateContact } from '../contacts/alternate-contact';
import { ItemLedgerPort } from '../ports/item-ledger.port';
import { KindHeadsPort } from '../ports/kind-heads.port';
import { OutcomeLedgerPort } from '../ports/outcome-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { resilientContactsFor } from '../resilience/resilient-contacts';
import { createdRun, RunRequest } from '../sync/run-lifecycle';
import { SyncRun } from '../sync/sync-run';
import {
  FixedSyncConfig,
  ManagementContacts,
  PagedOrganization,
  recordingFinishRun,
  RecordingLogger,
  RecordingQueue,
} from '../testing/launch-doubles';
import { LaunchStateDouble } from '../testing/launch-state-double';
import { ManualTime } from '../testing/manual-time';
import { activeMember } from '../testing/member';
import { TreeOrganization, unitIdOf } from '../testing/organization-tree';
import { JOINING_READ_ATTEMPTS } from './launch/described-listing';
import { DEFAULT_LAUNCH_OPTIONS } from './launch/launch-options';
import { LaunchRun } from './launch-run';

const START = Date.parse('2026-12-01T10:00:00.000Z');
const MANAGEMENT: MemberAccount = { ...activeMember('100000000000'), isManagement: true };
const MEMBERS = ['200000000001', '200000000002', '200000000003', '200000000004', '200000000005'];
const SUSPENDED: MemberAccount = { ...activeMember('300000000000'), state: 'SUSPENDED' };
const ACCOUNTS = [MANAGEMENT, ...MEMBERS.map(activeMember), SUSPENDED];
const OPTIONS = { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: 2 };
const SECURITY = AlternateContact.of({
  AlternateContactType: 'SECURITY',
  Name: 'Sam Secure',
  Title: 'CISO',
  EmailAddress: 'sec@example.com',
  PhoneNumber: '+1 206 555 0100',
});
const REQUEST: RunRequest = {
  runId: 'run-1',
  trigger: 'CHANGE',
  eventId: 'event-1',
  initiator: 'arn:aws:iam::100000000000:user/alice',
  kinds: ['SECURITY'],
  requestedAt: new Date(START - 5_000).toISOString(),
  supersedes: true,
  dryRun: false,
};

/** A launcher over the test doubles; `finished` lists the runs it handed to the finisher. */
function world(config: SyncConfigInput = {}, accounts: readonly MemberAccount[] = ACCOUNTS) {
  const time = new ManualTime(START);
  const state = new LaunchStateDouble();
  const queue = new RecordingQueue();
  const logger = new RecordingLogger();
  const organization = new PagedOrganization(accounts, 2);
  const tree = { rootId: 'r-test', units: [{ id: unitIdOf(0) }], placement: { [MEMBERS[0] as string]: unitIdOf(0) }, tags: {} };
  const structure = new TreeOrganization(tree, accounts, 2);
  const management = new ManagementContacts();
  management.values.set('SECURITY', SECURITY);
  const contacts = resilientContactsFor({
    contacts: management,
    rates: DEFAULT_RATE_SETTINGS,
    clock: time,
    sleeper: time,
    random: { next: () => 0.5 },
    metrics: { add: () => undefined, flush: async () => undefined },
  });
  const finished: string[] = [];
  const launcher = new LaunchRun(
    organization,
    structure,
    contacts,
    state as unknown as KindHeadsPort,
    state as unknown as RunStorePort,
    state as unknown as ItemLedgerPort,
    state as unknown as OutcomeLedgerPort,
    new FixedSyncConfig(syncConfigOf(config)),
    queue,
    recordingFinishRun(finished),
    time,
    time,
    { next: () => 0.25 },
    logger,
    OPTIONS,
  );
  const stored = (runId = 'run-1') => state.runs.get(runId) as SyncRun;
  const enqueuedAccounts = () => queue.enqueued.flatMap((item) => item.accountIds);
  return { time, state, queue, logger, organization, structure, finished, launcher, stored, enqueuedAccounts };
}

/** A run that holds SECURITY and is ready to list (stored as a launch cut off after its claim). */
const claimed = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  ...createdRun(REQUEST, new Date(START).toISOString()),
  launch: 'CLAIMED',
  generations: { SECURITY: 1 },
  desired: { SECURITY: SECURITY.toJSON() },
  desiredReadAt: new Date(START).toISOString(),
  unreadableKinds: [],
  ...overrides,
});

describe('LaunchRun', () => {
  it('launches a fresh run: takes the kind over, waits the fence, reads the value, lists every ACTIVE member into items and enqueues them', async () => {
    const w = world();
    const run = await w.launcher.execute(REQUEST);
    expect(w.time.sleeps).toEqual([OPTIONS.writeFenceMs]);
    expect(w.state.heads.get('SECURITY')).toMatchObject({ runId: 'run-1', generation: 1 });
    expect(run).toMatchObject({ launch: 'LAUNCHED', generations: { SECURITY: 1 }, desired: { SECURITY: SECURITY.toJSON() } });
    expect(w.stored()).toMatchObject({ launch: 'LAUNCHED', totalItems: 3, targetCount: 5, listed: true, listedItems: 3, enqueuedItems: 3 });
    expect(w.queue.enqueued.map((item) => item.itemId)).toEqual(['run-1:0', 'run-1:1', 'run-1:2']);
    expect(w.enqueuedAccounts()).toEqual(MEMBERS);
    expect(w.organization.pagesServed).toBe(4);
    expect(w.finished).toEqual([]);
  });

  it('records a run once: a redelivered start while another invocation holds the launch changes nothing', async () => {
    const w = world();
    expect(await w.launcher.record(REQUEST)).toBe(true);
    expect(await w.state.claimLaunch('run-1', 'launch-other', START, OPTIONS.launchLeaseMs)).toBe(true);
    expect(await w.launcher.record({ ...REQUEST, trigger: 'RECONCILE' })).toBe(false);
    const run = await w.launcher.execute(REQUEST);
    expect(run).toMatchObject({ launch: 'CREATED', trigger: 'CHANGE' });
    expect(w.queue.enqueued).toEqual([]);
    expect(w.state.heads.size).toBe(0);
    expect(w.logger.lines.map((l) => l.message)).toContain('launch held by another invocation');
    // Once the lease runs out, the next delivery launches it.
    w.time.advance(OPTIONS.launchLeaseMs);
    expect((await w.launcher.carryOn('run-1'))?.status).toBe('RESUMED');
    expect(w.stored().launch).toBe('LAUNCHED');
    expect(await w.launcher.carryOn('run-1')).toEqual({ status: 'DUPLICATE', runId: 'run-1' });
  });

  it('resumes a launch from its stored cursor, first enqueueing what an earlier slice stored but had not enqueued', async () => {
    const w = world();
    const stored = [0, 1].map((i) => ({ runId: 'run-1', itemId: `run-1:${i}`, accountIds: MEMBERS.slice(2 * i, 2 * i + 2) }));
    await w.state.createRun(claimed({ listCursor: '4', listedItems: 2, listedAccounts: 3, enqueuedItems: 1 }));
    await w.state.putItems(stored);
    await w.launcher.resume('run-1');
    expect(w.queue.enqueued.map((item) => item.itemId)).toEqual(['run-1:1', 'run-1:2']);
    expect(w.queue.enqueued[1]?.accountIds).toEqual(['200000000004', '200000000005']);
    expect(w.organization.pagesServed).toBe(2);
    expect(w.stored()).toMatchObject({ launch: 'LAUNCHED', totalItems: 3, targetCount: 5, enqueuedItems: 3 });
  });

  it('lists flat ListAccounts pages when no OU rule applies, and walks the tree when one does, skipping the OU it excludes', async () => {
    const flat = world();
    await flat.state.createRun(claimed());
    await flat.launcher.resume('run-1');
    expect([flat.organization.pagesServed, flat.structure.calls.accountsUnder]).toEqual([4, 0]);

    const walked = world({ excludedOrganizationalUnits: [unitIdOf(0)] });
    await walked.state.createRun(claimed());
    await walked.launcher.resume('run-1');
    expect(walked.organization.pagesServed).toBe(0);
    expect(walked.structure.calls.accountsUnder).toBeGreaterThan(0);
    expect(walked.stored().listCursor).toBeUndefined();
    expect([...walked.enqueuedAccounts()].sort()).toEqual(MEMBERS);
    expect([...walked.state.outcomes.values()]).toEqual([
      expect.objectContaining({
        accountId: MEMBERS[0],
        kind: 'SECURITY',
        status: 'SKIPPED',
        skipReason: 'EXCLUDED_BY_OU',
        skipRule: unitIdOf(0),
      }),
    ]);
  });

  it('describes the accounts an onboarding names instead of listing, and records FAILED one it cannot read after its attempts', async () => {
    const w = world();
    w.organization.unreadable.add('200000000003');
    await w.state.createRun(
      claimed({ trigger: 'NEW_ACCOUNT', supersedes: false, onlyAccounts: ['200000000002', '200000000003', SUSPENDED.id] }),
    );
    await w.launcher.resume('run-1');
    expect(w.organization.pagesServed).toBe(0);
    expect(w.organization.described.filter((id) => id === '200000000003')).toHaveLength(JOINING_READ_ATTEMPTS);
    expect(w.time.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(w.enqueuedAccounts()).toEqual(['200000000002', '200000000003']);
    expect([...w.state.outcomes.values()]).toEqual([
      expect.objectContaining({ accountId: '200000000003', status: 'FAILED', errorCode: 'ACCOUNT_UNREADABLE' }),
    ]);
    expect(w.stored()).toMatchObject({ launch: 'LAUNCHED', totalItems: 1, targetCount: 2 });
  });

  it('finishes a run that lists no account at once (no worker would)', async () => {
    const w = world({}, [MANAGEMENT, SUSPENDED]);
    const run = await w.launcher.execute(REQUEST);
    expect(run).toMatchObject({ launch: 'LAUNCHED', totalItems: 0, targetCount: 0 });
    expect(w.queue.enqueued).toEqual([]);
    expect(w.finished).toEqual(['run-1']);
  });

  it('brings, for a run that does not take its kind over, the values of the newer run that holds it, without waiting the fence', async () => {
    const w = world();
    await w.state.createRun(claimed({ runId: 'run-newer', launch: 'LAUNCHED', desired: { SECURITY: null } }));
    w.state.heads.set('SECURITY', { kind: 'SECURITY', generation: 7, runId: 'run-newer', requestedAt: REQUEST.requestedAt });
    await w.launcher.execute({
      ...REQUEST,
      runId: 'run-join',
      trigger: 'NEW_ACCOUNT',
      supersedes: false,
      onlyAccounts: [MEMBERS[1] as string],
    });
    expect(w.stored('run-join')).toMatchObject({ launch: 'LAUNCHED', generations: { SECURITY: 7 }, desired: { SECURITY: null } });
    expect(w.time.sleeps).toEqual([]);
    expect(w.state.heads.get('SECURITY')?.runId).toBe('run-newer');
  });

  it('stops writing when a newer launcher took the launch over or the run moved on under it', async () => {
    const taken = world();
    await taken.state.createRun(claimed());
    taken.state.before = async (call) => {
      // Another launcher takes the lease between this one's batches (it outlived its lease).
      if (call === 'claimLaunch' && taken.state.calls.filter((c) => c === 'claimLaunch').length === 2)
        taken.state.leases.set('run-1', { holder: 'launch-newer', until: Number.POSITIVE_INFINITY });
    };
    await taken.launcher.resume('run-1');
    expect(taken.queue.enqueued).toEqual([]);
    expect(taken.stored().launch).toBe('CLAIMED');

    const moved = world();
    await moved.state.createRun(claimed());
    moved.state.before = async (call) => {
      // A newer launcher stored a batch first: this one's progress write is refused, and it enqueues nothing.
      if (call === 'putItems') moved.state.runs.set('run-1', { ...moved.stored(), listedItems: 1, listedAccounts: 2 });
    };
    await moved.launcher.resume('run-1');
    expect(moved.queue.enqueued).toEqual([]);
    expect(moved.stored()).toMatchObject({ launch: 'CLAIMED', listedItems: 1 });
    expect(moved.logger.lines.map((l) => l.message)).toContain('launch taken over by another invocation: stopping');
  });

  it('stores its progress and gives the launch up when its slice is used up', async () => {
    const w = world();
    await w.state.createRun(claimed());
    // Each page takes two thirds of the slice: the first batch ends after two pages, and the slice with it.
    w.organization.beforePage = () => w.time.advance((OPTIONS.sliceMs * 2) / 3);
    await w.launcher.resume('run-1');
    expect(w.organization.pagesServed).toBe(2);
    expect(w.stored()).toMatchObject({
      launch: 'CLAIMED',
      listed: false,
      listCursor: '4',
      listedItems: 2,
      listedAccounts: 3,
      enqueuedItems: 2,
    });
    expect(w.state.leases.get('run-1')?.until).toBe(w.time.now());
    expect(w.logger.lines.map((l) => l.message)).toContain('launch continues in a later invocation');
  });
});
