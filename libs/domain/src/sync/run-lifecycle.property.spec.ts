import fc from 'fast-check';
import {
  applyTransition,
  claimKinds,
  createdRun,
  markCancelled,
  markFinished,
  markLaunched,
  phaseRank,
  recordEnqueued,
  recordListing,
  redriveRun,
  runMeets,
  TransitionResult,
} from './run-lifecycle';
import { SyncRun } from './sync-run';

/**
 * Several actors move one stored run: launchers and sweepers, each acting on its own view of the run,
 * which may be stale (read before others wrote). A store applies a transition only when the stored run
 * meets its condition, as the adapters do; cancel and finish are the store's own conditional writes.
 */
type Step =
  | { readonly kind: 'read'; readonly actor: number }
  | { readonly kind: 'claim'; readonly actor: number; readonly holdsKind: boolean }
  | { readonly kind: 'list'; readonly actor: number; readonly items: number; readonly accounts: number; readonly ends: boolean }
  | { readonly kind: 'enqueue' | 'launch' | 'redrive'; readonly actor: number }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'finish' };

const ACTORS = 2;
const actorArb = fc.integer({ min: 0, max: ACTORS - 1 });

/** One actor's step (or a cancel or finish): weighted towards the listing, where most writes are. */
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: actorArb.map((actor) => ({ kind: 'read' as const, actor })), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('claim' as const), actor: actorArb, holdsKind: fc.boolean() }), weight: 2 },
  {
    // A batch's items are its accounts cut 25 to an item, as a launch cuts them: no items exactly when no accounts
    // (often: pages of accounts that are not ACTIVE members, or an empty last page).
    arbitrary: fc
      .record({ actor: actorArb, accounts: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })), ends: fc.boolean() })
      .map(({ actor, accounts, ends }) => ({ kind: 'list' as const, actor, items: Math.ceil(accounts / 25), accounts, ends })),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constantFrom('enqueue' as const, 'launch' as const, 'redrive' as const), actor: actorArb }),
    weight: 4,
  },
  { arbitrary: fc.constantFrom<Step>({ kind: 'cancel' }, { kind: 'finish' }), weight: 1 },
);

/** A run's life: up to 60 steps of its actors. */
const lifeArb: fc.Arbitrary<Step[]> = fc.array(stepArb, { maxLength: 60 });

/**
 * Lives this property once found moving a run back, always tried first: a stale sweep setting the
 * re-drives back, a launcher that read the run before its items were enqueued, and one that read it
 * before its listing ended with an empty batch.
 */
const REGRESSIONS: Step[][] = [
  [
    { kind: 'read', actor: 1 },
    { kind: 'redrive', actor: 0 },
    { kind: 'redrive', actor: 0 },
    { kind: 'redrive', actor: 1 },
  ],
  [
    { kind: 'claim', actor: 0, holdsKind: true },
    { kind: 'list', actor: 0, items: 1, accounts: 20, ends: false },
    { kind: 'read', actor: 1 },
    { kind: 'enqueue', actor: 0 },
    { kind: 'list', actor: 1, items: 1, accounts: 5, ends: false },
  ],
  [
    { kind: 'claim', actor: 1, holdsKind: false },
    { kind: 'read', actor: 0 },
    { kind: 'list', actor: 0, items: 0, accounts: 0, ends: true },
    { kind: 'list', actor: 1, items: 1, accounts: 1, ends: false },
  ],
];

const AT = '2026-12-01T10:00:00.000Z';
const START: SyncRun = createdRun(
  { runId: 'run-p', trigger: 'CHANGE', initiator: 'test', kinds: ['SECURITY'], requestedAt: AT, supersedes: true, dryRun: false },
  AT,
);

/** The transition an actor's step asks for, from the actor's view of the run. */
function transitionOf(step: Exclude<Step, { kind: 'read' | 'cancel' | 'finish' }>, view: SyncRun, n: number): TransitionResult {
  const at = new Date(Date.parse(AT) + n * 1000).toISOString();
  switch (step.kind) {
    case 'claim':
      return claimKinds(view, {
        generations: step.holdsKind ? { SECURITY: 1 } : {},
        desired: {},
        desiredReadAt: at,
        unreadableKinds: [],
      });
    case 'list': {
      const listedItems = (view.listedItems ?? 0) + step.items;
      const progress = {
        listCursor: step.ends ? undefined : `page-${listedItems}`,
        listed: view.listed === true || step.ends,
        listedItems,
        listedAccounts: (view.listedAccounts ?? 0) + step.accounts,
        enqueuedItems: view.enqueuedItems ?? 0,
      };
      return recordListing(view, progress, at);
    }
    case 'enqueue':
      return recordEnqueued(view);
    case 'launch':
      return markLaunched(view, at);
    case 'redrive':
      return redriveRun(view, at);
  }
}

/** Checks that `after` neither unfinishes nor undoes anything of `before`. */
function expectNoStepBack(before: SyncRun, after: SyncRun): void {
  if (before.status === 'FINISHED') expect(after).toEqual(before);
  expect(phaseRank(after.launch)).toBeGreaterThanOrEqual(phaseRank(before.launch));
  expect(after.listedItems ?? 0).toBeGreaterThanOrEqual(before.listedItems ?? 0);
  expect(after.listedAccounts ?? 0).toBeGreaterThanOrEqual(before.listedAccounts ?? 0);
  expect(after.enqueuedItems ?? 0).toBeGreaterThanOrEqual(before.enqueuedItems ?? 0);
  expect(after.enqueuedItems ?? 0).toBeLessThanOrEqual(after.listedItems ?? 0);
  expect(after.redrives ?? 0).toBeGreaterThanOrEqual(before.redrives ?? 0);
  if (before.listed) expect(after.listed).toBe(true);
  if (before.cancelledAt !== undefined) expect(after.cancelledAt).toBe(before.cancelledAt);
  if (before.launch === 'LAUNCHED') {
    expect([after.totalItems, after.targetCount]).toEqual([before.totalItems, before.targetCount]);
    expect(after.totalItems).toBe(after.listedItems ?? 0);
  }
  if (before.launch !== 'CREATED') expect(after.generations).toEqual(before.generations);
}

describe('run lifecycle (property)', () => {
  it('no sequence of transitions, from views however stale, leaves a finished run unfinished or moves a run back', () => {
    fc.assert(
      fc.property(lifeArb, (steps) => {
        let stored = START;
        const views: SyncRun[] = Array.from({ length: ACTORS }, () => START);
        steps.forEach((step, n) => {
          const before = stored;
          if (step.kind === 'read') views[step.actor] = stored;
          else if (step.kind === 'cancel') {
            const cancelled = markCancelled(stored, AT, 'operator');
            if (cancelled.ok) stored = { ...stored, ...cancelled.value };
          } else if (step.kind === 'finish') {
            const finished = markFinished(stored);
            if (finished.ok) stored = { ...stored, ...finished.value };
          } else {
            const view = views[step.actor] as SyncRun;
            const transition = transitionOf(step, view, n);
            if (transition.ok) {
              const accepted = runMeets(stored, transition.value.condition);
              stored = applyTransition(stored, transition.value);
              // The actor knows what it wrote; a refused write leaves its view as it was (it stops, in the use cases).
              if (accepted) views[step.actor] = { ...view, ...transition.value.update };
            }
          }
          expectNoStepBack(before, stored);
        });
      }),
      { numRuns: 1000, examples: REGRESSIONS.map((steps) => [steps]) },
    );
  });

  it('a launcher alone takes its run from CREATED to LAUNCHED with every listed item enqueued', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }), (batches) => {
        let run = START;
        const step = (result: TransitionResult) => {
          if (!result.ok) throw new Error(`refused: ${result.error}`);
          expect(runMeets(run, result.value.condition)).toBe(true);
          run = applyTransition(run, result.value);
        };
        step(claimKinds(run, { generations: { SECURITY: 1 }, desired: {}, desiredReadAt: AT, unreadableKinds: [] }));
        batches.forEach((items, i) => {
          const listedItems = (run.listedItems ?? 0) + items;
          const ends = i === batches.length - 1;
          const progress = { listed: ends, listedItems, listedAccounts: listedItems * 10, enqueuedItems: run.enqueuedItems ?? 0 };
          step(recordListing(run, { ...progress, listCursor: ends ? undefined : `page-${i}` }, AT));
          step(recordEnqueued(run));
        });
        step(markLaunched(run, AT));
        const total = batches.reduce((sum, items) => sum + items, 0);
        expect(run).toMatchObject({ launch: 'LAUNCHED', totalItems: total, targetCount: total * 10, enqueuedItems: total });
      }),
      { numRuns: 200 },
    );
  });
});
