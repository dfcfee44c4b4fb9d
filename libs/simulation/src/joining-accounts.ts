import { newAccountEvent } from '@contact-sync/domain/testing';
import { NewAccountEventName } from '@contact-sync/domain';
import { SimulatedAws } from '@contact-sync/composition';
import { DeployedSystem } from './deployed-system';
import { OrganizationChanges } from './organization-changes';

/** How an account joins the organization: each way has its own events. */
export type JoinMethod = 'CREATED' | 'INVITED' | 'CONTROL_TOWER';

const MINUTE = 60_000;
/** How long after it is created Control Tower's account factory moves an account from the root into its OU. */
export const PLACEMENT_DELAY_MS = 60_000;

/** One account that joins, how, and (created in the root) the OU it is moved into soon after. */
export interface Join {
  readonly id: string;
  readonly method: JoinMethod;
  /** Moved here from the root {@link PLACEMENT_DELAY_MS} after the join, as Control Tower's account factory does. */
  readonly placeIn?: string;
  /** The move's CloudTrail event is lost (never delivered). */
  readonly moveUnannounced?: boolean;
}

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
 * Accounts join the organization (with no contacts set) in the root, those with `placeIn` are moved
 * into their OU a minute later, and every event AWS sends for each join and move reaches the deployed
 * system, each at its time. Resolves once the last event is delivered.
 */
export async function joinAccounts(sim: SimulatedAws, system: DeployedSystem, joins: readonly Join[]): Promise<void> {
  const changes = new OrganizationChanges(sim, system);
  const joinedAt = sim.time.now();
  for (const { id } of joins)
    sim.model.addAccount({ id, name: `joined-${id}`, state: 'ACTIVE', joinedAt: new Date(joinedAt).toISOString(), isManagement: false });
  const schedule: Array<{ readonly at: number; readonly act: () => void }> = joins.flatMap(({ id, method, placeIn, moveUnannounced }) => [
    ...ANNOUNCEMENTS[method].map(([eventName, minutes], n) => {
      const event = newAccountEvent({
        eventName,
        accountId: id,
        joinedMethod: method === 'INVITED' ? 'Invited' : 'Created',
        eventId: `evt-join-${id}-${n}`,
      });
      return { at: joinedAt + minutes * MINUTE, act: () => system.deliverEvent(event) };
    }),
    ...(placeIn !== undefined
      ? [{ at: joinedAt + PLACEMENT_DELAY_MS, act: () => void changes.move(id, placeIn, { silently: moveUnannounced === true }) }]
      : []),
  ]);
  for (const { at, act } of schedule.sort((a, b) => a.at - b.at)) {
    if (at > sim.time.now()) await sim.time.sleep(at - sim.time.now());
    act();
  }
}
