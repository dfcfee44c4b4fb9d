import { AwsOrganization, createOrganizationsClient } from '@contact-sync/adapters-aws';
import {
  createMotoOrganization,
  createMotoUnit,
  motoRootId,
  moveMotoAccount,
  tagMotoAccount,
  useMotoServer,
} from '@contact-sync/adapters-aws/testing';
import { OrganizationStructurePort } from '@contact-sync/domain';
import { organizationStructureContract, TreeFixture, TreeFixtureSpec } from '@contact-sync/port-contracts';
import { memoryOrganization } from './testing/memory-organization';

const moto = useMotoServer();

/** The simulated organization built to a tree spec, each call of the port run to its end in virtual time (Organizations is paced). */
async function memoryTree(spec: TreeFixtureSpec): Promise<TreeFixture> {
  const { sim, management, members } = memoryOrganization(spec.members);
  const tree = sim.model.tree;
  const units = Object.fromEntries(spec.units.map((u, n) => [u.name, `ou-mem0-${String(n).padStart(8, '0')}`]));
  for (const u of spec.units) tree.addUnit(units[u.name] as string, u.parent ? units[u.parent] : tree.rootId);
  const idOf = (i: number) => (members[i] as { id: string }).id;
  for (const [i, unit] of Object.entries(spec.placement)) tree.place(idOf(Number(i)), units[unit]);
  for (const [i, tags] of Object.entries(spec.tags)) tree.setTags(idOf(Number(i)), tags);
  const o = sim.organization;
  const port: OrganizationStructurePort = {
    rootId: () => sim.time.run(() => o.rootId()),
    accountsUnder: (parent, cursor) => sim.time.run(() => o.accountsUnder(parent, cursor)),
    unitsUnder: (parent, cursor) => sim.time.run(() => o.unitsUnder(parent, cursor)),
    parentOf: (child) => sim.time.run(() => o.parentOf(child)),
    tagsOf: (account) => sim.time.run(() => o.tagsOf(account)),
  };
  return { port, rootId: tree.rootId, units, management, members, move: async (member, unit) => tree.place(idOf(member), units[unit]) };
}

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
    port: new AwsOrganization(moto.client(createOrganizationsClient)),
    rootId,
    units,
    management,
    members,
    move: (member, unit) => moveMotoAccount(moto.clientOptions, idOf(member), units[unit] as string),
  };
}

organizationStructureContract('AwsOrganization over the simulated Organizations API', memoryTree);
organizationStructureContract('AwsOrganization on moto', motoTree);
