import {
  DEFAULT_ITEM_LEASE_MS,
  FINAL_RETRYABLE_DELIVERY,
  itemLeaseMs,
  mayRetryLaterIn,
  sameAccounts,
  stopForFailure,
  stopForTags,
} from './item-delivery';

describe('a delivery of a work item', () => {
  it('holds its item until the invocation is killed, else until its deadline, else for the default lease; never for less than a millisecond', () => {
    expect(itemLeaseMs(1_000, { deadlineMs: 50_000, endsAtMs: 80_000 })).toBe(79_000);
    expect(itemLeaseMs(1_000, { deadlineMs: 50_000 })).toBe(49_000);
    expect(itemLeaseMs(1_000, {})).toBe(DEFAULT_ITEM_LEASE_MS);
    expect(itemLeaseMs(90_000, { endsAtMs: 80_000 })).toBe(1);
  });

  it('may leave a retryable failure to a later delivery only before the final retryable one, and only when it knows which it is', () => {
    expect(mayRetryLaterIn({ delivery: 1 })).toBe(true);
    expect(mayRetryLaterIn({ delivery: FINAL_RETRYABLE_DELIVERY - 1 })).toBe(true);
    expect(mayRetryLaterIn({ delivery: FINAL_RETRYABLE_DELIVERY })).toBe(false);
    expect(mayRetryLaterIn({})).toBe(false);
  });

  it('stops for a throttled or faulted call while it may retry later, and records any other failure', () => {
    expect(stopForFailure('THROTTLED', true)).toBe('RETRYABLE_FAILURE');
    expect(stopForFailure('TRANSIENT', true)).toBe('RETRYABLE_FAILURE');
    expect(stopForFailure('THROTTLED', false)).toBeUndefined();
    expect(stopForFailure('ACCESS_DENIED', true)).toBeUndefined();
    expect(stopForFailure(undefined, true)).toBeUndefined();
  });

  it('stops before an account whose tag read could not start in time, or failed while a later delivery may read them', () => {
    expect(stopForTags('DEADLINE', false)).toBe('DEADLINE');
    expect(stopForTags('TAGS_UNREADABLE', true)).toBe('RETRYABLE_FAILURE');
    expect(stopForTags('TAGS_UNREADABLE', false)).toBeUndefined();
    expect(stopForTags({ reason: 'EXCLUDED_BY_TAG', rule: 'frozen' }, true)).toBeUndefined();
    expect(stopForTags(undefined, true)).toBeUndefined();
  });

  it("tells a message with its stored item's accounts, in any order, from one with others", () => {
    expect(sameAccounts(['1', '2'], ['2', '1'])).toBe(true);
    expect(sameAccounts(['1', '2'], ['1', '3'])).toBe(false);
    expect(sameAccounts(['1', '2'], ['1'])).toBe(false);
  });
});
