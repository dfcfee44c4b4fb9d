import {
  dryRunOutcome,
  failedOutcome,
  skippedAfterReadOutcome,
  skippedOutcome,
  supersededOutcome,
  unchangedOutcome,
  updatedOutcome,
} from './outcomes';

const KEY = { runId: 'run-1', accountId: '111111111111', kind: 'SECURITY' as const };
const AT = '2026-03-01T12:00:00.000Z';

describe('outcome constructors', () => {
  it('build each status with exactly the fields it carries', () => {
    const write = { action: 'PUT' as const, beforeFingerprint: 'hmac:old', afterFingerprint: 'hmac:new' };
    expect(updatedOutcome(KEY, write, { attempts: 2, at: AT })).toEqual({
      ...KEY,
      status: 'UPDATED',
      action: 'PUT',
      beforeFingerprint: 'hmac:old',
      afterFingerprint: 'hmac:new',
      attempts: 2,
      at: AT,
    });
    expect(unchangedOutcome(KEY, 'hmac:same', { attempts: 1, at: AT })).toEqual({
      ...KEY,
      status: 'UNCHANGED',
      beforeFingerprint: 'hmac:same',
      afterFingerprint: 'hmac:same',
      attempts: 1,
      at: AT,
    });
    expect(supersededOutcome(KEY, { attempts: 0, at: AT })).toEqual({ ...KEY, status: 'SUPERSEDED', attempts: 0, at: AT });
    expect(dryRunOutcome(KEY, { ...write, action: 'DELETE' }, { attempts: 1, at: AT })).toEqual({
      ...KEY,
      status: 'SKIPPED',
      action: 'DELETE',
      skipReason: 'DRY_RUN_WOULD_DELETE',
      beforeFingerprint: 'hmac:old',
      afterFingerprint: 'hmac:new',
      attempts: 1,
      at: AT,
    });
    expect(skippedAfterReadOutcome(KEY, 'DELETION_NOT_PROPAGATED', 'hmac:old', { attempts: 1, at: AT })).toEqual({
      ...KEY,
      status: 'SKIPPED',
      skipReason: 'DELETION_NOT_PROPAGATED',
      beforeFingerprint: 'hmac:old',
      attempts: 1,
      at: AT,
    });
  });

  it('name a skip by its reason, and a targeting rule with the rule it applied', () => {
    expect(skippedOutcome(KEY, 'KIND_DISABLED', { attempts: 0, at: AT })).toEqual({
      ...KEY,
      status: 'SKIPPED',
      skipReason: 'KIND_DISABLED',
      attempts: 0,
      at: AT,
    });
    expect(skippedOutcome(KEY, { reason: 'EXCLUDED_BY_OU', rule: 'ou-ab12-cd34ef56' }, { attempts: 0, at: AT })).toEqual({
      ...KEY,
      status: 'SKIPPED',
      skipReason: 'EXCLUDED_BY_OU',
      skipRule: 'ou-ab12-cd34ef56',
      attempts: 0,
      at: AT,
    });
    expect(skippedOutcome(KEY, { reason: 'EXCLUDED_BY_ID' }, { attempts: 0, at: AT })).not.toHaveProperty('skipRule');
  });

  it('carry the request id of a failed call only when there is one', () => {
    expect(failedOutcome(KEY, 'THROTTLED', { attempts: 5, at: AT }, 'req-1')).toEqual({
      ...KEY,
      status: 'FAILED',
      errorCode: 'THROTTLED',
      requestId: 'req-1',
      attempts: 5,
      at: AT,
    });
    expect(failedOutcome(KEY, 'TAGS_UNREADABLE', { attempts: 0, at: AT })).not.toHaveProperty('requestId');
  });

  it('mark an outcome unconfirmed only when a write may have landed unseen, never with a false flag', () => {
    expect(supersededOutcome(KEY, { attempts: 1, at: AT, unconfirmed: true })).toEqual({
      ...KEY,
      status: 'SUPERSEDED',
      unconfirmedWrite: true,
      attempts: 1,
      at: AT,
    });
    expect(skippedOutcome(KEY, 'CANCELLED', { attempts: 0, at: AT, unconfirmed: false })).not.toHaveProperty('unconfirmedWrite');
  });
});
