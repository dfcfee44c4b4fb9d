import { organizationStructureContract, TreeFixture, TreeFixtureSpec } from '@contact-sync/port-contracts';
import { createOrganizationsClient } from '../clients';
import { createMotoOrganization, createMotoUnit, motoRootId, moveMotoAccount, tagMotoAccount } from '../testing/moto-organization';
import { useMotoServer } from '../testing/use-moto-server';
import { OrganizationsOrganization } from './organizations-organization';

const moto = useMotoServer();

/** The tree made through the Organizations API, as an operator makes it: CreateOrganizationalUnit, MoveAccount, TagResource. */
async function motoTree(spec: TreeFixtureSpec): Promise<TreeFixture> {
  await moto.reset();
  const { management, members } = await createMotoOrganization(moto.clientOptions, spec.members);
  const rootId = await motoRootId(moto.clientOptions);
  const units: Record<string, string> = {};
  for (const unit of spec.units)
    units[unit.name] = await createMotoUnit(moto.clientOptions, unit.parent ? (units[unit.parent] as string) : rootId, unit.name);
  const idOf = (i: number) => (members[i] as { id: string }).id;
  for (const [i, unit] of Object.entries(spec.placement)) await moveMotoAccount(moto.clientOptions, idOf(Number(i)), units[unit] as string);
  for (const [i, tags] of Object.entries(spec.tags)) await tagMotoAccount(moto.clientOptions, idOf(Number(i)), tags);
  return {
    port: new OrganizationsOrganization(moto.client(createOrganizationsClient)),
    rootId,
    units,
    management,
    members,
    move: (member, unit) => moveMotoAccount(moto.clientOptions, idOf(member), units[unit] as string),
  };
}

organizationStructureContract('OrganizationsOrganization on moto', motoTree);
