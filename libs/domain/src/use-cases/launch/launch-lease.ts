import { ClockPort } from '../../ports/clock.port';
import { RandomPort } from '../../ports/random.port';
import { RunStorePort } from '../../ports/run-store.port';

/**
 * A run's launch held by one launcher until its lease runs out: a redelivered event or the sweeper
 * never launches a run beside the invocation still launching it. Taken with {@link LaunchLease.take},
 * renewed before each batch of a long listing, given up at the end of a slice or on an error.
 */
export class LaunchLease {
  private constructor(
    private readonly runs: Pick<RunStorePort, 'claimLaunch'>,
    private readonly clock: ClockPort,
    private readonly runId: string,
    /** Who holds the launch: drawn at random, so that each invocation is a holder of its own. */
    readonly holder: string,
    private readonly leaseMs: number,
  ) {}

  /** Takes the run's launch for a new holder; undefined while another holder's lease runs. */
  static async take(
    runs: Pick<RunStorePort, 'claimLaunch'>,
    clock: ClockPort,
    random: RandomPort,
    runId: string,
    leaseMs: number,
  ): Promise<LaunchLease | undefined> {
    const holder = `launch-${Math.floor(random.next() * 2 ** 48).toString(36)}`;
    const lease = new LaunchLease(runs, clock, runId, holder, leaseMs);
    return (await lease.renew()) ? lease : undefined;
  }

  /** Holds the launch for a full lease from now; false when another holder took it (this one outlived its lease). */
  renew(): Promise<boolean> {
    return this.runs.claimLaunch(this.runId, this.holder, this.clock.now(), this.leaseMs);
  }

  /**
   * Gives the launch up (a lease of 0), so that the event's next delivery or the sweeper carries it
   * on at once instead of waiting the lease out (a crash cannot do this: then the lease runs out).
   */
  async release(): Promise<void> {
    await this.runs.claimLaunch(this.runId, this.holder, this.clock.now(), 0);
  }
}
