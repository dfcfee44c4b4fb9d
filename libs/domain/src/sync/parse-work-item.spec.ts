import { MAX_ACCOUNTS_PER_ITEM, parseWorkItem } from './parse-work-item';
import { WorkItem } from './work-item';

const item: WorkItem = { runId: 'chg-1', itemId: 'chg-1:0', accountIds: ['222222222222', '333333333333'] };
const fieldsOf = (body: unknown): string[] => {
  const result = parseWorkItem(JSON.stringify(body));
  return result.ok ? [] : result.error.issues.map((i) => i.field);
};

describe('parseWorkItem', () => {
  it('reads back what the queue adapter wrote', () => {
    expect(parseWorkItem(JSON.stringify(item))).toEqual({ ok: true, value: item });
  });

  it('names every bad field, never a value', () => {
    const result = parseWorkItem(JSON.stringify({ ...item, accountIds: ['12'], extra: 'b@example.com' }));
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    for (const field of ['accountIds[0]', 'extra']) expect(message).toContain(field);
    expect(message).not.toContain('b@example.com');
  });

  it('rejects an item id that is not of its run', () => {
    expect(fieldsOf({ ...item, itemId: 'chg-2:0' })).toEqual(['itemId']);
    expect(fieldsOf({ ...item, itemId: 'chg-1:x' })).toEqual(['itemId']);
    expect(fieldsOf({ ...item, runId: 'a.b', itemId: 'aXb:0' })).toEqual(['itemId']);
  });

  it('rejects more accounts than a worker can do inside its timeout, and repeated accounts', () => {
    const many = Array.from({ length: MAX_ACCOUNTS_PER_ITEM + 1 }, (_, i) => String(100000000000 + i));
    expect(fieldsOf({ ...item, accountIds: many })).toEqual(['accountIds']);
    expect(fieldsOf({ ...item, accountIds: many.slice(0, MAX_ACCOUNTS_PER_ITEM) })).toEqual([]);
    expect(fieldsOf({ ...item, accountIds: ['222222222222', '222222222222'] })).toEqual(['accountIds']);
  });

  it('rejects a body that is not JSON', () => {
    expect(parseWorkItem('{oops')).toMatchObject({ ok: false, error: { issues: [{ field: '(body)', rule: 'must be JSON' }] } });
  });
});
