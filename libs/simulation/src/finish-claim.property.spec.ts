import fc from 'fast-check';
import { InMemorySyncState } from '@contact-sync/adapters-memory';
import { completeItemAndClaimFinish, itemIdOf, ItemLedgerPort, RunStorePort, SyncRun } from '@contact-sync/domain';

const RUN_ID = 'chg-finish';
const AT = '2026-11-22T09:10:00.000Z';

/**
 * Who completes a run's items: every item delivered one or more times (SQS duplicates, redeliveries),
 * and a delivery that dies right after marking its item done (before it could claim the finish).
 */
interface Deliveries {
  readonly items: number;
  /** Per item: how many deliveries complete it, and whether each died after its completion. */
  readonly deliveries: readonly (readonly boolean[])[];
}

/** 1 to 6 items, each completed by 1 to 3 deliveries, any of which may die after completing. */
const deliveriesArb: fc.Arbitrary<Deliveries> = fc.integer({ min: 1, max: 6 }).chain((items) =>
  fc.record({
    items: fc.constant(items),
    deliveries: fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }), { minLength: items, maxLength: items }),
  }),
);

/** A run still listing (CLAIMED) with its items stored: workers take them before the launch marks the run LAUNCHED. */
const listingRun = (items: number): SyncRun => ({
  runId: RUN_ID,
  trigger: 'CHANGE',
  initiator: 'test',
  kinds: ['SECURITY'],
  requestedAt: AT,
  startedAt: AT,
  supersedes: true,
  dryRun: false,
  launch: 'CLAIMED',
  status: 'RUNNING',
  totalItems: items,
  targetCount: items,
  completedItems: 0,
});

describe('the finish claim under every interleaving of workers, duplicates, crashes and the launcher', () => {
  it('tells at most one caller to finish the run, and exactly one when nobody died between its completion and its claim', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), deliveriesArb, async (s, { items, deliveries }) => {
        const state = new InMemorySyncState();
        await state.createRun(listingRun(items));
        await state.putItems(Array.from({ length: items }, (_, i) => ({ runId: RUN_ID, itemId: itemIdOf(RUN_ID, i), accountIds: [] })));
        // Each store call takes effect when made; its answer reaches the caller in an order the scheduler picks.
        const store = {
          completeItem: s.scheduleFunction(state.completeItem.bind(state)),
          claimFinish: s.scheduleFunction(state.claimFinish.bind(state)),
          updateRun: s.scheduleFunction(state.updateRun.bind(state)),
          getRun: s.scheduleFunction(state.getRun.bind(state)),
        } as unknown as ItemLedgerPort & RunStorePort;
        let winners = 0;
        let died = false;
        const workers = deliveries.flatMap((dies, i) =>
          dies.map(async (dying) => {
            // Delivered at a moment the scheduler picks: before, during or after the launch's last steps.
            await s.schedule(Promise.resolve(), `delivery of item ${i}`);
            if (dying) {
              // Dies once its item is marked done: it never learns the answer, nor claims.
              died = true;
              await store.completeItem(RUN_ID, itemIdOf(RUN_ID, i), AT);
              return;
            }
            if (await completeItemAndClaimFinish(store, store, RUN_ID, itemIdOf(RUN_ID, i), AT)) winners += 1;
          }),
        );
        // The launcher, as LaunchRun ends a listing: the run marked LAUNCHED, then a done item completed
        // again to claim the finish when every item was done while it listed.
        const launcher = (async () => {
          await store.updateRun(RUN_ID, { launch: 'LAUNCHED', totalItems: items });
          const current = await store.getRun(RUN_ID);
          if ((current?.completedItems ?? 0) >= items && (await completeItemAndClaimFinish(store, store, RUN_ID, itemIdOf(RUN_ID, 0), AT)))
            winners += 1;
        })();
        await s.waitAll();
        await Promise.all([...workers, launcher]);
        expect(winners).toBeLessThanOrEqual(1);
        if (!died) expect(winners).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
