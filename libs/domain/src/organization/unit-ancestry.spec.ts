import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { DomainError } from '../shared/domain-error';
import { TreeOrganization, TreeSpec, unitIdOf } from '../testing/organization-tree';
import { OrganizationalUnitId } from '../targeting/targeting-rules';
import { UnitAncestry } from './unit-ancestry';
import { activeMember } from '../testing/member';

const member = activeMember;
const [DEEP, SHALLOW, IN_ROOT, SIDE] = ['111111111111', '222222222222', '333333333333', '444444444444'];
const [OU0, OU1, OU2, OU3] = [unitIdOf(0), unitIdOf(1), unitIdOf(2), unitIdOf(3)];

/** ou0 > ou1 > ou2 under the root, and ou3 beside ou0; DEEP in ou2, SHALLOW in ou1, SIDE in ou3, one in the root. */
function organization() {
  const placement: Record<string, OrganizationalUnitId | undefined> = { [DEEP]: OU2, [SHALLOW]: OU1, [IN_ROOT]: undefined, [SIDE]: OU3 };
  const tree: TreeSpec = {
    rootId: 'r-test',
    units: [{ id: OU0 }, { id: OU1, parent: OU0 }, { id: OU2, parent: OU1 }, { id: OU3 }],
    placement,
    tags: {},
  };
  const structure = new TreeOrganization(tree, [DEEP, SHALLOW, IN_ROOT, SIDE].map(member));
  return { structure, placement };
}

describe('UnitAncestry', () => {
  it('reads the OUs above an account, outermost first, and each OU above a parent only once', async () => {
    const { structure } = organization();
    const ancestry = new UnitAncestry(structure);
    expect(await ancestry.unitsAbove(DEEP)).toEqual([OU0, OU1, OU2]);
    // The account, then ou2, ou1 and ou0 (whose parent is the root).
    expect(structure.calls.parentOf).toBe(4);
    expect(await ancestry.unitsAbove(SHALLOW)).toEqual([OU0, OU1]);
    expect(await ancestry.unitsAbove(DEEP)).toEqual([OU0, OU1, OU2]);
    // OUs never move: only the accounts' own parents are read again.
    expect(structure.calls.parentOf).toBe(6);
    expect(await ancestry.unitsAbove(IN_ROOT)).toEqual([]);
    expect(await ancestry.unitsAbove(SIDE)).toEqual([OU3]);
    expect(structure.calls.parentOf).toBe(9);
  });

  it("reads the account's own parent every time, so that a move is seen at once", async () => {
    const { structure, placement } = organization();
    const ancestry = new UnitAncestry(structure);
    expect(await ancestry.unitsAbove(DEEP)).toEqual([OU0, OU1, OU2]);
    placement[DEEP] = OU3;
    expect(await ancestry.unitsAbove(DEEP)).toEqual([OU3]);
    placement[DEEP] = undefined;
    expect(await ancestry.unitsAbove(DEEP)).toEqual([]);
    placement[DEEP] = OU1;
    expect(await ancestry.unitsAbove(DEEP)).toEqual([OU0, OU1]);
  });

  it('answers undefined for an account not in the organization, and throws what a read throws', async () => {
    const { structure } = organization();
    const ancestry = new UnitAncestry(structure);
    expect(await ancestry.unitsAbove('999999999999')).toBeUndefined();
    const refused = new DomainError('NOT_FOUND', 'refused');
    structure.parentOf = async () => {
      throw refused;
    };
    await expect(ancestry.unitsAbove(DEEP)).rejects.toBe(refused);
  });

  it('does not remember a path it could not finish reading, and refuses answers that loop', async () => {
    const { structure } = organization();
    const read = structure.parentOf.bind(structure);
    let failOn: string | undefined = OU0;
    structure.parentOf = async (id) => {
      if (id === failOn) throw new DomainError('NOT_FOUND', 'throttled');
      return read(id);
    };
    const ancestry = new UnitAncestry(structure);
    await expect(ancestry.unitsAbove(DEEP)).rejects.toThrow('throttled');
    failOn = undefined;
    expect(await ancestry.unitsAbove(DEEP)).toEqual([OU0, OU1, OU2]);

    const looping: OrganizationStructurePort = {
      rootId: async () => 'r-test',
      accountsUnder: async () => ({ accounts: [] }),
      unitsUnder: async () => ({ units: [] }),
      parentOf: async () => ({ id: OU1, isRoot: false }),
      tagsOf: async () => ({}),
    };
    await expect(new UnitAncestry(looping).unitsAbove(DEEP)).rejects.toMatchObject({ code: 'INVARIANT_VIOLATED' });
  });
});
