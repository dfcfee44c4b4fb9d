import { syncConfigOf } from '../config/sync-config';
import { AccountOutcome, targetKey, WriteIntent } from '../sync/account-outcome';
import { targetingRulesOf } from '../targeting/targeting-rules';
import { ManualTime } from '../testing/manual-time';
import { WorkerSurroundings } from '../testing/worker-world';
import { decidedByTags, ItemTargeting } from './item-targeting';

const A = '111111111111';
const AT = '2026-03-01T12:00:00.000Z';
const outcome = (fields: Partial<AccountOutcome>): AccountOutcome => ({
  runId: 'run-1',
  accountId: A,
  kind: 'SECURITY',
  status: 'SKIPPED',
  attempts: 0,
  at: AT,
  ...fields,
});
const progress = (outcomes: AccountOutcome[], intents: WriteIntent[] = []) => ({
  outcomes: new Map(outcomes.map((o) => [targetKey(o.accountId, o.kind), o])),
  intents: new Map(intents.map((i) => [targetKey(i.accountId, i.kind), i])),
});
const NOTHING = progress([]);

describe('decidedByTags', () => {
  it("repeats an earlier delivery's tag skip, with its rule", () => {
    expect(decidedByTags(A, progress([outcome({ skipReason: 'EXCLUDED_BY_TAG', skipRule: 'frozen' })]))).toEqual({
      reason: 'EXCLUDED_BY_TAG',
      rule: 'frozen',
    });
    expect(decidedByTags(A, progress([outcome({ skipReason: 'NOT_TAGGED_FOR_INCLUSION' })]))).toEqual({
      reason: 'NOT_TAGGED_FOR_INCLUSION',
    });
  });

  it('knows the account was targeted from an outcome that followed the tags, or from a write intent', () => {
    expect(decidedByTags(A, progress([outcome({ status: 'UNCHANGED' })]))).toBe('TARGETED');
    const intent = { runId: 'run-1', accountId: A, kind: 'BILLING' as const, action: 'PUT' as const, afterFingerprint: 'hmac:x', at: AT };
    expect(decidedByTags(A, progress([], [intent]))).toBe('TARGETED');
  });

  it('learns nothing from skips decided before the tags, from a failed tag read, or from another account', () => {
    expect(
      decidedByTags(A, progress([outcome({ skipReason: 'KIND_DISABLED' }), outcome({ kind: 'BILLING', skipReason: 'EXCLUDED_BY_ID' })])),
    ).toBeUndefined();
    expect(decidedByTags(A, progress([outcome({ status: 'FAILED', errorCode: 'TAGS_UNREADABLE' })]))).toBeUndefined();
    expect(decidedByTags('222222222222', progress([outcome({ status: 'UNCHANGED' })]))).toBeUndefined();
  });
});

describe('ItemTargeting', () => {
  const setUp = (config = syncConfigOf({ excludedTags: [{ key: 'frozen' }] })) => {
    const world = new WorkerSurroundings();
    const time = new ManualTime(Date.parse(AT));
    const targeting = new ItemTargeting(world.tagReader(time), world.logger);
    const verdict = (p = NOTHING, deadlineMs?: number) =>
      targeting.verdict(targetingRulesOf(config), A, ['SECURITY'], p, config, deadlineMs);
    return { world, time, verdict };
  };

  it('reads the tags of an account with a kind left to do and judges them by the tag rules', async () => {
    const { world, verdict } = setUp();
    world.tags.set(A, { frozen: 'yes' });
    expect(await verdict()).toEqual({ reason: 'EXCLUDED_BY_TAG', rule: 'frozen' });
    world.tags.set(A, {});
    expect(await verdict()).toBeUndefined();
    expect(world.tagReads).toEqual([A, A]);
  });

  it('reads no tags for an account excluded by id, without tag rules, or whose tags an earlier delivery judged', async () => {
    const byId = setUp(syncConfigOf({ excludedAccountIds: [A], excludedTags: [{ key: 'frozen' }] }));
    expect(await byId.verdict()).toEqual({ reason: 'EXCLUDED_BY_ID' });
    const noTagRules = setUp(syncConfigOf({}));
    expect(await noTagRules.verdict()).toBeUndefined();
    const judged = setUp();
    expect(await judged.verdict(progress([outcome({ kind: 'BILLING', status: 'UPDATED' })]))).toBeUndefined();
    expect([...byId.world.tagReads, ...noTagRules.world.tagReads, ...judged.world.tagReads]).toEqual([]);
  });

  it('tells tags that could not be read, and a read that could not start before the deadline', async () => {
    const { time, world, verdict } = setUp();
    expect(await verdict()).toBe('TAGS_UNREADABLE');
    expect(world.logs).toContain('account tags unreadable');
    world.tags.set(A, {});
    expect(await verdict(NOTHING, time.now() - 1)).toBe('DEADLINE');
  });
});
