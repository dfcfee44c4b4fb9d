import { ManualTime } from '../testing/manual-time';
import { TreeOrganization } from '../testing/organization-tree';
import { DEFAULT_TAG_READ_LIMIT, TagReader, tagReadLimitFor } from './tag-reader';

const tree = { rootId: 'r-test', units: [], placement: {}, tags: { '111111111111': { env: 'prod' } } };
const account = { id: '111111111111', name: 'a', state: 'ACTIVE' as const, joinedAt: '2020-01-01T00:00:00.000Z', isManagement: false };

describe('TagReader', () => {
  it('reads tags at its own pace: its burst at once, then one per 1/rate seconds', async () => {
    const time = new ManualTime(1_000);
    const organization = new TreeOrganization(tree, [account]);
    const reader = new TagReader(organization, { ratePerSecond: 2, burst: 3 }, time, time);
    const starts: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      expect(await reader.tagsOf('111111111111')).toEqual({ env: 'prod' });
      starts.push(time.now());
    }
    expect(starts).toEqual([1_000, 1_000, 1_000, 1_500, 2_000, 2_500]);
    expect(organization.calls.tagsOf).toBe(6);
  });

  it('makes no read that could not start before the deadline', async () => {
    const time = new ManualTime(0);
    const organization = new TreeOrganization(tree, [account]);
    const reader = new TagReader(organization, { ratePerSecond: 1, burst: 1 }, time, time);
    expect(await reader.tagsOf('111111111111', 0)).toEqual({ env: 'prod' });
    expect(await reader.tagsOf('111111111111', 999)).toBeUndefined();
    expect(organization.calls.tagsOf).toBe(1);
    expect(time.now()).toBe(0);
  });

  it('shares the limit between workers', () => {
    expect(tagReadLimitFor(1)).toEqual(DEFAULT_TAG_READ_LIMIT);
    expect(tagReadLimitFor(4)).toEqual({ ratePerSecond: DEFAULT_TAG_READ_LIMIT.ratePerSecond / 4, burst: 1 });
    expect(() => tagReadLimitFor(0)).toThrow(RangeError);
  });
});
