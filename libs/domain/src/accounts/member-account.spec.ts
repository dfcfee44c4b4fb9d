import { parseMemberAccount } from './member-account';

describe('parseMemberAccount', () => {
  const valid = { id: '123456789012', name: 'prod', state: 'ACTIVE', joinedAt: '2024-05-01T12:00:00Z', isManagement: false };

  it('accepts a valid account with its time normalised', () => {
    expect(parseMemberAccount(valid)).toEqual({ ok: true, value: { ...valid, joinedAt: '2024-05-01T12:00:00.000Z' } });
  });

  it('names every bad field', () => {
    const result = parseMemberAccount({ id: '12345', name: '', state: 'ENABLED', joinedAt: 'soon', isManagement: 'no' });
    expect(!result.ok && result.error.issues.map((i) => i.field)).toEqual(['id', 'name', 'state', 'joinedAt', 'isManagement']);
  });
});
