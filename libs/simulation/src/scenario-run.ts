import { CONTACT_KINDS, ContactKind, contactKindSpec, deletableKind, Reconcile, SyncConfigInput } from '@contact-sync/domain';
import { contactWriteEvent } from '@contact-sync/domain/testing';
import { accountId, GENERATED_UNITS, OPT_OUT_TAG, randomContact } from '@contact-sync/simulated-aws';
import { DeployedSystem } from './deployed-system';
import { joinAccounts } from './joining-accounts';
import { OrganizationChanges } from './organization-changes';
import { World } from './world';

const SECOND = 1000;

/** When the scenario's work began (virtual time), and the plan's pending account-kinds when it made one. */
export interface ScenarioRun {
  readonly startedAt: number;
  readonly planned?: number;
}

/** Makes the scenario happen on the world, and runs the deployed system in virtual time until it is quiet. */
export async function runScenario(world: World, system: DeployedSystem): Promise<ScenarioRun> {
  const { sim, request } = world;
  const onProgress = request.onProgress;
  const progress = onProgress ? setInterval(() => reportProgress(world, onProgress), 250) : undefined;
  const startedAt = sim.time.now();
  let planned: number | undefined;
  try {
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        planned = await actOut(world, system);
      }),
    );
    // What no event tells (a move whose event was lost, a member's own edit) waits for the periodic resync.
    if (request.scenario === 'reshape') await sim.time.run(() => system.runUntilQuiet(async () => system.resync('daily-resync-1')));
  } finally {
    if (progress) clearInterval(progress);
  }
  return { startedAt, ...(planned !== undefined ? { planned } : {}) };
}

/** What happens in the scenario; a plan's pending account-kinds when it makes one. */
async function actOut(world: World, system: DeployedSystem): Promise<number | undefined> {
  const change = (kind: ContactKind, tag: string, eventId: string) => changeOnManagement(world, system, kind, tag, eventId);
  switch (world.request.scenario) {
    case 'change-security':
    case 'crash':
    case 'outage':
      change('SECURITY', '.new', 'evt-security-1');
      return undefined;
    case 'change-primary':
      change('PRIMARY', '.new', 'evt-primary-1');
      return undefined;
    case 'change-all':
      for (const kind of CONTACT_KINDS) change(kind, '.new', `evt-${kind.toLowerCase()}-1`);
      return undefined;
    case 'new-account': {
      const next = (n: number) => accountId(world.request.organization.members + n);
      await joinAccounts(world.sim, system, [
        { id: next(1), method: 'CREATED' },
        { id: next(2), method: 'INVITED' },
        { id: next(3), method: 'CONTROL_TOWER' },
      ]);
      return undefined;
    }
    case 'reconcile-drift':
      return reconcileDrift(system);
    case 'overlap':
    case 'timing':
    case 'chaos':
      await overlap(world, system, world.request.scenario === 'chaos');
      return undefined;
    case 'reshape':
      await reshape(world, system);
      return undefined;
  }
}

/**
 * The management account's contact changes (visible to its own reads only after the API's delay), and
 * CloudTrail tells EventBridge. Returns the event.
 */
export function changeOnManagement(
  world: Pick<World, 'sim' | 'random'>,
  system: DeployedSystem,
  kind: ContactKind,
  tag: string,
  eventId: string,
  action: 'PUT' | 'DELETE' = 'PUT',
): Record<string, unknown> {
  const { sim, random } = world;
  // Only a kind the API can unset is ever unset (deletableKind throws for another).
  if (action === 'DELETE') deletableKind(kind);
  const management = sim.model.managementAccountId;
  const now = sim.time.now();
  sim.model.write(
    management,
    kind,
    action === 'PUT' ? randomContact(kind, random, tag) : undefined,
    now,
    sim.accountService.visibleAt(now),
  );
  system.timings.managementWritten(now);
  // CloudTrail records the call the table of kinds names for the change.
  const spec = contactKindSpec(kind);
  const eventName = action === 'DELETE' ? spec.deleteEvent : spec.putEvent;
  const event = contactWriteEvent({
    eventId,
    eventTime: new Date(now).toISOString(),
    eventName,
    alternateContactType: spec.alternateContactType,
    managementAccountId: management,
  });
  system.deliverEvent(event);
  return event;
}

/**
 * A dry-run plan of the drift (the operator's `plan`), then the scheduled reconcile's run. Either may
 * fail when the management account cannot be read (`--fault-rate 1`): a plan that failed has no count,
 * and a run whose launch failed is recorded, for the sweeper to carry on (or to stay open, reported).
 */
async function reconcileDrift(system: DeployedSystem): Promise<number | undefined> {
  const reconcile = system.operatorContainer().get(Reconcile);
  const plan = await reconcile.execute({ dryRun: true, runId: 'plan-1', initiator: 'simulator' }).catch(() => undefined);
  await reconcile.execute({ dryRun: false, runId: 'reconcile-1', initiator: 'schedule' }).catch(() => undefined);
  return plan?.status === 'PLANNED' ? plan.plan.pending : undefined;
}

/**
 * Changes that overlap: SECURITY changes, then changes again while the first run is in flight;
 * BILLING is set, then deleted. In chaos, also a duplicated and an out-of-order event, a
 * member-targeted and a malformed event, and a member suspended mid-run.
 */
async function overlap(world: World, system: DeployedSystem, chaos: boolean): Promise<void> {
  const { sim, random } = world;
  const change = (kind: ContactKind, tag: string, eventId: string, action?: 'PUT' | 'DELETE') =>
    changeOnManagement(world, system, kind, tag, eventId, action);
  const first = change('SECURITY', '.first', 'evt-security-1');
  await sim.time.sleep(20 * SECOND);
  change('BILLING', '.billing', 'evt-billing-put');
  await sim.time.sleep(40 * SECOND);
  const second = change('SECURITY', '.latest', 'evt-security-2');
  await sim.time.sleep(10 * SECOND);
  change('BILLING', '', 'evt-billing-delete', 'DELETE');
  if (!chaos) return;
  system.deliverEvent(second);
  system.deliverEvent(first);
  const managementAccountId = sim.model.managementAccountId;
  // The service's own member writes, with the request keys as AWS documents them and as a real
  // deployment showed them, and a member's own write forwarded to the management bus: none is a change.
  for (const parameterCase of ['camelCase', 'PascalCase'] as const)
    system.deliverEvent(
      contactWriteEvent({
        eventId: `evt-member-write-${parameterCase}`,
        memberAccountId: accountId(1),
        managementAccountId,
        parameterCase,
      }),
    );
  system.deliverEvent(contactWriteEvent({ eventId: 'evt-member-own-write', recordedIn: accountId(1), managementAccountId }));
  system.deliverEvent({ source: 'aws.account', detail: 'truncated' });
  await sim.time.sleep(30 * SECOND);
  const members = sim.model.listAccounts().filter((a) => !a.isManagement && a.state === 'ACTIVE');
  const suspended = members[Math.floor(random.next() * members.length)];
  if (suspended) sim.model.setState(suspended.id, 'SUSPENDED');
}

/**
 * Everything but the management account's contacts changes while a SECURITY change propagates, as
 * operators and the organization change them: dry run switched on and off, BILLING disabled (and
 * changed on the management account meanwhile) then enabled again, the Sandbox OU excluded then
 * released, members moved between OUs (the events of some moves lost) and tagged for exclusion
 * under a tag rule added on the way, accounts created by Control Tower and placed a minute later,
 * and members' admins editing their own SECURITY contact (which no event tells).
 */
async function reshape(world: World, system: DeployedSystem): Promise<void> {
  const { sim, random } = world;
  const changes = new OrganizationChanges(sim, system);
  const configure = (edit: (config: SyncConfigInput) => SyncConfigInput) => changes.configure(edit);
  const members = sim.model.listAccounts().filter((a) => !a.isManagement && a.state === 'ACTIVE');
  const some = (fraction: number) => {
    const count = Math.max(2, Math.round(members.length * fraction));
    return Array.from({ length: count }, () => members[Math.floor(random.next() * members.length)]?.id as string);
  };
  const { production, sandboxes, hackathons } = GENERATED_UNITS;
  changeOnManagement(world, system, 'SECURITY', '.new', 'evt-security-1');
  await sim.time.sleep(20 * SECOND);
  await configure((c) => ({ ...c, dryRun: true }));
  await sim.time.sleep(30 * SECOND);
  await configure((c) => ({ ...c, dryRun: false }));
  await configure((c) => ({ ...c, kinds: (c.kinds ?? CONTACT_KINDS).filter((k) => k !== 'BILLING') }));
  changeOnManagement(world, system, 'BILLING', '.while-disabled', 'evt-billing-1');
  await configure((c) => ({ ...c, excludedOrganizationalUnits: [sandboxes] }));
  for (const [n, id] of some(0.01).entries()) changes.move(id, n % 2 === 0 ? hackathons : production, { silently: n % 3 === 0 });
  await configure((c) => ({ ...c, excludedTags: [{ ...OPT_OUT_TAG }] }));
  for (const id of some(0.01)) changes.tag(id, { [OPT_OUT_TAG.key]: OPT_OUT_TAG.value });
  for (const id of some(0.005)) changes.editOnMember(id, 'SECURITY', randomContact('SECURITY', random, '.own-edit'));
  const next = (n: number) => accountId(world.request.organization.members + n);
  void joinAccounts(sim, system, [
    { id: next(1), method: 'CONTROL_TOWER', placeIn: production },
    { id: next(2), method: 'CONTROL_TOWER', placeIn: sandboxes },
    { id: next(3), method: 'CONTROL_TOWER', placeIn: production, moveUnannounced: true },
  ]);
  await sim.time.sleep(60 * SECOND);
  await configure((c) => ({ ...c, kinds: [...CONTACT_KINDS] }));
  for (const id of some(0.005)) changes.untag(id, [OPT_OUT_TAG.key]);
  await sim.time.sleep(60 * SECOND);
  await configure((c) => ({ ...c, excludedOrganizationalUnits: [] }));
}

/** Tells the requester how many targeted account-kinds have their outcome, of all the runs' targets so far. */
function reportProgress(world: World, onProgress: (done: number, total: number) => void): void {
  const { done, total } = world.sim.syncState.progress();
  onProgress(done, total);
}
