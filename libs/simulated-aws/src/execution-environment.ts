import { ClockPort, RandomPort } from '@contact-sync/domain';

/** What the simulator throws where a Lambda execution environment died: the caller never learns more. */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';

  constructor(readonly point: string) {
    super(`the execution environment died (${point})`);
  }
}

/** Where and how often environments die: a probability per port method, right after the call took effect. */
export interface CrashPlan {
  readonly random: RandomPort;
  /** By `port.method` (e.g. `state.completeItem`), or by `port.*`; methods not named never crash. */
  readonly rates: Readonly<Record<string, number>>;
  /** Told of each crash. */
  readonly onCrash?: (point: string) => void;
}

/**
 * One Lambda execution environment. It dies on an injected crash or when an invocation outlives its
 * deadline, and stays dead: every later call through its ports fails, so the work it was doing stops
 * where it stood (as when Lambda kills a process), and the next invocation gets a new environment.
 */
export class ExecutionEnvironment {
  private deathPoint: string | undefined;
  private deadlineMs = Number.POSITIVE_INFINITY;

  constructor(
    readonly id: string,
    private readonly clock: ClockPort,
    private readonly plan?: CrashPlan,
  ) {}

  get dead(): boolean {
    return this.deathPoint !== undefined;
  }

  /** Starts an invocation that must end by `deadlineMs`. */
  begin(deadlineMs: number): void {
    this.deadlineMs = deadlineMs;
  }

  /** Throws if the environment is dead or its invocation ran out of time. */
  check(point: string): void {
    if (!this.dead && this.clock.now() > this.deadlineMs) this.deathPoint = `timeout at ${point}`;
    if (this.deathPoint !== undefined) throw new SimulatedCrash(this.deathPoint);
  }

  /** After a call took effect: maybe dies here, with the plan's `rate` for this point. */
  private maybeCrash(point: string, rate: number): void {
    if (rate > 0 && (this.plan as CrashPlan).random.next() < rate) {
      this.deathPoint = point;
      this.plan?.onCrash?.(point);
    }
    this.check(point);
  }

  /** With the plan's rate, carries out only the first part of a list and dies: a crash part-way through. */
  private async splitCall(point: string, args: unknown[], call: (args: unknown[]) => unknown): Promise<unknown> {
    const list = args[0] as unknown[];
    const rate = this.plan?.rates[point] ?? 0;
    if (rate > 0 && (this.plan as CrashPlan).random.next() < rate) {
      const cut = 1 + Math.floor((this.plan as CrashPlan).random.next() * (list.length - 1));
      await call([list.slice(0, cut), ...args.slice(1)]);
      this.deathPoint = `${point} (part-way)`;
      this.plan?.onCrash?.(point);
      this.check(point);
    }
    const result = await call(args);
    this.check(point);
    return result;
  }

  /**
   * The port as this environment's code sees it: each method fails once the environment is dead,
   * and may kill it right after the call took effect. `split` names methods taking a list that may be
   * cut off half-way (a crash in the middle of enqueueing).
   */
  wrap<T extends object>(port: T, name: string, split: readonly string[] = []): T {
    // A plain object over the port with one wrapper per method, made once (a Proxy trap on every call
    // cost more than the in-memory calls it wrapped). Each wrapper looks the method up when called,
    // so that a method replaced on the port later (a test's spy) is the one called.
    const wrapped = Object.create(port) as Record<string, unknown>;
    for (const property of methodNames(port)) {
      wrapped[property] = this.wrapMethod(port as Record<string, unknown>, property, `${name}.${property}`, split.includes(property));
    }
    return wrapped as T;
  }

  private wrapMethod(target: Record<string, unknown>, property: string, point: string, splittable: boolean) {
    const call = (args: unknown[]) => (target[property] as (...a: unknown[]) => unknown).apply(target, args);
    const rate = this.crashRate(point);
    const afterCall = (settled: unknown) => {
      this.maybeCrash(point, rate);
      return settled;
    };
    return (...args: unknown[]) => {
      this.check(point);
      if (splittable && Array.isArray(args[0]) && args[0].length > 1) return this.splitCall(point, args, call);
      const result = call(args);
      return isPromise(result) ? result.then(afterCall) : result;
    };
  }

  /** The plan's crash rate for a port method: by its name, else by its port's `port.*`. */
  private crashRate(point: string): number {
    return this.plan?.rates[point] ?? this.plan?.rates[`${point.slice(0, point.indexOf('.'))}.*`] ?? 0;
  }
}

/** The names of a port's methods: its own and its classes', up to Object's. */
function methodNames(port: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = port; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const property of Object.getOwnPropertyNames(o)) {
      const descriptor = Object.getOwnPropertyDescriptor(o, property);
      if (property !== 'constructor' && typeof descriptor?.value === 'function') names.add(property);
    }
  }
  return [...names];
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown> | undefined)?.then === 'function';
