/** How a launch paces itself. */
export interface LaunchOptions {
  /** Accounts per work item: small enough for a worker to finish in well under its timeout at its share of the quotas. */
  readonly accountsPerItem: number;
  /**
   * How long a run that takes a kind over waits before it reads anything: longer than the contacts
   * API takes to show a write to every reader, plus the longest a write already on its way can take
   * to arrive. After it, every write of an older run has landed and shows, so this run overwrites it.
   */
  readonly writeFenceMs: number;
  /** How long one launcher holds a run's launch: longer than the start function's timeout. */
  readonly launchLeaseMs: number;
  /**
   * How long one invocation lists accounts or enqueues items before it stores how far it got and
   * leaves the rest to the sweeper: what bounds an invocation whatever the organization's size.
   */
  readonly sliceMs: number;
}

/** The longest write fence a deployment or the CLI accepts (`WRITE_FENCE_MS`). */
export const MAX_WRITE_FENCE_MS = 120_000;

/** The options of a single worker. */
export const DEFAULT_LAUNCH_OPTIONS: LaunchOptions = Object.freeze({
  accountsPerItem: 25,
  writeFenceMs: 15_000,
  launchLeaseMs: 3 * 60_000,
  sliceMs: 60_000,
});

/**
 * Accounts per work item for `workers` concurrent workers, each pacing itself at `1/workers` of the
 * quotas: an item then takes about as long whatever the concurrency, so that the run's tail (the
 * last items, worked by few workers at their small shares) stays short. 25 for 1 or 2 workers, 12
 * for 4, 5 for 10 and more.
 */
export const accountsPerItemFor = (workers: number): number =>
  Math.max(5, Math.min(DEFAULT_LAUNCH_OPTIONS.accountsPerItem, Math.floor(50 / workers)));

/** The launch options for a worker fleet of `workers`. */
export const launchOptionsFor = (workers: number): LaunchOptions => ({
  ...DEFAULT_LAUNCH_OPTIONS,
  accountsPerItem: accountsPerItemFor(workers),
});
