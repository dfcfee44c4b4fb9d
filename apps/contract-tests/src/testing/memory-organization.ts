import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import { AccountState, ContactsPort, DEFAULT_SYNC_CONFIG, OrganizationPort } from '@contact-sync/domain';
import { accountIdFor, AccountIdentity } from '@contact-sync/port-contracts';

/** The simulated organization's accounts, as created. */
export interface MemoryOrganization {
  readonly sim: SimulatedAws;
  readonly management: AccountIdentity;
  readonly members: readonly AccountIdentity[];
}

/**
 * A simulated organization of `members` ACTIVE members (`accountIdFor(1)`...), whose writes are
 * visible to the next read (no simulated eventual consistency: the contracts test the port, not
 * the delay).
 */
export function memoryOrganization(members: number): MemoryOrganization {
  const management = { id: accountIdFor(0), name: 'management', joinedAt: '2016-03-01T00:00:00.000Z' };
  const created = Array.from({ length: members }, (_, i) => ({
    id: accountIdFor(i + 1),
    name: `member-${i + 1}`,
    joinedAt: new Date(Date.UTC(2020, 0, 1 + i)).toISOString(),
  }));
  const state: AccountState = 'ACTIVE';
  const sim = createSimulatedAws({
    accounts: [{ ...management, state, isManagement: true }, ...created.map((m) => ({ ...m, state, isManagement: false }))],
    seed: 11,
    config: DEFAULT_SYNC_CONFIG,
    behaviour: { consistencyDelayMs: [0, 0] },
  });
  return { sim, management, members: created };
}

/** An async iterable whose every step runs to completion in the simulation's virtual time. */
function iterateInVirtualTime<T>(sim: SimulatedAws, iterable: AsyncIterable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const steps = iterable[Symbol.asyncIterator]();
      return { next: () => sim.time.run(() => steps.next()) };
    },
  };
}

/** The simulated organization port (which paces ListAccounts as AWS does) with each call run in virtual time. */
export function organizationInVirtualTime(sim: SimulatedAws): OrganizationPort {
  return {
    accountPages: (cursor) => iterateInVirtualTime(sim, sim.organization.accountPages(cursor)),
    describeAccount: (accountId) => sim.time.run(() => sim.organization.describeAccount(accountId)),
    managementAccountId: () => sim.time.run(() => sim.organization.managementAccountId()),
  };
}

/** The simulated contacts port with each call run to completion in the simulation's virtual time. */
export function contactsInVirtualTime(sim: SimulatedAws): ContactsPort {
  return {
    read: (kind, accountId) => sim.time.run(() => sim.contacts.read(kind, accountId)),
    write: (value, accountId) => sim.time.run(() => sim.contacts.write(value, accountId)),
    remove: (type, accountId) => sim.time.run(() => sim.contacts.remove(type, accountId)),
  };
}
