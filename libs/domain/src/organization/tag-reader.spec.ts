import { ManualTime } from '../testing/manual-time';
import { TreeOrganization } from '../testing/organization-tree';
import { DEFAULT_TAG_READ_LIMIT, TAG_READ_ATTEMPTS, TagReader, tagReadLimitFor } from './tag-reader';

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

describe('TagReader when reads fail', () => {
  /** A structure whose first `failures` tag reads fail. */
  const failing = (failures: number) => {
    const organization = new TreeOrganization(tree, [account]);
    let left = failures;
    const read = organization.tagsOf.bind(organization);
    organization.tagsOf = async (id) => {
      if (left > 0) {
        left -= 1;
        throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
      }
      return read(id);
    };
    return organization;
  };

  it('halves its rate on each failure and tries again at that pace, then creeps back', async () => {
    const time = new ManualTime(0);
    const reader = new TagReader(failing(2), { ratePerSecond: 4, burst: 1 }, time, time);
    expect(await reader.tagsOf('111111111111')).toEqual({ env: 'prod' });
    // The slot after a failure was reserved at the rate before it: 4 a second, then 2.
    expect(time.sleeps).toEqual([250, 500]);
    expect(reader.currentRate).toBeCloseTo(1 + 4 * 0.02);
  });

  it(`gives the failure up after ${TAG_READ_ATTEMPTS} attempts`, async () => {
    const time = new ManualTime(0);
    const organization = failing(TAG_READ_ATTEMPTS);
    const reader = new TagReader(organization, { ratePerSecond: 4, burst: 1 }, time, time);
    await expect(reader.tagsOf('111111111111')).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    expect(organization.calls.tagsOf).toBe(0);
    expect(await reader.tagsOf('111111111111')).toEqual({ env: 'prod' });
  });
});
