import {
  AccountOutcome,
  CONTACT_OPERATIONS,
  ContactKind,
  ContactOperation,
  heldKinds,
  isVerificationRun,
  readOperation,
  removeOperation,
  skipCounts,
  TARGETING_SKIP_REASONS,
  writeOperation,
} from '@contact-sync/domain';
import { DeployedSystem } from './deployed-system';
import { settle } from './invariants';
import { ScenarioName, TimingHazard } from './scenarios';
import { ScenarioRun } from './scenario-run';
import { World } from './world';

/** The simulator's report. */
export interface SimulationReport {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly accounts: number;
  readonly delivery: { readonly model: 'aws' | 'ideal'; readonly workerConcurrency: number };
  /** The hostile timings that were on, and how often each struck. */
  readonly timing: {
    readonly hazards: readonly TimingHazard[];
    /** Account Management requests held up by a latency tail (landing up to 5 minutes after they were sent). */
    readonly latencyTails: number;
    /** Account Management responses lost after their request took effect. */
    readonly lostResponses: number;
    /** CloudTrail events whose eventTime was skewed from the functions' clocks. */
    readonly skewedEvents: number;
  };
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
  readonly wronglyWritten: number;
  readonly stuckRuns: number;
  readonly auditMismatches: number;
  readonly mistargeted: number;
  readonly failures: Record<string, number>;
  readonly events: Record<string, number>;
  /** Runs other than verifications: the counters above are theirs. */
  readonly runs: number;
  /** Runs that read members again after a write in doubt had landed, their account-kinds, and those they had to write again. */
  readonly verification: { readonly runs: number; readonly accountKinds: number; readonly updated: number };
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
  /**
   * Simulated seconds from the first change written on the management account to the first member
   * write the API applied (the event's delivery, the launch and any wait before writing); null when
   * the scenario wrote no change on the management account or no member was written.
   */
  readonly firstWriteSeconds: number | null;
  /**
   * Simulated seconds from the last member write the API applied to the last notification sent;
   * null when nothing was written or notified. Negative when a write in flight landed after it.
   */
  readonly tailSeconds: number | null;
  readonly planned?: number;
  readonly notifications: { readonly total: number; readonly high: number; readonly normal: number };
  readonly auditEntries: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Present when the simulation was stopped before the system was quiet: a partial report. */
  readonly interrupted?: true;
}

/** What the simulation cost the machine running it. */
export interface Cost {
  readonly cpuMs: number;
  readonly wallMs: number;
}

const SECOND = 1000;

/** Reads the quiet system: its outcomes and promises, the calls it made against those it needed, and what it cost. */
export async function collectReport(world: World, system: DeployedSystem, run: ScenarioRun, cost: () => Cost): Promise<SimulationReport> {
  const { sim, request, config } = world;
  // A run still open (stopped early, or one that could never finish) ran until the simulation ended.
  const finishedAt = Math.max(
    run.startedAt,
    ...sim.syncState.allRuns().map((r) => (r.report ? Date.parse(r.report.finishedAt) : sim.time.now())),
  );
  const settled = await settle(sim, system, world.refusing);
  const { targets, invariants } = settled;
  // Verification runs re-read members after writes in doubt: counted apart, so that the counters say what the changes needed.
  const verifying = new Set(settled.runs.filter(isVerificationRun).map((r) => r.runId));
  const runs = settled.runs.filter((r) => !verifying.has(r.runId));
  const outcomes = settled.outcomes.filter((o) => !verifying.has(o.runId));
  const verified = settled.outcomes.filter((o) => verifying.has(o.runId));
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  const leftOut = outcomes.filter((o) => (TARGETING_SKIP_REASONS as readonly string[]).includes(o.skipReason ?? '')).length;
  const eligible = runs.reduce((n, r) => n + r.targetCount, 0) - leftOut;
  const failures: Record<string, number> = {};
  for (const o of outcomes) if (o.status === 'FAILED') failures[o.errorCode ?? 'UNKNOWN'] = (failures[o.errorCode ?? 'UNKNOWN'] ?? 0) + 1;
  const needed = neededCalls(
    settled.runs.map((r) => ({ kinds: heldKinds(r), targets: (targets.get(r.runId) ?? []).length })),
    settled.outcomes,
  );
  if (run.planned !== undefined)
    for (const kind of config.kinds) needed[readOperation(kind)] += (targets.get('reconcile-1') ?? []).length + 1;
  const floor = Math.max(0, ...CONTACT_OPERATIONS.map((op) => (needed[op] - config.rates[op].burst) / config.rates[op].ratePerSecond));
  const simulatedSeconds = (finishedAt - run.startedAt) / SECOND;
  const sent = sim.notifier.sent;
  const model = system.model;
  // The HTML report's tables and lines agree with the counters: verification runs are in `verification` only.
  request.observe?.({
    runs,
    outcomes,
    startedAtMs: run.startedAt,
    timeline: sim.timeline.snapshot(),
    quotas: sim.accountService.behaviour.quotas,
  });
  return {
    scenario: request.scenario,
    seed: request.seed,
    accounts: world.accounts.length - 1,
    delivery: { model: model.ideal ? 'ideal' : 'aws', workerConcurrency: model.ideal ? 1 : model.workerConcurrency },
    timing: {
      hazards: world.timing,
      latencyTails: sim.accountService.latencyTails,
      lostResponses: sim.accountService.lostResponses,
      skewedEvents: system.skewedEvents,
    },
    eligible,
    updated: count('UPDATED'),
    unchanged: count('UNCHANGED'),
    skipped: count('SKIPPED'),
    skippedBy: skipCounts(outcomes),
    superseded: count('SUPERSEDED'),
    failed: count('FAILED'),
    ...invariants,
    failures,
    events: system.stats.events,
    runs: runs.length,
    verification: { runs: verifying.size, accountKinds: verified.length, updated: verified.filter((o) => o.status === 'UPDATED').length },
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
    ...system.timings.measure(system.applied),
    ...(run.planned !== undefined ? { planned: run.planned } : {}),
    notifications: {
      total: sent.length,
      high: sent.filter((n) => n.priority === 'HIGH').length,
      normal: sent.filter((n) => n.priority === 'NORMAL').length,
    },
    auditEntries: sim.auditLog.all().length,
    ...cost(),
    ...(request.stop?.aborted ? { interrupted: true as const } : {}),
  };
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
    needed[o.action === 'DELETE' ? removeOperation(o.kind) : writeOperation(o.kind)] += 1;
  }
  return needed;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
