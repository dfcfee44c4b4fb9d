import {
  ALTERNATE_CONTACT_TYPES,
  ContactKind,
  ContactOperation,
  CONTACT_OPERATIONS,
  detectContactChange,
  OnboardAccount,
  ProcessWorkItem,
  Reconcile,
  readOperation,
  RunReport,
  StartSyncFromChange,
  SyncConfig,
  syncConfigOf,
  TOKENS,
  writeOperation,
  ContactChange,
  contactWriteEvent,
} from '@contact-sync/domain';
import {
  InMemoryAuditLog,
  InMemoryMetrics,
  InMemoryNotifier,
  InMemorySyncState,
  InMemoryWorkQueue,
  OrganizationModel,
  SeededRandom,
  SimulatedAccountService,
  SimulatedOrganizationsService,
  VirtualTime,
} from '@contact-sync/adapters-memory';
import { createSimulationContainer, SIM } from './composition';
import { accountId, generateAccounts, OrganizationSpec, randomContact, seedContacts } from '@contact-sync/adapters-memory';

import { ScenarioName } from './scenarios';

export interface SimulationRequest {
  readonly scenario: ScenarioName;
  readonly organization: OrganizationSpec;
  readonly seed: number;
  /** Fraction of calls that fail with InternalServerException. */
  readonly faultRate?: number;
  readonly config?: SyncConfig;
  /** Told of progress: account-kinds with an outcome, of those targeted. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The simulator's report. */
export interface SimulationReport {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly accounts: number;
  readonly eligible: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
  readonly lost: number;
  readonly failures: Record<string, number>;
  readonly events: Record<string, number>;
  readonly runs: number;
  readonly apiCalls: Record<string, number>;
  readonly throttled: number;
  readonly retries: number;
  readonly simulatedSeconds: number;
  readonly floorSeconds: number;
  readonly efficiency: number;
  readonly outOfSync: number;
  readonly planned?: number;
  readonly notifications: { readonly total: number; readonly high: number; readonly normal: number };
  readonly auditEntries: number;
  readonly cpuMs: number;
  readonly wallMs: number;
}

const WORKERS = 4;
const SECOND = 1000;

/** Runs one scenario on a generated organization, entirely in virtual time. */
export async function runSimulation(request: SimulationRequest): Promise<SimulationReport> {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const random = new SeededRandom(request.seed);
  const accounts = generateAccounts(request.organization, random);
  const chaos = request.scenario === 'chaos';
  const faultRate = request.faultRate ?? (chaos ? 0.05 : 0);
  const accessDenied = new Set(chaos ? accounts.filter((a) => !a.isManagement && random.next() < 0.01).map((a) => a.id) : []);
  const config = request.config ?? syncConfigOf({});
  const container = createSimulationContainer({
    accounts,
    seed: request.seed + 1,
    config,
    behaviour: { transientErrorRate: faultRate, spuriousThrottleRate: chaos ? 0.02 : 0, accessDeniedAccounts: accessDenied },
  });
  const time = container.get<VirtualTime>(SIM.Time);
  const model = container.get<OrganizationModel>(SIM.Model);
  const service = container.get<SimulatedAccountService>(SIM.AccountService);
  const state = container.get<InMemorySyncState>(TOKENS.SyncState);
  const queue = container.get<InMemoryWorkQueue>(TOKENS.WorkQueue);
  const startSync = container.get<StartSyncFromChange>(TOKENS.StartSyncFromChange);
  const processItem = container.get<ProcessWorkItem>(TOKENS.ProcessWorkItem);
  seedContacts(model, request.organization, random, time.now());

  const events: Record<string, number> = {};
  const management = model.managementAccountId;
  let planned: number | undefined;

  /** The management account's contact changes, and CloudTrail tells EventBridge. */
  const changeOnManagement = (kind: ContactKind, tag: string, eventId: string) => {
    model.write(management, kind, randomContact(kind, random, tag), time.now());
    return contactWriteEvent({
      eventId,
      eventTime: new Date(time.now()).toISOString(),
      eventName: kind === 'PRIMARY' ? 'PutContactInformation' : 'PutAlternateContact',
      alternateContactType: kind === 'PRIMARY' ? undefined : kind,
      managementAccountId: management,
    });
  };
  const deliver = async (event: unknown) => {
    const change = detectContactChange(event);
    if (!change.ok) {
      events[`REJECTED_${change.error.reason}`] = (events[`REJECTED_${change.error.reason}`] ?? 0) + 1;
      return;
    }
    const result = await startSync.execute(change.value as ContactChange);
    events[result.status] = (events[result.status] ?? 0) + 1;
  };
  const drainQueue = async () => {
    const total = () => state.allRuns().reduce((n, r) => n + r.targetCount, 0);
    let done = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        for (let item = queue.take(); item; item = queue.take()) {
          const result = await processItem.execute(item);
          done += result.outcomes.length;
          request.onProgress?.(done, total());
        }
      }),
    );
  };

  const startedAt = time.now();
  await time.run(async () => {
    switch (request.scenario) {
      case 'change-security':
        await deliver(changeOnManagement('SECURITY', '.new', 'evt-security-1'));
        break;
      case 'change-primary':
        await deliver(changeOnManagement('PRIMARY', '.new', 'evt-primary-1'));
        break;
      case 'change-all':
        for (const kind of ['PRIMARY', ...ALTERNATE_CONTACT_TYPES] as ContactKind[]) await deliver(changeOnManagement(kind, '.new', `evt-${kind.toLowerCase()}-1`));
        break;
      case 'new-account': {
        const id = accountId(request.organization.members + 1);
        model.addAccount({ id, name: 'new-workload', state: 'ACTIVE', joinedAt: new Date(time.now()).toISOString(), isManagement: false });
        const result = await container.get<OnboardAccount>(TOKENS.OnboardAccount).execute({ accountId: id, eventId: 'evt-create-account-1', initiator: 'organizations.amazonaws.com' });
        events[result.status] = 1;
        break;
      }
      case 'reconcile-drift': {
        const reconcile = container.get<Reconcile>(TOKENS.Reconcile);
        const plan = await reconcile.execute({ dryRun: true, runId: 'plan-1', initiator: 'simulator' });
        planned = plan.status === 'PLANNED' ? plan.plan.pending : undefined;
        const run = await reconcile.execute({ dryRun: false, runId: 'reconcile-1', initiator: 'simulator' });
        events[run.status] = 1;
        break;
      }
      case 'chaos': {
        const first = changeOnManagement('SECURITY', '.first', 'evt-security-1');
        await time.sleep(5 * SECOND);
        const second = changeOnManagement('SECURITY', '.latest', 'evt-security-2');
        await deliver(second);
        await deliver(second);
        await deliver(first);
        await deliver(contactWriteEvent({ eventId: 'evt-member-write', memberAccountId: accountId(1), managementAccountId: management }));
        await deliver({ source: 'aws.account', detail: 'truncated' });
        break;
      }
    }
    await drainQueue();
  });
  const finishedAt = Math.max(...state.allRuns().map((r) => (r.report ? Date.parse(r.report.finishedAt) : startedAt)), startedAt);
  time.advance(10 * SECOND); // past every write's consistency delay, so that reads show the settled state
  return buildReport();

  async function outcomesOfAllRuns() {
    const all = [];
    for (const run of state.allRuns()) all.push(...(await state.listOutcomes(run.runId)));
    return all;
  }

  function buildReport(): Promise<SimulationReport> {
    return outcomesOfAllRuns().then((outcomes) => {
      const runs = state.allRuns();
      const eligible = runs.reduce((n, r) => n + r.targetCount, 0);
      const count = (status: string) => outcomes.filter((o) => o.status === status).length;
      const failures: Record<string, number> = {};
      for (const o of outcomes) if (o.status === 'FAILED') failures[o.errorCode ?? 'UNKNOWN'] = (failures[o.errorCode ?? 'UNKNOWN'] ?? 0) + 1;
      const needed = neededCalls(runs.map((r) => ({ kinds: r.kinds, targets: r.targetCount / Math.max(1, r.kinds.length) })), outcomes);
      if (planned !== undefined) for (const kind of config.kinds) needed[readOperation(kind)] += runs[0] ? runs[0].targetCount / config.kinds.length + 1 : 0;
      const floor = Math.max(0, ...CONTACT_OPERATIONS.map((op) => (needed[op] - config.rates[op].burst) / config.rates[op].ratePerSecond));
      const simulatedSeconds = (finishedAt - startedAt) / SECOND;
      const notifier = container.get<InMemoryNotifier>(TOKENS.Notifier);
      const cpu = process.cpuUsage(cpuStart);
      return {
        scenario: request.scenario,
        seed: request.seed,
        accounts: accounts.length - 1,
        eligible,
        updated: count('UPDATED'),
        unchanged: count('UNCHANGED'),
        skipped: count('SKIPPED'),
        failed: count('FAILED'),
        lost: eligible - outcomes.length,
        failures,
        events,
        runs: runs.length,
        apiCalls: { ...service.calls, ListAccounts: container.get<SimulatedOrganizationsService>(SIM.OrganizationsService).listAccountsCalls },
        throttled: service.throttled,
        retries: container.get<InMemoryMetrics>(TOKENS.Metrics).get('Retries'),
        simulatedSeconds: round(simulatedSeconds),
        floorSeconds: round(floor),
        // With no quota floor (a handful of calls) there is nothing to fall short of.
        efficiency: floor > 0 && simulatedSeconds > 0 ? round(Math.min(1, floor / simulatedSeconds), 3) : 1,
        outOfSync: countOutOfSync(model, outcomes),
        ...(planned !== undefined ? { planned } : {}),
        notifications: {
          total: notifier.sent.length,
          high: notifier.sent.filter((n) => n.priority === 'HIGH').length,
          normal: notifier.sent.filter((n) => n.priority === 'NORMAL').length,
        },
        auditEntries: container.get<InMemoryAuditLog>(TOKENS.AuditLog).all().length,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        wallMs: Math.round(performance.now() - wallStart),
      };
    });
  }
}

/** Each call the runs needed, once, without retries: the management read and one read per target, and one write per update. */
function neededCalls(runs: Array<{ kinds: readonly ContactKind[]; targets: number }>, outcomes: Array<{ status: string; kind: ContactKind; action?: string }>): Record<ContactOperation, number> {
  const needed = Object.fromEntries(CONTACT_OPERATIONS.map((op) => [op, 0])) as Record<ContactOperation, number>;
  for (const run of runs) for (const kind of run.kinds) needed[readOperation(kind)] += run.targets + 1;
  for (const o of outcomes) {
    if (o.status !== 'UPDATED') continue;
    needed[o.action === 'DELETE' ? 'DeleteAlternateContact' : writeOperation(o.kind)] += 1;
  }
  return needed;
}

/** Account-kinds that ended neither equal to the management account's latest value nor reported FAILED. */
function countOutOfSync(model: OrganizationModel, outcomes: Array<{ accountId: string; kind: ContactKind; status: string; skipReason?: string }>): number {
  const management = model.managementAccountId;
  let bad = 0;
  const latest = new Map<string, { status: string; skipReason?: string }>();
  for (const o of outcomes) latest.set(`${o.accountId}#${o.kind}`, o);
  for (const [key, o] of latest) {
    if (o.status === 'FAILED' || o.status === 'SKIPPED') continue;
    const [id, kind] = key.split('#') as [string, ContactKind];
    if (JSON.stringify(model.settled(id, kind)) !== JSON.stringify(model.settled(management, kind))) bad += 1;
  }
  return bad;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export type { RunReport };
