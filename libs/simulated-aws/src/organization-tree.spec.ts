import { OrganizationTree } from './organization-tree';

describe('OrganizationTree', () => {
  it('keeps each root or OU listing its accounts in the order they were put there, across moves', () => {
    const tree = new OrganizationTree();
    tree.addUnit('ou-a');
    tree.addUnit('ou-b', 'ou-a');
    for (const id of ['111111111111', '222222222222', '333333333333']) tree.place(id);
    expect(tree.accountsUnder(tree.rootId)).toEqual(['111111111111', '222222222222', '333333333333']);
    tree.place('222222222222', 'ou-b');
    tree.place('111111111111', 'ou-b');
    expect(tree.accountsUnder(tree.rootId)).toEqual(['333333333333']);
    expect(tree.accountsUnder('ou-b')).toEqual(['222222222222', '111111111111']);
    tree.place('222222222222');
    expect(tree.accountsUnder(tree.rootId)).toEqual(['333333333333', '222222222222']);
    expect(tree.accountsUnder('ou-b')).toEqual(['111111111111']);
    expect(tree.unitsAbove('111111111111')).toEqual(['ou-a', 'ou-b']);
    expect(tree.accountsUnder('ou-a')).toEqual([]);
  });

  it('refuses a parent that does not exist, naming it', () => {
    expect(() => new OrganizationTree().place('111111111111', 'ou-missing')).toThrow('no parent ou-missing');
  });
});
