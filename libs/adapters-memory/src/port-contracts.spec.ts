import { DEFAULT_SYNC_CONFIG, OrganizationStructurePort } from '@contact-sync/domain';
import {
  accountIdFor,
  auditLogContract,
  failedEventsContract,
  keyedHashContract,
  organizationStructureContract,
  syncConfigContract,
  syncStateContract,
  TreeFixture,
  TreeFixtureSpec,
} from '@contact-sync/port-contracts';
import { InMemoryFailedEvents } from './in-memory-failed-events';
import { InMemoryKeyedHash } from './in-memory-keyed-hash';
import { InMemoryAuditLog } from './in-memory-audit-log';
import { InMemorySyncConfig } from './in-memory-sync-config';
import { InMemorySyncState } from './in-memory-sync-state';
import { createSimulatedAws } from './simulated-aws';

syncConfigContract('InMemorySyncConfig', async () => new InMemorySyncConfig());
syncStateContract('InMemorySyncState', async () => new InMemorySyncState());
auditLogContract('InMemoryAuditLog', async (clock) => new InMemoryAuditLog(clock));
failedEventsContract('InMemoryFailedEvents', async () => {
  const port = new InMemoryFailedEvents();
  return { port, land: async (event) => port.add(event) };
});
keyedHashContract('InMemoryKeyedHash', (key) => new InMemoryKeyedHash(key));

/** The simulated organization built to a tree spec, each call of the port run to its end in virtual time (Organizations is paced). */
async function memoryTree(spec: TreeFixtureSpec): Promise<TreeFixture> {
  const management = { id: accountIdFor(0), name: 'management', joinedAt: '2016-03-01T00:00:00.000Z' };
  const members = Array.from({ length: spec.members }, (_, i) => ({
    id: accountIdFor(i + 1),
    name: `member-${i + 1}`,
    joinedAt: new Date(Date.UTC(2020, 0, 1 + i)).toISOString(),
  }));
  const sim = createSimulatedAws({
    accounts: [
      { ...management, state: 'ACTIVE', isManagement: true },
      ...members.map((m) => ({ ...m, state: 'ACTIVE' as const, isManagement: false })),
    ],
    seed: 5,
    config: DEFAULT_SYNC_CONFIG,
  });
  const tree = sim.model.tree;
  const units = Object.fromEntries(spec.units.map((u, n) => [u.name, `ou-mem0-${String(n).padStart(8, '0')}`]));
  for (const u of spec.units) tree.addUnit(units[u.name] as string, u.parent ? units[u.parent] : tree.rootId);
  for (const [i, unit] of Object.entries(spec.placement)) tree.place((members[Number(i)] as { id: string }).id, units[unit]);
  for (const [i, tags] of Object.entries(spec.tags)) tree.setTags((members[Number(i)] as { id: string }).id, tags);
  const o = sim.organization;
  const port: OrganizationStructurePort = {
    rootId: () => sim.time.run(() => o.rootId()),
    accountsUnder: (parent, cursor) => sim.time.run(() => o.accountsUnder(parent, cursor)),
    unitsUnder: (parent, cursor) => sim.time.run(() => o.unitsUnder(parent, cursor)),
    parentOf: (child) => sim.time.run(() => o.parentOf(child)),
    tagsOf: (account) => sim.time.run(() => o.tagsOf(account)),
  };
  return {
    port,
    rootId: tree.rootId,
    units,
    management,
    members,
    move: async (member, unit) => tree.place((members[member] as { id: string }).id, units[unit]),
  };
}

organizationStructureContract('InMemoryOrganization over the simulated Organizations API', memoryTree);
