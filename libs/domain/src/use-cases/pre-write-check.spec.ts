import { SyncConfig, SyncConfigInput, syncConfigOf } from '../config/sync-config';
import { LoggerPort } from '../ports/logger.port';
import { SyncConfigPort, VersionedSyncConfig } from '../ports/sync-config.port';
import { DomainError } from '../shared/domain-error';
import { TAG_READ_ATTEMPTS, TagReader } from '../organization/tag-reader';
import { AccountTags, OrganizationalUnitId } from '../targeting/targeting-rules';
import { ManualTime } from '../testing/manual-time';
import { TreeOrganization, TreeSpec, unitIdOf } from '../testing/organization-tree';
import { PRE_WRITE_ROUNDS, PreWriteCheck } from './pre-write-check';
import { activeMember } from '../testing/member';

const MEMBER = '111111111111';
const OTHER = '222222222222';
const [PROD, SANDBOX] = [unitIdOf(0), unitIdOf(1)];
const EXCLUDE = { key: 'contact-sync:exclude', value: 'true' };
const EXCLUDE_TAGS: AccountTags = { [EXCLUDE.key]: EXCLUDE.value };

/** A stored configuration whose loads are counted; `onLoad` may store a newer one as a load is answered. */
class StoredConfig implements SyncConfigPort {
  loads = 0;
  onLoad?: (loads: number) => void;
  private current: VersionedSyncConfig;

  constructor(input: SyncConfigInput) {
    this.current = { config: syncConfigOf(input), version: 1 };
  }

  /** Stores a new configuration, as `config set` does while a write is being checked. */
  set(input: SyncConfigInput): void {
    this.current = { config: syncConfigOf(input), version: this.current.version + 1 };
  }

  async load(): Promise<VersionedSyncConfig> {
    this.loads += 1;
    const answer = this.current;
    this.onLoad?.(this.loads);
    return answer;
  }

  async save(config: SyncConfig, expectedVersion: number): Promise<number> {
    if (expectedVersion !== this.current.version) throw new DomainError('CONFLICT', 'the configuration changed');
    this.current = { config, version: expectedVersion + 1 };
    return this.current.version;
  }
}

const silent: LoggerPort = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const member = activeMember;

/** MEMBER in PROD (under the root, beside SANDBOX), tagged as given; the check over `input`. */
function world(input: SyncConfigInput, tags: AccountTags = {}) {
  const placement: Record<string, OrganizationalUnitId | undefined> = { [MEMBER]: PROD, [OTHER]: undefined };
  const tagsOf: Record<string, AccountTags> = { [MEMBER]: tags, [OTHER]: {} };
  const tree: TreeSpec = { rootId: 'r-test', units: [{ id: PROD }, { id: SANDBOX }], placement, tags: tagsOf };
  const structure = new TreeOrganization(tree, [member(MEMBER), member(OTHER)]);
  const time = new ManualTime(1_000);
  const config = new StoredConfig(input);
  const check = new PreWriteCheck(config, structure, new TagReader(structure, { ratePerSecond: 4, burst: 4 }, time, time), silent);
  return { check, config, structure, placement, tagsOf, time };
}

describe('PreWriteCheck without OU or tag rules', () => {
  it('lets a write out after one configuration read, and reads nothing of the account', async () => {
    const { check, config, structure } = world({ kinds: ['SECURITY'] });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'WRITE' });
    expect(config.loads).toBe(1);
    expect(structure.calls).toMatchObject({ parentOf: 0, tagsOf: 0 });
  });

  it('holds the write back when the configuration read now disables the kind, excludes the account or is in dry run', async () => {
    const { check, config } = world({ kinds: ['SECURITY', 'BILLING'] });
    config.set({ kinds: ['BILLING'] });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'KIND_DISABLED' });
    expect(await check.verdict(MEMBER, 'BILLING')).toEqual({ verdict: 'WRITE' });
    config.set({ kinds: ['BILLING'], excludedAccountIds: [MEMBER] });
    expect(await check.verdict(MEMBER, 'BILLING')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'EXCLUDED_BY_ID' } });
    expect(await check.verdict(OTHER, 'BILLING')).toEqual({ verdict: 'WRITE' });
    config.set({ kinds: ['BILLING'], dryRun: true });
    expect(await check.verdict(MEMBER, 'BILLING')).toEqual({ verdict: 'DRY_RUN' });
    // The rules come first, as they do for a fresh item: a disabled kind is reported as such in dry run too.
    config.set({ kinds: ['BILLING'], dryRun: true, excludedAccountIds: [MEMBER] });
    expect(await check.verdict(MEMBER, 'BILLING')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'EXCLUDED_BY_ID' } });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'KIND_DISABLED' });
  });
});

describe('PreWriteCheck with OU rules', () => {
  it("reads the account's parent again at each check, so that a move into an excluded OU holds the write back", async () => {
    const { check, config, structure, placement } = world({ kinds: ['SECURITY'], excludedOrganizationalUnits: [SANDBOX] });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'WRITE' });
    placement[MEMBER] = SANDBOX;
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'EXCLUDED_BY_OU', rule: SANDBOX } });
    // Each check: the account's parent (its OU's own, once), two configuration reads, and no tag read without a tag rule.
    expect(structure.calls).toMatchObject({ parentOf: 4, tagsOf: 0 });
    expect(config.loads).toBe(3);
  });

  it('holds back a write to an account moved out of every included OU', async () => {
    const { check, placement } = world({ kinds: ['SECURITY'], includedOrganizationalUnits: [PROD] });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'WRITE' });
    placement[MEMBER] = undefined;
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'NOT_IN_INCLUDED_OU' } });
  });

  it('fails closed when the parent cannot be read, or is not found', async () => {
    const { check, structure } = world({ kinds: ['SECURITY'], includedOrganizationalUnits: [PROD] });
    const read = structure.parentOf.bind(structure);
    structure.parentOf = async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    };
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'UNREADABLE', errorCode: 'PARENTS_UNREADABLE' });
    structure.parentOf = async (id) => (id === MEMBER ? undefined : read(id));
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'UNREADABLE', errorCode: 'PARENTS_UNREADABLE' });
  });
});

describe('PreWriteCheck with tag rules', () => {
  it('reads the tags again at each check, so that a retag holds the write back', async () => {
    const { check, structure, tagsOf } = world({ kinds: ['SECURITY'], excludedTags: [EXCLUDE] });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'WRITE' });
    tagsOf[MEMBER] = { [EXCLUDE.key]: EXCLUDE.value };
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({
      verdict: 'LEFT_OUT',
      skip: { reason: 'EXCLUDED_BY_TAG', rule: 'contact-sync:exclude=true' },
    });
    expect(structure.calls).toMatchObject({ parentOf: 0, tagsOf: 2 });
  });

  it('judges the OUs before the tags, as the rules are ordered, though it reads the tags first', async () => {
    const { check, structure } = world({ kinds: ['SECURITY'], excludedOrganizationalUnits: [PROD], excludedTags: [EXCLUDE] }, EXCLUDE_TAGS);
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'EXCLUDED_BY_OU', rule: PROD } });
    expect(structure.calls).toMatchObject({ parentOf: 2, tagsOf: 1 });
  });

  it('reads the parent after the tags, so that a move made while the tag read waits holds the write back', async () => {
    const { check, structure, placement } = world({ kinds: ['SECURITY'], excludedOrganizationalUnits: [SANDBOX], excludedTags: [EXCLUDE] });
    const read = structure.tagsOf.bind(structure);
    // The account moves while its tags are being read (on AWS: while the tag limiter or a throttled read waits).
    structure.tagsOf = async (id) => {
      const tags = await read(id);
      placement[MEMBER] = SANDBOX;
      return tags;
    };
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'EXCLUDED_BY_OU', rule: SANDBOX } });
  });

  it('names an OU that leaves the account out before tags that could not be read, as the rules are ordered', async () => {
    const { check, structure } = world({ kinds: ['SECURITY'], excludedOrganizationalUnits: [PROD], excludedTags: [EXCLUDE] });
    structure.tagsOf = async () => {
      throw new DomainError('NOT_FOUND', 'TargetNotFoundException');
    };
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'EXCLUDED_BY_OU', rule: PROD } });
  });

  it('fails closed when the tags cannot be read after every attempt, and stops when no read can start before the deadline', async () => {
    const { check, structure, time } = world({ kinds: ['SECURITY'], includedTags: [{ key: 'env' }] }, { env: 'prod' });
    const read = structure.tagsOf.bind(structure);
    let refused = 0;
    structure.tagsOf = async () => {
      refused += 1;
      throw new DomainError('NOT_FOUND', 'TargetNotFoundException');
    };
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'UNREADABLE', errorCode: 'TAGS_UNREADABLE' });
    expect(refused).toBe(TAG_READ_ATTEMPTS);
    structure.tagsOf = read;
    // The failures slowed the reader down: its next read cannot start within the next millisecond.
    expect(await check.verdict(MEMBER, 'SECURITY', time.now() + 1)).toEqual({ verdict: 'DEADLINE' });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'WRITE' });
  });
});

describe('PreWriteCheck when the configuration changes while the account is read', () => {
  it('checks again under the configuration stored meanwhile: its rules decide', async () => {
    const { check, config } = world({ kinds: ['SECURITY'], includedOrganizationalUnits: [PROD] });
    // Stored just after the first read is answered, while the parent is read.
    config.onLoad = (loads) => {
      if (loads === 1) config.set({ kinds: ['SECURITY'], includedOrganizationalUnits: [PROD], excludedOrganizationalUnits: [PROD] });
    };
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'LEFT_OUT', skip: { reason: 'EXCLUDED_BY_OU', rule: PROD } });
    expect(config.loads).toBe(2);
  });

  it('a dry run stored while the account is read holds the write back', async () => {
    const { check, config } = world({ kinds: ['SECURITY'], excludedTags: [EXCLUDE] });
    config.onLoad = (loads) => {
      if (loads === 1) config.set({ kinds: ['SECURITY'], excludedTags: [EXCLUDE], dryRun: true });
    };
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'DRY_RUN' });
    expect(config.loads).toBe(3);
  });

  it(`gives up as UNSETTLED when it changes during each of ${PRE_WRITE_ROUNDS} checks`, async () => {
    const { check, config } = world({ kinds: ['SECURITY'], excludedTags: [EXCLUDE] });
    config.onLoad = () => config.set({ kinds: ['SECURITY'], excludedTags: [EXCLUDE] });
    expect(await check.verdict(MEMBER, 'SECURITY')).toEqual({ verdict: 'UNSETTLED' });
    expect(config.loads).toBe(PRE_WRITE_ROUNDS + 1);
  });
});
