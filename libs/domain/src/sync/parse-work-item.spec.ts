import { parseWorkItem } from './parse-work-item';
import { WorkItem } from './work-item';

const item: WorkItem = {
  runId: 'chg-1',
  itemId: 'chg-1:0',
  accountIds: ['222222222222'],
  kinds: ['BILLING'],
  desired: { BILLING: { AlternateContactType: 'BILLING', Name: 'B', Title: 'T', EmailAddress: 'b@example.com', PhoneNumber: '+1 555' } },
  propagateDeletions: false,
  dryRun: false,
  initiator: 'arn:aws:iam::111111111111:user/alice',
};

describe('parseWorkItem', () => {
  it('reads back what the queue adapter wrote', () => {
    expect(parseWorkItem(JSON.stringify(item))).toEqual({ ok: true, value: item });
  });

  it('names every bad field, never a value', () => {
    const result = parseWorkItem(JSON.stringify({ ...item, accountIds: ['12'], kinds: ['FAX'], dryRun: 'no', extra: 1 }));
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    for (const field of ['accountIds[0]', 'kinds[0]', 'dryRun', 'extra']) expect(message).toContain(field);
    expect(message).not.toContain('b@example.com');
  });

  it('rejects a body that is not JSON', () => {
    expect(parseWorkItem('{oops')).toMatchObject({ ok: false, error: { issues: [{ field: '(body)', rule: 'must be JSON' }] } });
  });
});
