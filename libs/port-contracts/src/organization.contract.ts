import { AccountId, AccountPage, MemberAccount, OrganizationPort } from '@contact-sync/domain';

/** The organization a fixture builds: `members` member accounts, of which those at the `closed` indexes are closed. */
export interface OrganizationSpec {
  readonly members: number;
  readonly closed: readonly number[];
}

/** An account as the fixture created it. */
export interface AccountIdentity {
  readonly id: AccountId;
  readonly name: string;
  /** ISO-8601. */
  readonly joinedAt: string;
}

/** An organization port over an organization built to a spec, and the accounts it was built with. */
export interface OrganizationFixture {
  readonly port: OrganizationPort;
  readonly management: AccountIdentity;
  /** In spec order: `members[i]` is member `i`. */
  readonly members: readonly AccountIdentity[];
}

/** More than one ListAccounts page (20), and two closed members. */
export const ORGANIZATION_SPEC: OrganizationSpec = { members: 23, closed: [4, 17] };

const byId = (accounts: readonly MemberAccount[]) => [...accounts].sort((a, b) => a.id.localeCompare(b.id));

/** The accounts an organization built to `spec` must list. */
function expectedAccounts(fixture: OrganizationFixture, spec: OrganizationSpec): MemberAccount[] {
  return [
    { ...fixture.management, state: 'ACTIVE', isManagement: true },
    ...fixture.members.map((m, i): MemberAccount => ({
      ...m,
      state: spec.closed.includes(i) ? 'SUSPENDED' : 'ACTIVE',
      isManagement: false,
    })),
  ];
}

async function pagesOf(port: OrganizationPort): Promise<(readonly MemberAccount[])[]> {
  const pages: (readonly MemberAccount[])[] = [];
  for await (const page of port.accountPages()) pages.push(page.accounts);
  return pages;
}

/**
 * The behaviour every {@link OrganizationPort} shares. `make` builds an organization to the spec:
 * closing a member is whatever the adapter's service does for CloseAccount, which must end SUSPENDED.
 */
export function organizationContract(adapterName: string, make: (spec: OrganizationSpec) => Promise<OrganizationFixture>): void {
  describe(`OrganizationPort contract: ${adapterName}`, () => {
    it(`lists each of the ${ORGANIZATION_SPEC.members + 1} accounts once, across pages of at most 20, with name, State and join time`, async () => {
      const fixture = await make(ORGANIZATION_SPEC);
      const pages = await pagesOf(fixture.port);
      expect(pages.filter((page) => page.length > 0).length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...pages.map((page) => page.length))).toBeLessThanOrEqual(20);
      expect(byId(pages.flat())).toEqual(byId(expectedAccounts(fixture, ORGANIZATION_SPEC)));
    });

    it('continues a listing from the cursor of its first page with the pages after it, the last without a cursor', async () => {
      const fixture = await make(ORGANIZATION_SPEC);
      const from = async (cursor?: string) => {
        const pages: AccountPage[] = [];
        for await (const page of fixture.port.accountPages(cursor)) pages.push(page);
        return pages;
      };
      const all = await from();
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(all.map((page) => page.next === undefined)).toEqual(all.map((_, i) => i === all.length - 1));
      expect(byId(all.flatMap((page) => page.accounts))).toEqual(byId(expectedAccounts(fixture, ORGANIZATION_SPEC)));
      const rest = await from(all[0]?.next);
      expect(byId(rest.flatMap((page) => page.accounts))).toEqual(byId(all.slice(1).flatMap((page) => page.accounts)));
    });

    it('marks exactly the management account, whose id managementAccountId() gives', async () => {
      const fixture = await make(ORGANIZATION_SPEC);
      const marked = (await pagesOf(fixture.port)).flat().filter((a) => a.isManagement);
      expect(marked.map((a) => a.id)).toEqual([fixture.management.id]);
      expect(await fixture.port.managementAccountId()).toBe(fixture.management.id);
    });

    it('reads closed members as SUSPENDED and the others as ACTIVE', async () => {
      const fixture = await make(ORGANIZATION_SPEC);
      const states = new Map((await pagesOf(fixture.port)).flat().map((a) => [a.id, a.state]));
      expect(fixture.members.map((m) => states.get(m.id))).toEqual(
        fixture.members.map((_, i) => (ORGANIZATION_SPEC.closed.includes(i) ? 'SUSPENDED' : 'ACTIVE')),
      );
    });

    it('describes the management account, an ACTIVE member and a closed member as it lists them', async () => {
      const fixture = await make(ORGANIZATION_SPEC);
      const expected = expectedAccounts(fixture, ORGANIZATION_SPEC);
      const ids = [
        fixture.management.id,
        fixture.members[0]?.id,
        fixture.members[ORGANIZATION_SPEC.closed[0] as number]?.id,
      ] as AccountId[];
      const described = await Promise.all(ids.map((id) => fixture.port.describeAccount(id)));
      expect(described).toEqual(ids.map((id) => expected.find((a) => a.id === id)));
    });

    it('describes an account id that is not in the organization as undefined', async () => {
      const fixture = await make({ members: 1, closed: [] });
      const known = new Set([fixture.management.id, ...fixture.members.map((m) => m.id)]);
      const stranger = ['999999999999', '999999999998'].find((id) => !known.has(id)) as AccountId;
      expect(await fixture.port.describeAccount(stranger)).toBeUndefined();
    });
  });
}
