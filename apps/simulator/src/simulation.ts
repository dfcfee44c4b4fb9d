import {
  ALTERNATE_CONTACT_TYPES,
  ContactKind,
  ContactOperation,
  CONTACT_OPERATIONS,
  contactWriteEvent,
  readOperation,
  Reconcile,
  SyncConfig,
  syncConfigOf,
  TOKENS,
  writeOperation,
  AccountOutcome,
  heldKinds,
  skipDetail,
  TARGETING_SKIP_REASONS,
} from '@contact-sync/domain';
import {
  accountId,
  createSimulatedAws,
  generateAccounts,
  generateStructure,
  OrganizationSpec,
  randomContact,
  SeededRandom,
  seedContacts,
  SimulatedAws,
} from '@contact-sync/adapters-memory';
import { AWS_DELIVERY, DeliveryModel, DeployedSystem } from './deployed-system';
import { settle } from './invariants';
import { joinAccounts } from './joining-accounts';
import { CRASH_RATES, ScenarioName } from './scenarios';

export interface SimulationRequest {
  readonly scenario: ScenarioName;
  readonly organization: OrganizationSpec;
  readonly seed: number;
  /** Fraction of calls that fail with InternalServerException. */
  readonly faultRate?: number;
  readonly config?: SyncConfig;
  /** How work is delivered; AWS's behaviour by default. */
  readonly delivery?: Partial<DeliveryModel>;
  /** Told of progress: account-kinds with an outcome, of those targeted. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The simulator's report. */
export interface SimulationReport {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly accounts: number;
  readonly delivery: { readonly model: 'aws' | 'ideal'; readonly workerConcurrency: number };
  readonly eligible: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  /** Skipped account-kinds by reason and rule (`EXCLUDED_BY_OU ou-sim0-sandboxes`). */
  readonly skippedBy: Record<string, number>;
  readonly superseded: number;
  readonly failed: number;
  readonly lost: number;
  readonly outOfSync: number;
  readonly stuckRuns: number;
  readonly auditMismatches: number;
  readonly mistargeted: number;
  readonly failures: Record<string, number>;
  readonly events: Record<string, number>;
  readonly runs: number;
  readonly redelivered: number;
  readonly crashes: number;
  readonly deadLettered: number;
  readonly failedEvents: number;
  readonly apiCalls: Record<string, number>;
  readonly throttled: number;
  readonly retries: number;
  readonly simulatedSeconds: number;
  readonly floorSeconds: number;
  readonly efficiency: number;
  readonly longestInvocationSeconds: number;
  readonly planned?: number;
  readonly notifications: { readonly total: number; readonly high: number; readonly normal: number };
  readonly auditEntries: number;
  readonly cpuMs: number;
  readonly wallMs: number;
}

const SECOND = 1000;
const KINDS: ContactKind[] = ['PRIMARY', ...ALTERNATE_CONTACT_TYPES];

/** Runs one scenario on a generated organization, entirely in virtual time, under the delivery model. */
export async function runSimulation(request: SimulationRequest): Promise<SimulationReport> {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const random = new SeededRandom(request.seed);
  const accounts = generateAccounts(request.organization, random);
  const chaos = request.scenario === 'chaos';
  const crashes = chaos || request.scenario === 'crash';
  const faultRate = request.faultRate ?? (chaos ? 0.05 : 0);
  const refusing = new Set(chaos ? accounts.filter((a) => !a.isManagement && random.next() < 0.01).map((a) => a.id) : []);
  const overlapping = chaos || request.scenario === 'overlap';
  const config = request.config ?? syncConfigOf(overlapping ? { propagateDeletions: true } : {});
  const startMs = Date.UTC(2026, 10, 22, 9, 0, 0);
  const outage: Array<[number, number]> = request.scenario === 'outage' ? [[startMs + 60 * SECOND, startMs + 70 * SECOND]] : [];
  const sim = createSimulatedAws({
    accounts,
    seed: request.seed + 1,
    config,
    behaviour: { transientErrorRate: faultRate, spuriousThrottleRate: chaos ? 0.02 : 0, accessDeniedAccounts: refusing, outages: outage },
  });
  seedContacts(sim.model, request.organization, random, sim.time.now());
  // Its own draws, so that the accounts and contacts above are those of the same seed before OUs existed.
  generateStructure(sim.model, new SeededRandom(request.seed + 2));
  const model: DeliveryModel = {
    ...AWS_DELIVERY,
    ...(crashes ? { crashRates: CRASH_RATES, sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0.05 }, eventDuplicateRate: 0.1 } : {}),
    ...request.delivery,
  };
  const system = new DeployedSystem(sim, config.rates, model, async () => (await sim.syncState.listOpenRuns()).length === 0);
  const management = sim.model.managementAccountId;
  let planned: number | undefined;

  /** The management account's contact changes (visible to its own reads only after the API's delay), and CloudTrail tells EventBridge. */
  const change = (kind: ContactKind, tag: string, eventId: string, action: 'PUT' | 'DELETE' = 'PUT') => {
    const now = sim.time.now();
    sim.model.write(
      management,
      kind,
      action === 'PUT' ? randomContact(kind, random, tag) : undefined,
      now,
      sim.accountService.visibleAt(now),
    );
    const eventName = action === 'DELETE' ? 'DeleteAlternateContact' : kind === 'PRIMARY' ? 'PutContactInformation' : 'PutAlternateContact';
    const event = contactWriteEvent({
      eventId,
      eventTime: new Date(now).toISOString(),
      eventName,
      alternateContactType: kind === 'PRIMARY' ? undefined : kind,
      managementAccountId: management,
    });
    system.deliverEvent(event);
    return event;
  };

  const progress = request.onProgress
    ? setInterval(() => void reportProgress(sim, request.onProgress as (d: number, t: number) => void), 250)
    : undefined;
  const startedAt = sim.time.now();
  try {
    await sim.time.run(() =>
      system.runUntilQuiet(async () => {
        switch (request.scenario) {
          case 'change-security':
          case 'crash':
          case 'outage':
            change('SECURITY', '.new', 'evt-security-1');
            break;
          case 'change-primary':
            change('PRIMARY', '.new', 'evt-primary-1');
            break;
          case 'change-all':
            for (const kind of KINDS) change(kind, '.new', `evt-${kind.toLowerCase()}-1`);
            break;
          case 'new-account': {
            const next = (n: number) => accountId(request.organization.members + n);
            await joinAccounts(sim, system, [
              { id: next(1), method: 'CREATED' },
              { id: next(2), method: 'INVITED' },
              { id: next(3), method: 'CONTROL_TOWER' },
            ]);
            break;
          }
          case 'reconcile-drift': {
            planned = await reconcileDrift(system);
            break;
          }
          case 'overlap':
          case 'chaos':
            await overlap(sim, system, change, chaos, random);
            break;
        }
      }),
    );
  } finally {
    if (progress) clearInterval(progress);
  }
  const finishedAt = Math.max(startedAt, ...sim.syncState.allRuns().map((r) => (r.report ? Date.parse(r.report.finishedAt) : startedAt)));
  const { runs, outcomes, targets, invariants } = await settle(sim, system.applied, refusing);
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const skippedBy: Record<string, number> = {};
  for (const o of outcomes) {
    const detail = o.status === 'SKIPPED' ? skipDetail(o) : undefined;
    if (detail !== undefined) skippedBy[detail] = (skippedBy[detail] ?? 0) + 1;
  }
  const leftOut = outcomes.filter((o) => (TARGETING_SKIP_REASONS as readonly string[]).includes(o.skipReason ?? '')).length;
  const eligible = runs.reduce((n, r) => n + r.targetCount, 0) - leftOut;
  const failures: Record<string, number> = {};
  for (const o of outcomes) if (o.status === 'FAILED') failures[o.errorCode ?? 'UNKNOWN'] = (failures[o.errorCode ?? 'UNKNOWN'] ?? 0) + 1;
  const needed = neededCalls(
    runs.map((r) => ({ kinds: heldKinds(r), targets: (targets.get(r.runId) ?? []).length })),
    outcomes,
  );
  if (planned !== undefined) for (const kind of config.kinds) needed[readOperation(kind)] += (targets.get('reconcile-1') ?? []).length + 1;
  const floor = Math.max(0, ...CONTACT_OPERATIONS.map((op) => (needed[op] - config.rates[op].burst) / config.rates[op].ratePerSecond));
  const simulatedSeconds = (finishedAt - startedAt) / SECOND;
  const sent = sim.notifier.sent;
  const cpu = process.cpuUsage(cpuStart);
  return {
    scenario: request.scenario,
    seed: request.seed,
    accounts: accounts.length - 1,
    delivery: { model: model.ideal ? 'ideal' : 'aws', workerConcurrency: model.ideal ? 1 : model.workerConcurrency },
    eligible,
    updated: count('UPDATED'),
    unchanged: count('UNCHANGED'),
    skipped: count('SKIPPED'),
    skippedBy: Object.fromEntries(Object.entries(skippedBy).sort(([a], [b]) => a.localeCompare(b))),
    superseded: count('SUPERSEDED'),
    failed: count('FAILED'),
    ...invariants,
    failures,
    events: system.stats.events,
    runs: runs.length,
    redelivered: system.queue.stats.redelivered + system.queue.stats.duplicated + system.stats.eventsDuplicated,
    crashes: system.stats.crashes,
    deadLettered: system.queue.stats.deadLettered,
    failedEvents: system.stats.failedEvents,
    apiCalls: {
      ...sim.accountService.calls,
      ListAccounts: sim.organizationsService.listAccountsCalls,
      ...Object.fromEntries(Object.entries(sim.organizationsService.calls).filter(([, n]) => n > 0)),
    },
    throttled: sim.accountService.throttled + sim.organizationsService.throttled,
    retries: sim.metrics.get('Retries'),
    simulatedSeconds: round(simulatedSeconds),
    floorSeconds: round(floor),
    // With no quota floor (a handful of calls) there is nothing to fall short of.
    efficiency: floor > 0 && simulatedSeconds > 0 ? round(Math.min(1, floor / simulatedSeconds), 3) : 1,
    longestInvocationSeconds: round(system.stats.longestInvocationMs / SECOND),
    ...(planned !== undefined ? { planned } : {}),
    notifications: {
      total: sent.length,
      high: sent.filter((n) => n.priority === 'HIGH').length,
      normal: sent.filter((n) => n.priority === 'NORMAL').length,
    },
    auditEntries: sim.auditLog.all().length,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    wallMs: Math.round(performance.now() - wallStart),
  };
}

/** A dry-run plan of the drift (the operator's `plan`), then the scheduled reconcile's run. */
async function reconcileDrift(system: DeployedSystem): Promise<number | undefined> {
  const reconcile = system.operatorContainer().get<Reconcile>(TOKENS.Reconcile);
  const plan = await reconcile.execute({ dryRun: true, runId: 'plan-1', initiator: 'simulator' });
  await reconcile.execute({ dryRun: false, runId: 'reconcile-1', initiator: 'schedule' });
  return plan.status === 'PLANNED' ? plan.plan.pending : undefined;
}

/**
 * Changes that overlap: SECURITY changes, then changes again while the first run is in flight;
 * BILLING is set, then deleted. In chaos, also a duplicated and an out-of-order event, a
 * member-targeted and a malformed event, and a member suspended mid-run.
 */
async function overlap(
  sim: SimulatedAws,
  system: DeployedSystem,
  change: (kind: ContactKind, tag: string, eventId: string, action?: 'PUT' | 'DELETE') => Record<string, unknown>,
  chaos: boolean,
  random: SeededRandom,
): Promise<void> {
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
  system.deliverEvent(
    contactWriteEvent({ eventId: 'evt-member-write', memberAccountId: accountId(1), managementAccountId: sim.model.managementAccountId }),
  );
  system.deliverEvent({ source: 'aws.account', detail: 'truncated' });
  await sim.time.sleep(30 * SECOND);
  const members = sim.model.listAccounts().filter((a) => !a.isManagement && a.state === 'ACTIVE');
  const suspended = members[Math.floor(random.next() * members.length)];
  if (suspended) sim.model.setState(suspended.id, 'SUSPENDED');
}

async function reportProgress(sim: SimulatedAws, onProgress: (done: number, total: number) => void): Promise<void> {
  const runs = sim.syncState.allRuns();
  let done = 0;
  for (const run of runs) done += run.report ? run.targetCount : 0;
  onProgress(
    done,
    runs.reduce((n, r) => n + r.targetCount, 0),
  );
}

/** Each call the runs needed, once, without retries: the management read and one read per target, and one write per update. */
function neededCalls(
  runs: Array<{ kinds: readonly ContactKind[]; targets: number }>,
  outcomes: readonly AccountOutcome[],
): Record<ContactOperation, number> {
  const needed = Object.fromEntries(CONTACT_OPERATIONS.map((op) => [op, 0])) as Record<ContactOperation, number>;
  for (const run of runs) for (const kind of run.kinds) needed[readOperation(kind)] += run.targets + 1;
  for (const o of outcomes) {
    if (o.status !== 'UPDATED') continue;
    needed[o.action === 'DELETE' ? 'DeleteAlternateContact' : writeOperation(o.kind)] += 1;
  }
  return needed;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
