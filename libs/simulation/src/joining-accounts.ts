import { newAccountEvent } from '@contact-sync/domain/testing';
import { NewAccountEventName } from '@contact-sync/domain';
import { SimulatedAws } from '@contact-sync/composition';
import { DeployedSystem } from './deployed-system';

/** How an account joins the organization: each way has its own events. */
export type JoinMethod = 'CREATED' | 'INVITED' | 'CONTROL_TOWER';

const MINUTE = 60_000;

/** The events the management account's CloudTrail records for each way, and when (minutes after the join). */
const ANNOUNCEMENTS: Readonly<Record<JoinMethod, ReadonlyArray<readonly [NewAccountEventName, number]>>> = {
  CREATED: [
    ['CreateAccountResult', 0],
    ['AccountJoinedOrganization', 0],
  ],
  INVITED: [['AccountJoinedOrganization', 0]],
  // Account Factory creates the account through Organizations, then enrols it (about 25 minutes); an
  // enrolment retried later is an UpdateManagedAccount.
  CONTROL_TOWER: [
    ['CreateAccountResult', 0],
    ['AccountJoinedOrganization', 0],
    ['CreateManagedAccount', 25],
    ['UpdateManagedAccount', 90],
  ],
};

/**
 * Accounts join the organization (with no contacts set), and every event AWS sends for each join
 * reaches the deployed system, each at its time. Resolves once the last event is delivered.
 */
export async function joinAccounts(
  sim: SimulatedAws,
  system: DeployedSystem,
  joins: ReadonlyArray<{ readonly id: string; readonly method: JoinMethod }>,
): Promise<void> {
  const joinedAt = sim.time.now();
  for (const { id } of joins)
    sim.model.addAccount({ id, name: `joined-${id}`, state: 'ACTIVE', joinedAt: new Date(joinedAt).toISOString(), isManagement: false });
  const schedule = joins.flatMap(({ id, method }) =>
    ANNOUNCEMENTS[method].map(([eventName, minutes], n) => ({
      at: joinedAt + minutes * MINUTE,
      event: newAccountEvent({
        eventName,
        accountId: id,
        joinedMethod: method === 'INVITED' ? 'Invited' : 'Created',
        eventId: `evt-join-${id}-${n}`,
      }),
    })),
  );
  for (const { at, event } of schedule.sort((a, b) => a.at - b.at)) {
    if (at > sim.time.now()) await sim.time.sleep(at - sim.time.now());
    system.deliverEvent(event);
  }
}
