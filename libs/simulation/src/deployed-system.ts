import { Container } from 'inversify';
import {
  configClaimIdFor,
  configRunIdFor,
  ContactFingerprints,
  DEFAULT_SWEEP_OPTIONS,
  LaunchOptions,
  launchOptionsFor,
  NotifierPort,
  ProcessWorkItem,
  ResilientContacts,
  RateSettings,
  shareRateSettings,
  tagReadLimitFor,
} from '@contact-sync/domain';
import {
  DEPLOYMENT,
  FunctionDefinition,
  FunctionName,
  FUNCTIONS,
  functionGrants,
  Grants,
  invokeFunction,
  InvocationSetting,
  UseCaseClasses,
  UseCaseOf,
} from '@contact-sync/functions';
import {
  CrashPlan,
  ExecutionEnvironment,
  ModelMark,
  OrganizationModel,
  SimulatedAccountService,
  SimulatedCrash,
  SimulatedOrganizationsService,
  SimulatedSqsFailedEvents,
  SimulatedSqsQueue,
  SimulatedSqsWorkQueue,
  SqsBehaviour,
} from '@contact-sync/simulated-aws';
import { InMemorySyncConfig } from '@contact-sync/adapters-memory';
import { RunTimings } from './run-timings';
import { AppliedWrite, WriteLedger } from './write-ledger';
import { retryClockOf, SimulatedPorts, simulatedOrganizationsClient } from '@contact-sync/composition';
import { AwsOrganization } from '@contact-sync/adapters-aws';
import { createFunctionContainer } from './composition';
import { routeEvent, StartFunctionName } from './event-routes';
import { functionLogger, lambdaContext, sqsEvent } from './simulated-lambda';
import { leftOutBy } from './targeting-check';

/** How the deployed system is delivered its work: the stack's settings and AWS's behaviour. */
export interface DeliveryModel {
  /** The work queue's event source maximum concurrency: each worker is its own Lambda environment. */
  readonly workerConcurrency: number;
  /** One limiter shared by every worker, and nothing redelivered or crashing: the kind world, for comparison. */
  readonly ideal: boolean;
  /** Records the event source hands one worker invocation. */
  readonly batchSize: number;
  /** Each function's timeout: Lambda stops an invocation that runs longer. */
  readonly timeoutsMs: Readonly<Record<FunctionName, number>>;
  /** The work queue. */
  readonly sqs: SqsBehaviour;
  /** The start functions' failure destination, which the sweep replays. */
  readonly failedEventsQueue: SqsBehaviour;
  /** Fraction of events EventBridge delivers twice. */
  readonly eventDuplicateRate: number;
  /** How long after the management account's write CloudTrail's event reaches the function, uniform in [min, max]. */
  readonly eventDelayMs: readonly [number, number];
  /**
   * How far CloudTrail's `eventTime` is from the functions' clocks, uniform in [min, max] ms, drawn
   * once for each event (every delivery of it carries the same time); negative is behind.
   */
  readonly eventTimeSkewMs: readonly [number, number];
  /** Waits before Lambda's two retries of a failed asynchronous invocation. */
  readonly asyncRetryDelaysMs: readonly number[];
  readonly sweepIntervalMs: number;
  readonly crashRates: Readonly<Record<string, number>>;
  /** How launches cut runs into work items and fence their writes; as the stack sets them for `workerConcurrency` when absent. */
  readonly launch?: LaunchOptions;
  /** The simulation gives up after this much virtual time and reports what is still open. */
  readonly maxSimulatedMs: number;
}

/**
 * Lambda's waits before each retry of a failed asynchronous invocation: a minute, then twice as long
 * (before the random spread the delivery adds), for as many retries as the stack allows.
 */
const lambdaRetryDelaysMs = (retries: number): number[] => Array.from({ length: retries }, (_, n) => 60_000 * 2 ** n);

/**
 * The stack's settings with SQS and EventBridge as AWS documents them. Every number the stack sets
 * (timeouts, batch size, the queues, the retries, the sweep's schedule) is the deployment's
 * (`DEPLOYMENT`, which serverless.yml reads); a spec of the packaged stack holds them equal.
 */
export const AWS_DELIVERY: DeliveryModel = Object.freeze<DeliveryModel>({
  workerConcurrency: DEPLOYMENT.defaultWorkerConcurrency,
  ideal: false,
  batchSize: DEPLOYMENT.workerBatchSize,
  timeoutsMs: DEPLOYMENT.timeoutMs,
  sqs: { ...DEPLOYMENT.workQueue, duplicateRate: 0.01 },
  failedEventsQueue: { ...DEPLOYMENT.failedEventsQueue, duplicateRate: 0 },
  eventDuplicateRate: 0.01,
  eventDelayMs: [500, 5_000],
  eventTimeSkewMs: [0, 0],
  asyncRetryDelaysMs: lambdaRetryDelaysMs(DEPLOYMENT.asyncRetries),
  sweepIntervalMs: DEPLOYMENT.sweepIntervalMs,
  crashRates: {},
  maxSimulatedMs: 7 * 86_400_000,
});

/** The start functions by name, as EventBridge invokes them: each answers a status, and why it ignored an event. */
const START_FUNCTIONS = FUNCTIONS as unknown as Readonly<
  Record<StartFunctionName, FunctionDefinition<UseCaseClasses, unknown, { readonly status: string; readonly reason?: string }>>
>;

/** The event source mapping's ReceiveMessage wait (WaitTimeSeconds 20, the most SQS allows). */
const LONG_POLL_MS = 20_000;

/** The run a write outside any worker is attributed to: none, so no audit entry matches it. */
const NO_RUN = '(none)';

/** The simulated AWS a system is deployed on: its ports, and the service and state the checks read beside them. */
export type DeployedServices = Omit<SimulatedPorts, 'workQueue' | 'failedEvents' | 'syncConfig'> & {
  readonly accountService: SimulatedAccountService;
  readonly organizationsService: SimulatedOrganizationsService;
  readonly model: OrganizationModel;
  readonly syncConfig: InMemorySyncConfig;
};

/** Where the world stood when the system was deployed: what changed after it is what the system owes (see `outOfSync`). */
export interface Baseline {
  readonly mark: ModelMark;
  /** How many configurations were stored before (the last of them is the one in force then). */
  readonly configsBefore: number;
}

/** What the delivery did. */
export interface DeliveryStats {
  invocations: number;
  crashes: number;
  handlerErrors: number;
  timeouts: number;
  eventDeliveries: number;
  eventsDuplicated: number;
  failedEvents: number;
  longestInvocationMs: number;
  /** The longest invocation of a start function or the sweeper (each under its timeout), workers left out. */
  longestStartMs: number;
  events: Record<string, number>;
}

interface Environment {
  readonly env: ExecutionEnvironment;
  readonly container: Container;
  /** What IAM lets the environment's function do (undefined: the operator's, allowed everything). */
  readonly grants: Grants | undefined;
  /** The environment's worker for each run's items (see {@link DeployedSystem.workerFor}). */
  readonly workers: Map<string, ProcessWorkItem>;
}

/**
 * The deployed system, simulated as AWS runs it: EventBridge invokes the start functions
 * asynchronously (at least once, retried twice, then the failure destination); SQS hands work items
 * to up to `workerConcurrency` Lambda environments, unordered and at least once; each environment has
 * its own share of the quotas and can die anywhere; a scheduled sweeper runs every few minutes.
 */
export class DeployedSystem {
  readonly queue: SimulatedSqsQueue;
  readonly failedEvents: SimulatedSqsFailedEvents;
  /** Every member contact write the API applied for this system (see {@link WriteLedger}). */
  readonly applied: readonly AppliedWrite[];
  /** When changes were written on the management account and notifications were sent, seen from outside the functions. */
  readonly timings: RunTimings;
  readonly baseline: Baseline;
  readonly stats: DeliveryStats = {
    invocations: 0,
    crashes: 0,
    handlerErrors: 0,
    timeouts: 0,
    eventDeliveries: 0,
    eventsDuplicated: 0,
    failedEvents: 0,
    longestInvocationMs: 0,
    longestStartMs: 0,
    events: {},
  };
  private readonly crashPlan?: CrashPlan;
  private pendingEvents = 0;
  private environments = 0;
  private stopped = false;
  private stopRequested = false;
  private deployed = false;
  private sharedWorker?: Environment;
  private readonly ledger: WriteLedger;
  /** The notification topic as the functions call it: the notifier, and when each notification was accepted. */
  private readonly notifier: NotifierPort;
  /** Each CloudTrail event's skew, by its id: every delivery of an event carries the same eventTime. */
  private readonly skews = new Map<string, number>();

  constructor(
    private readonly services: DeployedServices,
    private readonly rates: RateSettings,
    readonly model: DeliveryModel,
    /**
     * Each function's grants: its Account Management and Organizations calls are refused, as IAM
     * refuses them, when its role does not grant them. The stack's roles unless a spec takes one away.
     */
    private readonly grantsOf: (name: FunctionName) => Grants = functionGrants,
  ) {
    this.baseline = { mark: services.model.mark(), configsBefore: services.syncConfig.history.length - 1 };
    this.ledger = new WriteLedger(
      services.accountService,
      services,
      (accountId, kind) => leftOutBy(services.syncConfig.stored.config, services.model.tree, accountId, kind),
      new ContactFingerprints(services.keyedHash),
    );
    this.applied = this.ledger.applied;
    this.timings = new RunTimings(services.time);
    this.notifier = this.timings.observe(services.notifier);
    this.failedEvents = new SimulatedSqsFailedEvents(services.time, services.random, model.failedEventsQueue);
    this.queue = new SimulatedSqsQueue(services.time, services.random, model.ideal ? { ...model.sqs, duplicateRate: 0 } : model.sqs);
    if (!model.ideal && Object.keys(model.crashRates).length > 0) {
      this.crashPlan = { random: services.random, rates: model.crashRates, onCrash: () => (this.stats.crashes += 1) };
    }
  }

  /**
   * An environment for work an operator starts by hand (the CLI's reconcile), with the full quotas. The
   * operator's credentials are their own, not a role of the stack: they are allowed every call.
   */
  operatorContainer(): Container {
    return this.newEnvironment(this.rates, undefined).container;
  }

  /**
   * CloudTrail's event of a management-account write reaches EventBridge, which invokes the start
   * function its rules route it to (see {@link routeEvent}); an event no rule takes reaches none.
   */
  deliverEvent(recorded: unknown): void {
    const route = routeEvent(recorded);
    if (route === undefined) {
      this.stats.events['NO_RULE'] = (this.stats.events['NO_RULE'] ?? 0) + 1;
      return;
    }
    const event = this.skewed(recorded);
    const copies = !this.model.ideal && this.services.random.next() < this.model.eventDuplicateRate ? 2 : 1;
    if (copies === 2) this.stats.eventsDuplicated += 1;
    for (let i = 0; i < copies; i += 1) {
      this.pendingEvents += 1;
      void this.invokeAsync(route, event).finally(() => (this.pendingEvents -= 1));
    }
  }

  /**
   * The event with its `eventTime` (and the envelope's `time`) as a CloudTrail whose clock is off by the
   * model's skew would stamp it; as it is when there is no skew or no event id.
   */
  private skewed(event: unknown): unknown {
    const [min, max] = this.model.eventTimeSkewMs;
    if (min === 0 && max === 0) return event;
    const detail = (event as { detail?: { eventID?: unknown; eventTime?: unknown } } | undefined)?.detail;
    if (typeof detail?.eventID !== 'string' || typeof detail.eventTime !== 'string') return event;
    let skew = this.skews.get(detail.eventID);
    if (skew === undefined) {
      skew = Math.round(min + this.services.random.next() * (max - min));
      this.skews.set(detail.eventID, skew);
    }
    const at = Date.parse(detail.eventTime);
    if (Number.isNaN(at)) return event;
    const eventTime = new Date(at + skew).toISOString();
    return { ...(event as object), time: eventTime, detail: { ...detail, eventTime } };
  }

  /** CloudTrail events whose eventTime was skewed (each counted once, however often delivered). */
  get skewedEvents(): number {
    return this.skews.size;
  }

  /** Ends {@link runUntilQuiet} at its next sweep (an operator's Ctrl-C): what is done is reported, the rest stays open. */
  requestStop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs the workers and the sweeper until nothing is left to do (or the time limit, or a stop
   * request). The configuration stored when the system first runs is the one it was deployed with:
   * its version is claimed as `config set` claims the versions it stores, so that only later
   * versions start runs.
   */
  async runUntilQuiet(work: () => Promise<void>): Promise<void> {
    if (!this.deployed) {
      this.deployed = true;
      const { version } = await this.services.syncConfig.load();
      if (version > 0) await this.services.syncState.claimEvent(configClaimIdFor(version), configRunIdFor(version));
    }
    // Runs again after a quiet spell (a resync after the quiet): the workers poll again.
    this.stopped = false;
    const startedAt = this.services.time.now();
    const slots = this.model.ideal ? 4 : this.model.workerConcurrency;
    const pollers = Array.from({ length: slots }, () => this.poll());
    await work();
    for (;;) {
      await this.services.time.sleep(this.model.sweepIntervalMs);
      await this.sweep();
      if (this.stopRequested || (await this.quiet())) break;
      if (this.services.time.now() - startedAt > this.model.maxSimulatedMs) break;
    }
    this.stopped = true;
    await Promise.all(pollers);
  }

  private async quiet(): Promise<boolean> {
    if (this.queue.size > 0 || this.pendingEvents > 0 || this.failedEvents.size > 0) return false;
    if ((await this.services.syncState.listOpenRuns()).length > 0) return false;
    // A write in doubt is verified once it is due, by a run the sweeper starts: not quiet before.
    return (await this.services.syncState.dueDoubts(Number.MAX_SAFE_INTEGER, 1)).length === 0;
  }

  private async invokeAsync(route: StartFunctionName, event: unknown): Promise<void> {
    const [min, max] = this.model.eventDelayMs;
    await this.services.time.sleep(min + this.services.random.next() * (max - min));
    for (let attempt = 0; attempt <= this.model.asyncRetryDelaysMs.length; attempt += 1) {
      if (attempt > 0)
        await this.services.time.sleep((this.model.asyncRetryDelaysMs[attempt - 1] as number) * (1 + this.services.random.next() * 0.2));
      this.stats.eventDeliveries += 1;
      const invoked = await this.invoke(this.newEnvironment(this.rates, this.grantsOf(route)), route, START_FUNCTIONS[route], event);
      // What the function answered, as the simulation counts it: a rejected event by its reason.
      if (invoked.answer !== undefined) {
        const { status, reason } = invoked.answer;
        const counted = status === 'IGNORED' ? `REJECTED_${reason}` : status;
        this.stats.events[counted] = (this.stats.events[counted] ?? 0) + 1;
      }
      if (invoked.ok) return;
    }
    this.stats.failedEvents += 1;
    this.failedEvents.add(event);
  }

  /**
   * The periodic resync's schedule fires (EventBridge's `Scheduled Event`): the scheduled reconcile
   * function is invoked as asynchronously as the others, with the same retries and failure destination.
   */
  resync(scheduleId: string): void {
    this.deliverEvent({ id: scheduleId, source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
  }

  /** The sweep's schedule fires: the sweep function runs in an environment of its own, as Lambda runs it. */
  private async sweep(): Promise<void> {
    const schedule = { id: `sweep-${this.services.time.now()}`, source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} };
    await this.invoke(this.newEnvironment(this.rates, this.grantsOf('sweepRuns')), 'sweepRuns', FUNCTIONS.sweepRuns, schedule);
  }

  /** One worker slot of the event source mapping: receives batches and invokes the worker on them. */
  private async poll(): Promise<void> {
    const share = this.model.ideal ? this.rates : shareRateSettings(this.rates, this.model.workerConcurrency);
    const workers = this.model.ideal ? 1 : this.model.workerConcurrency;
    const grants = this.grantsOf('accountWorker');
    let e = this.model.ideal
      ? (this.sharedWorker ??= this.newEnvironment(this.rates, grants))
      : this.newEnvironment(share, grants, workers);
    while (!this.stopped) {
      // The event source mapping long-polls (WaitTimeSeconds 20): an empty answer is followed by the next poll at once.
      const messages = await this.queue.receiveWaiting(this.model.batchSize, LONG_POLL_MS, this.services.time);
      if (messages.length === 0) continue;
      if (e.env.dead) e = this.newEnvironment(share, grants, workers);
      // The worker function's own body takes the batch; its partial batch response decides what is deleted.
      const invoked = await this.invoke(e, 'accountWorker', FUNCTIONS.accountWorker, sqsEvent(messages), this.resolveIn(e, true));
      if (invoked.ok && invoked.answer) {
        const redeliver = new Set(invoked.answer.batchItemFailures.map((failure) => failure.itemIdentifier));
        for (const message of messages) if (!redeliver.has(message.messageId)) this.queue.delete(message.receiptHandle);
      }
    }
  }

  /**
   * Invokes a function's body in an environment under the function's timeout, with a Lambda context
   * on the simulation's clock. `ok` is false when it crashed, timed out or threw; `answer` is what the
   * body returned, when it returned (even if the environment was found dead afterwards).
   */
  private async invoke<U extends UseCaseClasses, E, R>(
    e: Environment,
    name: FunctionName,
    fn: FunctionDefinition<U, E, R>,
    event: E,
    resolve: InvocationSetting['resolve'] = this.resolveIn(e),
  ): Promise<{ readonly ok: boolean; readonly answer?: R }> {
    const started = this.services.time.now();
    const endsAtMs = started + this.model.timeoutsMs[name];
    const requestId = `${e.env.id}/${this.stats.invocations}`;
    this.stats.invocations += 1;
    e.env.begin(this.model.ideal ? Number.POSITIVE_INFINITY : endsAtMs);
    let answer: R | undefined;
    try {
      answer = await invokeFunction(fn, event, {
        resolve,
        logger: functionLogger(this.services.logger),
        metrics: this.services.metrics,
        context: lambdaContext(name, requestId, endsAtMs, this.services.time),
        endsAtMs,
        now: () => this.services.time.now(),
      });
      e.env.check('handler return');
      return { ok: true, answer };
    } catch (error) {
      if (!(error instanceof SimulatedCrash)) this.stats.handlerErrors += 1;
      else if (error.point.startsWith('timeout')) this.stats.timeouts += 1;
      return answer === undefined ? { ok: false } : { ok: false, answer };
    } finally {
      const took = this.services.time.now() - started;
      this.stats.longestInvocationMs = Math.max(this.stats.longestInvocationMs, took);
      if (name !== 'accountWorker') this.stats.longestStartMs = Math.max(this.stats.longestStartMs, took);
    }
  }

  /**
   * The use cases of an environment, as its container binds them; in a worker, ProcessWorkItem is the
   * environment's worker for each item's run (see {@link workerFor}).
   */
  private resolveIn(e: Environment, worker = false): InvocationSetting['resolve'] {
    const perRun: UseCaseOf<typeof ProcessWorkItem> = { execute: (item, context) => this.workerFor(e, item.runId).execute(item, context) };
    return (useCase) => (worker && (useCase as unknown) === ProcessWorkItem ? perRun : e.container.get(useCase)) as never;
  }

  /**
   * The environment's worker for one run's records, its contact writes attributed to the run: the
   * same use case, limiter and circuit as the environment's, over a view of the contacts API that
   * records each write it makes. (Per run, not per call: no async context to carry.) A child of the
   * environment's container binds those contacts; everything else comes from the environment.
   */
  private workerFor(e: Environment, runId: string): ProcessWorkItem {
    let worker = e.workers.get(runId);
    if (!worker) {
      const contacts = e.env.wrap(this.ledger.contactsFor(runId, e.grants), 'contacts');
      const child = new Container({ parent: e.container });
      child.bind(ResilientContacts).toConstantValue(e.container.get(ResilientContacts).withContacts(contacts));
      worker = child.get(ProcessWorkItem);
      e.workers.set(runId, worker);
    }
    return worker;
  }

  /**
   * An environment pacing itself at `rates`, and at a `workers`th of the tag-read limit, whose calls
   * to Account Management and Organizations IAM judges by `grants` (undefined: everything allowed).
   */
  private newEnvironment(rates: RateSettings, grants: Grants | undefined, workers = 1): Environment {
    this.environments += 1;
    const env = new ExecutionEnvironment(`env-${this.environments}`, this.services.time, this.crashPlan);
    // Starts and sweeps write no member contact: a write outside a worker is recorded as no run's.
    const contacts = this.ledger.contactsFor(NO_RUN, grants);
    // Each environment has its own clients, as each Lambda environment has: its own SDK retry quota,
    // and its own management account and root, asked once.
    const organization = new AwsOrganization(
      simulatedOrganizationsClient(this.services.organizationsService, {
        retryClock: retryClockOf(this.services),
        ...(grants ? { allows: grants } : {}),
      }),
    );
    const services: SimulatedPorts = {
      ...this.services,
      contacts,
      organization,
      notifier: this.notifier,
      workQueue: new SimulatedSqsWorkQueue(this.queue),
      failedEvents: this.failedEvents,
    };
    return {
      env,
      container: createFunctionContainer(services, env, {
        rates,
        tagReads: tagReadLimitFor(workers),
        launch: this.model.launch ?? launchOptionsFor(this.model.ideal ? 1 : this.model.workerConcurrency),
        sweep: DEFAULT_SWEEP_OPTIONS,
      }),
      grants,
      workers: new Map(),
    };
  }
}
