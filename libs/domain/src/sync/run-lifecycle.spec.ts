import {
  applyTransition,
  claimKinds,
  createdRun,
  listingProgressOf,
  markCancelled,
  markFinished,
  markLaunched,
  phaseOf,
  recordEnqueued,
  recordListing,
  redriveRun,
  RunRequest,
  runMeets,
  TransitionResult,
} from './run-lifecycle';
import { SyncRun } from './sync-run';

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-01T10:05:00.000Z';
const REQUEST: RunRequest = {
  runId: 'run-1',
  trigger: 'CHANGE',
  eventId: 'event-1',
  initiator: 'arn:aws:iam::111111111111:user/alice',
  kinds: ['SECURITY', 'BILLING'],
  requestedAt: AT,
  supersedes: true,
  dryRun: false,
};
const CLAIM = { generations: { SECURITY: 3 }, desired: { SECURITY: null }, desiredReadAt: AT, unreadableKinds: [] };

const created = (overrides: Partial<SyncRun> = {}): SyncRun => ({ ...createdRun(REQUEST, AT), ...overrides });
const listing = (overrides: Partial<SyncRun> = {}): SyncRun => created({ launch: 'CLAIMED', ...CLAIM, ...overrides });
const transition = (result: TransitionResult) => {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.value;
};

describe('createdRun', () => {
  it('records a request as a CREATED, open run with nothing listed or done, and only the optional fields it has', () => {
    expect(createdRun({ ...REQUEST, onlyAccounts: ['222222222222'] }, LATER)).toEqual({
      ...REQUEST,
      onlyAccounts: ['222222222222'],
      startedAt: LATER,
      launch: 'CREATED',
      targetCount: 0,
      totalItems: 0,
      completedItems: 0,
      status: 'RUNNING',
    });
    const { eventId: _eventId, ...withoutEvent } = REQUEST;
    const keys = Object.keys(createdRun(withoutEvent, AT));
    for (const optional of ['eventId', 'onlyAccounts', 'excludeAccounts']) expect(keys).not.toContain(optional);
  });
});

describe('phaseOf', () => {
  it('knows the three launch phases and refuses any other, such as one an earlier version stored', () => {
    for (const launch of ['CREATED', 'CLAIMED', 'LAUNCHED'] as const)
      expect(phaseOf(created({ launch }))).toEqual({ ok: true, value: created({ launch }) });
    expect(phaseOf(created({ launch: 'ITEMS_STORED' as SyncRun['launch'] }))).toEqual({ ok: false, error: 'UNKNOWN_PHASE' });
  });
});

describe('claimKinds', () => {
  it('moves a CREATED run to CLAIMED with its generations and values, on condition that it is still CREATED', () => {
    expect(claimKinds(created(), CLAIM)).toEqual({
      ok: true,
      value: { update: { launch: 'CLAIMED', ...CLAIM }, condition: { launch: 'CREATED' } },
    });
  });

  it('refuses a run already claimed, a finished one, a cancelled one and one in an unknown phase', () => {
    expect(claimKinds(listing(), CLAIM)).toEqual({ ok: false, error: 'WRONG_PHASE' });
    expect(claimKinds(created({ status: 'FINISHED' }), CLAIM)).toEqual({ ok: false, error: 'FINISHED' });
    expect(claimKinds(created({ cancelledAt: AT }), CLAIM)).toEqual({ ok: false, error: 'CANCELLED' });
    expect(claimKinds(created({ launch: 'OLD' as SyncRun['launch'] }), CLAIM)).toEqual({ ok: false, error: 'UNKNOWN_PHASE' });
  });
});

describe('recordListing', () => {
  const progress = { listCursor: 'page-2', listed: false, listedItems: 4, listedAccounts: 100, enqueuedItems: 0 };

  it('stores the progress of a batch on condition that the run still lists from where this launcher last stored', () => {
    expect(recordListing(listing(), progress, LATER)).toEqual({
      ok: true,
      value: {
        update: { ...progress, progressAt: LATER },
        condition: { launch: 'CLAIMED', listedItems: 0, enqueuedItems: 0, listed: false },
      },
    });
    const next = { ...progress, listCursor: undefined, listed: true, listedItems: 6, listedAccounts: 140, enqueuedItems: 4 };
    expect(transition(recordListing(listing({ ...progress, enqueuedItems: 4 }), next, LATER)).condition).toEqual({
      launch: 'CLAIMED',
      listedItems: 4,
      enqueuedItems: 4,
      listed: false,
    });
  });

  it('refuses progress that goes back, or more enqueued than listed, a listing that ended, and any run not listing', () => {
    const at = listing({ ...progress, enqueuedItems: 4 });
    expect(recordListing(at, { ...progress, listedItems: 3 }, LATER)).toEqual({ ok: false, error: 'GOES_BACK' });
    expect(recordListing(at, { ...progress, listedAccounts: 99, enqueuedItems: 4 }, LATER)).toEqual({ ok: false, error: 'GOES_BACK' });
    expect(recordListing(at, { ...progress, enqueuedItems: 3 }, LATER)).toEqual({ ok: false, error: 'GOES_BACK' });
    expect(recordListing(listing(), { ...progress, enqueuedItems: 5 }, LATER)).toEqual({ ok: false, error: 'GOES_BACK' });
    expect(recordListing(listing({ ...progress, listed: true }), { ...progress, listed: true }, LATER)).toEqual({
      ok: false,
      error: 'WRONG_PHASE',
    });
    expect(recordListing(created(), progress, LATER)).toEqual({ ok: false, error: 'WRONG_PHASE' });
    expect(recordListing(listing({ status: 'FINISHED' }), progress, LATER)).toEqual({ ok: false, error: 'FINISHED' });
  });
});

describe('recordEnqueued', () => {
  it('records every listed item enqueued, on condition that the run has listed exactly those', () => {
    expect(recordEnqueued(listing({ listedItems: 7, enqueuedItems: 3 }))).toEqual({
      ok: true,
      value: { update: { enqueuedItems: 7 }, condition: { launch: 'CLAIMED', listedItems: 7 } },
    });
  });

  it('refuses a run that is not listing, and one that recorded more enqueued than listed', () => {
    expect(recordEnqueued(created())).toEqual({ ok: false, error: 'WRONG_PHASE' });
    expect(recordEnqueued(listing({ launch: 'LAUNCHED' }))).toEqual({ ok: false, error: 'WRONG_PHASE' });
    expect(recordEnqueued(listing({ listedItems: 2, enqueuedItems: 3 }))).toEqual({ ok: false, error: 'GOES_BACK' });
  });
});

describe('markLaunched', () => {
  it('launches a run whose listing ended and was enqueued, with its totals final (accounts times held kinds)', () => {
    const run = listing({ listed: true, listedItems: 3, listedAccounts: 70, enqueuedItems: 3 });
    expect(markLaunched(run, LATER)).toEqual({
      ok: true,
      value: {
        update: { launch: 'LAUNCHED', totalItems: 3, targetCount: 70, progressAt: LATER },
        condition: { launch: 'CLAIMED', listedItems: 3 },
      },
    });
  });

  it('launches a run that holds no kind without a listing, as a run of no items', () => {
    expect(transition(markLaunched(listing({ generations: {} }), LATER)).update).toEqual({
      launch: 'LAUNCHED',
      totalItems: 0,
      targetCount: 0,
      progressAt: LATER,
    });
  });

  it('refuses a listing not ended, items listed but not enqueued, and a run not listing', () => {
    expect(markLaunched(listing({ listed: false, listedItems: 2, enqueuedItems: 2 }), LATER)).toEqual({ ok: false, error: 'NOT_ENQUEUED' });
    expect(markLaunched(listing({ listed: true, listedItems: 2, enqueuedItems: 1 }), LATER)).toEqual({ ok: false, error: 'NOT_ENQUEUED' });
    expect(markLaunched(created(), LATER)).toEqual({ ok: false, error: 'WRONG_PHASE' });
  });
});

describe('redriveRun', () => {
  it('counts one more re-drive from now, on condition that the run is still in the phase and at the re-drives it was swept at', () => {
    expect(redriveRun(listing({ launch: 'LAUNCHED', redrives: 2 }), LATER)).toEqual({
      ok: true,
      value: { update: { redrives: 3, progressAt: LATER }, condition: { launch: 'LAUNCHED', redrives: 2 } },
    });
    expect(transition(redriveRun(created(), LATER)).update.redrives).toBe(1);
  });

  it('refuses a finished run, and counts a run in an unknown phase too, so that the sweeper gives it up in the end', () => {
    expect(redriveRun(created({ status: 'FINISHED' }), LATER)).toEqual({ ok: false, error: 'FINISHED' });
    const unknown = created({ launch: 'ITEMS_STORED' as SyncRun['launch'], redrives: 7 });
    expect(transition(redriveRun(unknown, LATER))).toEqual({
      update: { redrives: 8, progressAt: LATER },
      condition: { launch: 'ITEMS_STORED', redrives: 7 },
    });
  });
});

describe('markCancelled and markFinished', () => {
  it('cancels an open run once and never a finished one; finishes a run once', () => {
    expect(markCancelled(listing(), LATER, 'bob')).toEqual({ ok: true, value: { cancelledAt: LATER, cancelledBy: 'bob' } });
    expect(markCancelled(listing({ cancelledAt: AT }), LATER, 'bob')).toEqual({ ok: false, error: 'CANCELLED' });
    expect(markCancelled(listing({ status: 'FINISHED' }), LATER, 'bob')).toEqual({ ok: false, error: 'FINISHED' });
    expect(markFinished(listing())).toEqual({ ok: true, value: { status: 'FINISHED' } });
    expect(markFinished(listing({ status: 'FINISHED' }))).toEqual({ ok: false, error: 'FINISHED' });
  });
});

describe('runMeets and applyTransition', () => {
  it('applies an update only to a run that is not finished, is in the phase, and has listed the items the condition names', () => {
    const run = listing({ listedItems: 4 });
    const update = { enqueuedItems: 4 };
    expect(runMeets(run, { launch: 'CLAIMED', listedItems: 4 })).toBe(true);
    expect(runMeets(listing(), { launch: 'CLAIMED', listedItems: 0 })).toBe(true);
    expect(runMeets(run, { launch: 'CLAIMED' })).toBe(true);
    expect(runMeets(run, { launch: 'CLAIMED', listedItems: 3 })).toBe(false);
    expect(runMeets(run, { launch: 'CLAIMED', listedItems: 4, enqueuedItems: 0 })).toBe(true);
    expect(runMeets(run, { launch: 'CLAIMED', listedItems: 4, enqueuedItems: 2 })).toBe(false);
    expect(runMeets(run, { launch: 'CLAIMED', listed: false })).toBe(true);
    expect(runMeets({ ...run, listed: true }, { launch: 'CLAIMED', listed: false })).toBe(false);
    expect(runMeets(run, { launch: 'CREATED' })).toBe(false);
    expect(runMeets({ ...run, status: 'FINISHED' }, { launch: 'CLAIMED' })).toBe(false);
    expect(applyTransition(run, { update, condition: { launch: 'CLAIMED', listedItems: 4 } })).toEqual({ ...run, ...update });
    expect(applyTransition(run, { update, condition: { launch: 'CLAIMED', listedItems: 0 } })).toBe(run);
  });

  it('reads how far a run listed, nothing when it has not begun', () => {
    expect(listingProgressOf(created())).toEqual({
      listCursor: undefined,
      listed: false,
      listedItems: 0,
      listedAccounts: 0,
      enqueuedItems: 0,
    });
  });
});
