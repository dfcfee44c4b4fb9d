import { DEFAULT_ORGANIZATION } from '@contact-sync/simulated-aws';
import { CRASH_RATES } from './scenarios';
import { runSimulation } from './simulation';
import { PROMISES_KEPT, promisesOf } from './invariants';

const simulate = (seed: number, delivery = {}) =>
  runSimulation({ scenario: 'new-account', organization: { ...DEFAULT_ORGANIZATION, members: 300 }, seed, delivery });

describe('accounts that join: created, invited, and created by Control Tower then enrolled again', () => {
  it.each([7, 8, 9])(
    'seed %i: each of the three is onboarded with every kind by exactly one run, notified once, however many events announce it',
    async (seed) => {
      const r = await simulate(seed);
      expect(promisesOf(r)).toEqual(PROMISES_KEPT);
      expect(r.runs).toBe(3);
      expect(r.notifications.total).toBe(3);
      expect(r.eligible).toBe(3 * 4);
      expect(r.updated).toBe(r.eligible);
      // Seven announcements: two for the created account, one for the invited, four for Control Tower's.
      expect(Object.values(r.events).reduce((n, c) => n + c, 0)).toBeGreaterThanOrEqual(7);
    },
  );

  it('still one run per account when announcements are delivered twice, at once, and environments crash', async () => {
    const r = await simulate(11, { crashRates: CRASH_RATES, eventDuplicateRate: 0.5 });
    expect(r.crashes).toBeGreaterThan(0);
    expect(r.redelivered).toBeGreaterThan(0);
    expect(promisesOf(r)).toEqual(PROMISES_KEPT);
    expect(r.runs).toBe(3);
    expect(r.updated).toBe(r.eligible);
  });
});
