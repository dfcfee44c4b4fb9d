import { isRetryable, SERVICE_ERROR_CODES } from '../shared/service-error-code';
import { ContactApiError, errorCodeOf } from './contact-api-error';
import { decideRetry, DEFAULT_RETRY_POLICY } from './retry-policy';

describe('error classification', () => {
  it('retries throttling, transient faults and conflicts, and nothing else', () => {
    expect(SERVICE_ERROR_CODES.filter(isRetryable)).toEqual(['THROTTLED', 'TRANSIENT', 'CONFLICT']);
  });

  it('reads the code of a ContactApiError, and UNKNOWN of anything else', () => {
    expect(errorCodeOf(new ContactApiError('THROTTLED', 'GetAlternateContact', 'req-1'))).toBe('THROTTLED');
    expect(errorCodeOf(new Error('boom'))).toBe('UNKNOWN');
  });

  it('ContactApiError names the operation, code and request id, with a stable name', () => {
    const error = new ContactApiError('ACCESS_DENIED', 'PutAlternateContact', 'req-9');
    expect(error.message).toBe('PutAlternateContact failed: ACCESS_DENIED (request req-9)');
    expect(error.name).toBe('ContactApiError');
  });
});

describe('decideRetry', () => {
  const random = { next: () => 0.5 };

  it('waits half the ceiling with a draw of 0.5, doubling each time up to the cap', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 350, maxAttempts: 5 };
    expect([1, 2, 3, 4].map((n) => decideRetry(policy, 'THROTTLED', n, random))).toEqual([
      { retry: true, delayMs: 50 },
      { retry: true, delayMs: 100 },
      { retry: true, delayMs: 175 },
      { retry: true, delayMs: 175 },
    ]);
    expect(decideRetry(policy, 'THROTTLED', 5, random)).toEqual({ retry: false, reason: 'ATTEMPTS_EXHAUSTED' });
  });

  it('never retries a permanent error', () => {
    expect(decideRetry(DEFAULT_RETRY_POLICY, 'ACCESS_DENIED', 1, random)).toEqual({ retry: false, reason: 'NOT_RETRYABLE' });
  });
});
