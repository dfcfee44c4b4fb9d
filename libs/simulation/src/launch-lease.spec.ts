import {
  AccountPage,
  ClockPort,
  DEFAULT_LAUNCH_OPTIONS,
  FinishRun,
  LaunchRun,
  MemberAccount,
  OrganizationPort,
  OrganizationStructurePort,
  ResilientContacts,
  SleeperPort,
  SyncRun,
  syncConfigOf,
} from '@contact-sync/domain';
import { generateAccounts, SeededRandom } from '@contact-sync/simulated-aws';
import {
  InMemoryAuditLog,
  InMemoryLogger,
  InMemoryMetrics,
  InMemoryNotifier,
  InMemorySyncConfig,
  InMemorySyncState,
  InMemoryWorkQueue,
} from '@contact-sync/adapters-memory';

/** A clock that only the listing moves: each ListAccounts page takes `pageMs`. */
class ManualClock implements ClockPort, SleeperPort {
  ms = Date.UTC(2026, 0, 1);
  now(): number {
    return this.ms;
  }
  async sleep(ms: number): Promise<void> {
    this.ms += ms;
  }
}

/** Pages of 20 accounts; before each page, `beforePage` may step in (another launcher, say). */
function pagedOrganization(
  accounts: readonly MemberAccount[],
  clock: ManualClock,
  pageMs: number,
  beforePage: () => Promise<void>,
): OrganizationPort & { pagesServed: number } {
  const org = {
    pagesServed: 0,
    async *accountPages(cursor?: string): AsyncIterable<AccountPage> {
      for (let at = cursor === undefined ? 0 : Number(cursor); at < accounts.length; at += 20) {
        await beforePage();
        clock.ms += pageMs;
        org.pagesServed += 1;
        const next = at + 20 < accounts.length ? String(at + 20) : undefined;
        yield next === undefined ? { accounts: accounts.slice(at, at + 20) } : { accounts: accounts.slice(at, at + 20), next };
      }
    },
    describeAccount: async () => undefined,
    managementAccountId: async () => accounts[0]?.id ?? '',
  };
  return org;
}

/** A launcher on in-memory state, with everything it does not use here left out. */
function launcher(
  organization: OrganizationPort,
  state: InMemorySyncState,
  queue: InMemoryWorkQueue,
  clock: ManualClock,
  logger: InMemoryLogger,
  seed: number,
  sliceMs = DEFAULT_LAUNCH_OPTIONS.sliceMs,
): LaunchRun {
  return new LaunchRun(
    organization,
    undefined as unknown as OrganizationStructurePort,
    undefined as unknown as ResilientContacts,
    state,
    state,
    state,
    state,
    new InMemorySyncConfig(syncConfigOf({})),
    queue,
    new FinishRun(state, state, state, new InMemoryNotifier(), clock, logger, new InMemoryMetrics(), new InMemoryAuditLog(clock)),
    clock,
    clock,
    new SeededRandom(seed),
    logger,
    { ...DEFAULT_LAUNCH_OPTIONS, sliceMs },
  );
}

/** A SECURITY run that holds its kind and is ready to list. */
const claimedRun = (clock: ManualClock, overrides: Partial<SyncRun>): SyncRun => ({
  runId: 'run-1',
  trigger: 'CHANGE',
  initiator: 'test',
  kinds: ['SECURITY'],
  requestedAt: new Date(clock.now()).toISOString(),
  startedAt: new Date(clock.now()).toISOString(),
  supersedes: true,
  launch: 'CLAIMED',
  generations: { SECURITY: 1 },
  desired: { SECURITY: null },
  unreadableKinds: [],
  targetCount: 0,
  totalItems: 0,
  completedItems: 0,
  status: 'RUNNING',
  dryRun: false,
  ...overrides,
});

describe('one launcher at a time, however long its listing', () => {
  it('keeps the launch of a run whose listing outlasts the lease (an operator sync: no slice) away from a second launcher (the sweeper)', async () => {
    const clock = new ManualClock();
    const state = new InMemorySyncState();
    const logger = new InMemoryLogger();
    const queue = new InMemoryWorkQueue();
    const accounts = generateAccounts({ members: 6000, drift: 0, unset: 0 }, new SeededRandom(1)).filter(
      (a) => a.state === 'ACTIVE' && !a.isManagement,
    );
    const launchers: { second?: LaunchRun } = {};
    let secondTried = false;
    const startedAt = clock.now();
    // 300 pages at 1 s each: the listing takes 5 minutes, longer than the 3-minute launch lease.
    const organization = pagedOrganization(accounts, clock, 1_000, async () => {
      if (!secondTried && launchers.second && clock.now() - startedAt > DEFAULT_LAUNCH_OPTIONS.launchLeaseMs + 30_000) {
        secondTried = true;
        await launchers.second.resume('run-1');
      }
    });
    const make = (sliceMs: number, seed: number) => launcher(organization, state, queue, clock, logger, seed, sliceMs);
    const run = claimedRun(clock, {});
    await state.createRun(run);
    launchers.second = make(60_000, 2);
    const launched = await make(Number.POSITIVE_INFINITY, 3).resume('run-1');

    expect(secondTried).toBe(true);
    expect(logger.records.filter((r) => r.message === 'launch held by another invocation')).toHaveLength(1);
    // Every page listed once, every item enqueued once.
    expect(organization.pagesServed).toBe(Math.ceil(accounts.length / 20));
    expect(launched.launch).toBe('LAUNCHED');
    expect(queue.enqueued).toBe(launched.totalItems);
    expect(launched.targetCount).toBe(accounts.length);
  });
});

describe('a launch that needs no listing, or is in a phase this version does not know', () => {
  const setup = () => {
    const clock = new ManualClock();
    const state = new InMemorySyncState();
    const queue = new InMemoryWorkQueue();
    const accounts = generateAccounts({ members: 200, drift: 0, unset: 0 }, new SeededRandom(4)).filter((a) => !a.isManagement);
    // Assigned, not spread: pagesServed must stay the count the listing keeps.
    const organization = Object.assign(
      pagedOrganization(accounts, clock, 1_000, async () => undefined),
      {
        describeAccount: async (id: string) => accounts.find((a) => a.id === id),
      },
    );
    const run = (overrides: Partial<SyncRun>) =>
      claimedRun(clock, { runId: 'run-2', trigger: 'NEW_ACCOUNT', supersedes: false, ...overrides });
    return {
      state,
      queue,
      accounts,
      organization,
      clock,
      launcher: launcher(organization, state, queue, clock, new InMemoryLogger(), 5),
      run,
    };
  };

  it('onboards named accounts by describing them, without listing the organization', async () => {
    const { state, queue, accounts, organization, launcher, run } = setup();
    const active = accounts.find((a) => a.state === 'ACTIVE');
    const suspended = accounts.find((a) => a.state === 'SUSPENDED');
    await state.createRun(run({ onlyAccounts: [active?.id ?? '', suspended?.id ?? ''] }));
    const launched = await launcher.resume('run-2');
    expect(organization.pagesServed).toBe(0);
    expect(launched).toMatchObject({ launch: 'LAUNCHED', totalItems: 1, targetCount: 1 });
    expect(queue.enqueued).toBe(1);
  });

  it('leaves a run in a launch phase this version does not know as it is, and gives its launch up for the sweeper', async () => {
    const { state, queue, organization, launcher, run, clock } = setup();
    await state.createRun(run({ launch: 'ITEMS_STORED' as SyncRun['launch'], totalItems: 3, targetCount: 3 }));
    const left = await launcher.resume('run-2');
    expect(left).toMatchObject({ launch: 'ITEMS_STORED', status: 'RUNNING' });
    expect(organization.pagesServed).toBe(0);
    expect(queue.enqueued).toBe(0);
    expect(await state.claimLaunch('run-2', 'sweeper', clock.now(), 60_000)).toBe(true);
  });
});
