import { AccountId, OrganizationStructurePort, PlacedAccount, unitsAboveAccount, walkOrganization } from '@contact-sync/domain';
import { AccountIdentity } from './organization.contract';

/** An organization's tree as a fixture builds it: OUs by name (a parent of undefined is the root), where members sit (by index; the rest in the root), and their tags. */
export interface TreeFixtureSpec {
  readonly members: number;
  readonly units: ReadonlyArray<{ readonly name: string; readonly parent?: string }>;
  readonly placement: Readonly<Record<number, string>>;
  readonly tags: Readonly<Record<number, Readonly<Record<string, string>>>>;
}

/** The structure port over an organization built to a spec, and what it was built with. */
export interface TreeFixture {
  readonly port: OrganizationStructurePort;
  readonly rootId: string;
  /** Each OU's id, by its name in the spec. */
  readonly units: Readonly<Record<string, string>>;
  readonly management: AccountIdentity;
  /** In spec order. */
  readonly members: readonly AccountIdentity[];
  /** Moves a member (by index) into an OU (by name), as MoveAccount does. */
  move(member: number, unit: string): Promise<void>;
}

/** Two nested levels, and one OU holding 21 accounts (more than a page of 20). */
export const TREE_SPEC: TreeFixtureSpec = {
  members: 23,
  units: [
    { name: 'workloads' },
    { name: 'production', parent: 'workloads' },
    { name: 'sandbox' },
    { name: 'hackathons', parent: 'sandbox' },
  ],
  placement: { ...Object.fromEntries(Array.from({ length: 21 }, (_, i) => [i, 'production'])), 21: 'hackathons' },
  tags: { 0: { env: 'prod', team: 'blue' }, 21: { 'contact-sync:exclude': 'true', env: '' } },
};

async function walk(port: OrganizationStructurePort): Promise<{ placed: PlacedAccount[]; pages: number[] }> {
  const placed: PlacedAccount[] = [];
  const pages: number[] = [];
  for await (const page of walkOrganization(port)) {
    placed.push(...page.accounts);
    pages.push(page.accounts.length);
  }
  return { placed, pages };
}

/** Every OU directly under a parent, page after page (a page may be empty and still have a next). */
async function allUnits(port: OrganizationStructurePort, parentId: string): Promise<string[]> {
  const units: string[] = [];
  let next: string | undefined;
  do {
    const page = await port.unitsUnder(parentId, next);
    expect(page.units.length).toBeLessThanOrEqual(20);
    units.push(...page.units);
    next = page.next;
  } while (next !== undefined);
  return units;
}

/** The OUs the spec puts above member `i`, outermost first, as ids. */
function unitsAboveMember(fixture: TreeFixture, spec: TreeFixtureSpec, i: number): string[] {
  const names: string[] = [];
  for (let at: string | undefined = spec.placement[i]; at !== undefined; at = spec.units.find((u) => u.name === at)?.parent)
    names.unshift(at);
  return names.map((name) => fixture.units[name] as string);
}

/**
 * The behaviour every {@link OrganizationStructurePort} shares: the root, pages of accounts and OUs
 * under each parent, parents up to the root, tags, and what a missing parent, child or account reads as.
 */
export function organizationStructureContract(adapterName: string, make: (spec: TreeFixtureSpec) => Promise<TreeFixture>): void {
  describe(`OrganizationStructurePort contract: ${adapterName}`, () => {
    it('a walk of the tree lists every account once, with the OUs above it, in pages of at most 20', async () => {
      const fixture = await make(TREE_SPEC);
      const { placed, pages } = await walk(fixture.port);
      expect(Math.max(...pages)).toBeLessThanOrEqual(20);
      const byId = new Map(placed.map((p) => [p.account.id, p]));
      expect(placed).toHaveLength(TREE_SPEC.members + 1);
      expect(byId.get(fixture.management.id)).toMatchObject({ account: { isManagement: true, state: 'ACTIVE' }, units: [] });
      fixture.members.forEach((member, i) => {
        expect(byId.get(member.id)).toEqual({
          account: { ...member, state: 'ACTIVE', isManagement: false },
          units: unitsAboveMember(fixture, TREE_SPEC, i),
        });
      });
    });

    it('pages the accounts and the OUs under a parent, each page from the token of the one before', async () => {
      const fixture = await make(TREE_SPEC);
      const production = fixture.units['production'] as string;
      const first = await fixture.port.accountsUnder(production);
      expect(first.accounts.length).toBeLessThanOrEqual(20);
      const ids = first.accounts.map((a) => a.id);
      for (let next = first.next; next !== undefined;) {
        const page = await fixture.port.accountsUnder(production, next);
        ids.push(...page.accounts.map((a) => a.id));
        next = page.next;
      }
      expect(ids.sort()).toEqual(
        fixture.members
          .slice(0, 21)
          .map((m) => m.id)
          .sort(),
      );
      expect((await allUnits(fixture.port, fixture.rootId)).sort()).toEqual([fixture.units['sandbox'], fixture.units['workloads']].sort());
      expect(await allUnits(fixture.port, fixture.units['sandbox'] as string)).toEqual([fixture.units['hackathons']]);
      expect(await allUnits(fixture.port, fixture.units['hackathons'] as string)).toEqual([]);
    });

    it('tells each parent up to the root, and the OUs above one account', async () => {
      const fixture = await make(TREE_SPEC);
      expect(await fixture.port.parentOf(fixture.units['hackathons'] as string)).toEqual({ id: fixture.units['sandbox'], isRoot: false });
      expect(await fixture.port.parentOf(fixture.units['sandbox'] as string)).toEqual({ id: fixture.rootId, isRoot: true });
      expect(await fixture.port.parentOf((fixture.members[22] as AccountIdentity).id)).toEqual({ id: fixture.rootId, isRoot: true });
      for (const i of [0, 21, 22])
        expect(await unitsAboveAccount(fixture.port, (fixture.members[i] as AccountIdentity).id)).toEqual(
          unitsAboveMember(fixture, TREE_SPEC, i),
        );
    });

    it("reads an account's tags, an untagged account's as none", async () => {
      const fixture = await make(TREE_SPEC);
      const tagsOf = (i: number) => fixture.port.tagsOf((fixture.members[i] as AccountIdentity).id);
      expect(await tagsOf(0)).toEqual({ env: 'prod', team: 'blue' });
      expect(await tagsOf(21)).toEqual({ 'contact-sync:exclude': 'true', env: '' });
      expect(await tagsOf(22)).toEqual({});
    });

    it('reads a child that is not in the organization as having no parent', async () => {
      const fixture = await make({ members: 1, units: [], placement: {}, tags: {} });
      const known = new Set([fixture.management.id, ...fixture.members.map((m) => m.id)]);
      const stranger = ['999999999999', '999999999998'].find((id) => !known.has(id)) as AccountId;
      expect(await fixture.port.parentOf(stranger)).toBeUndefined();
      expect(await unitsAboveAccount(fixture.port, stranger)).toBeUndefined();
    });

    // Read as no tags, an account tagged for exclusion would be written: a tag read fails closed.
    it('fails the tag read of an account that is not in the organization, never reading it as no tags', async () => {
      const fixture = await make({ members: 1, units: [], placement: {}, tags: {} });
      const known = new Set([fixture.management.id, ...fixture.members.map((m) => m.id)]);
      const stranger = ['999999999999', '999999999998'].find((id) => !known.has(id)) as AccountId;
      await expect(fixture.port.tagsOf(stranger)).rejects.toThrow();
    });

    it('lists a moved account where it went: the next walk picks the move up', async () => {
      const fixture = await make(TREE_SPEC);
      await fixture.move(0, 'hackathons');
      const { placed } = await walk(fixture.port);
      const moved = placed.filter((p) => p.account.id === (fixture.members[0] as AccountIdentity).id);
      expect(moved.map((p) => p.units)).toEqual([[fixture.units['sandbox'], fixture.units['hackathons']]]);
    });
  });
}
